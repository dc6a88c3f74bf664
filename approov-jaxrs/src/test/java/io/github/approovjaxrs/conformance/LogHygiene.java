package io.github.approovjaxrs.conformance;

import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Log hygiene (SECURITY.md, promise 4): captures every log line written through {@code java.util.logging} while
 * the attack matrix runs — the library's ({@link System.Logger}, which reaches JUL) at every level down to FINEST,
 * jose4j's where SLF4J is routed to JUL, the runtime's where it logs through JUL — and finds the strings no line may
 * hold: the secret or the account message-signing key in any encoding, a token (or its signature), a binding
 * header value, a {@code Signature} or {@code Signature-Input} value, a signature's bytes, a line of a signature
 * base, an installation key ({@code ipk}), a request body, or any of a hostile {@code Approov-Status} or
 * {@code Approov-TraceID} (a decision line may end with the client's report only as the core made it safe:
 * {@link #REPORT}).
 */
final class LogHygiene {

    /** Header values shorter than this ("x", "null", "   ") are too short to mean anything as a search. */
    static final int MIN_SECRET_LENGTH = 10;
    /** The base64 inside a Byte Sequence or sf-String, at least 16 characters long. */
    static final Pattern SIGNATURE_BYTES = Pattern.compile("[:\"]([A-Za-z0-9+/_-]{16,}={0,2})[:\"]");
    /** The reason codes of the message-signature check (stage MESSAGE_SIGNATURE). */
    static final List<String> MESSAGE_SIGNING_CODES = java.util.Arrays.stream(ApproovFailure.values())
            .filter(f -> f.stage() == ApproovFailure.Stage.MESSAGE_SIGNATURE).map(ApproovFailure::code).toList();
    /** A decision a listener heard: its reason code, and whether it was let through (monitor mode). */
    static final Pattern HEARD = Pattern.compile("rejected \\S+ \\S+ ([a-z_]+)( \\(monitor\\))?");
    /**
     * What the client's SDK reported, as a line may end with it: a known status or "unknown", and only the
     * matrix's one safe trace id (any other value the matrix sends is hostile).
     */
    static final String REPORT = "(?: \\[(?:status=(?:" + String.join("|", AttackMatrix.SDK_STATUSES) + "|unknown))?"
            + "(?: ?trace=" + AttackMatrix.SAFE_TRACE_ID + ")?\\])?";
    /** A refusal's own line, and a monitor-mode pass-through's: the reason code, and what the client reported. */
    static final Pattern REFUSAL_LINE = Pattern.compile("Approov: rejected \\S+ \\S+: ([a-z_]+)" + REPORT + "$",
            Pattern.MULTILINE);
    static final Pattern PASS_THROUGH_LINE = Pattern.compile("Approov \\(monitor mode\\): \\S+ \\S+ failed \\(([a-z_]+)\\) and was"
            + " let through" + REPORT + "$", Pattern.MULTILINE);
    /** A monitor-mode line for a binding or signature not judged because the token failed. */
    static final Pattern NOT_CHECKED_LINE = Pattern.compile("Approov \\(monitor mode\\): \\S+ \\S+: (?:token binding|message"
            + " signature) not checked because the token failed; let through without claims$", Pattern.MULTILINE);
    /** A flood's summary line: numbers, reason codes and fixed words, nothing from a request. */
    static final Pattern SUMMARY_LINE = Pattern.compile("Approov(?:: rejected [0-9,]+ requests| \\(monitor mode\\): let through "
            + "[0-9,]+ failed checks) in the last [0-9]+ s: (?:none|[a-z_]+ x[0-9,]+(?:, [a-z_]+ x[0-9,]+)*)"
            + "(?:; not checked because the token failed: [a-z ]+ x[0-9,]+(?:, [a-z ]+ x[0-9,]+)?)?$", Pattern.MULTILINE);
    /** Loggers at FINEST during the capture; held strongly, as JUL only keeps weak references to loggers. */
    static final List<Logger> VERBOSE = List.of(Logger.getLogger("io.github.approovjaxrs"), Logger.getLogger("org.jose4j"));

    private LogHygiene() {
    }

    /** Collects every record on the root logger, formatted as a log file would show it, stack traces included. */
    static final class Capture extends Handler {
        private final List<String> lines = new ArrayList<>();
        private final SimpleFormatter formatter = new SimpleFormatter();
        private final Map<Logger, Level> previous = new LinkedHashMap<>();

        Capture() {
            setLevel(Level.ALL);
        }

        /** Starts capturing, the library's and jose4j's loggers at every level. */
        Capture start() {
            for (Logger logger : VERBOSE) {
                previous.put(logger, logger.getLevel());
                logger.setLevel(Level.ALL);
            }
            Logger.getLogger("").addHandler(this);
            return this;
        }

        /** Stops capturing and gives the lines captured. */
        synchronized List<String> stop() {
            Logger.getLogger("").removeHandler(this);
            previous.forEach(Logger::setLevel);
            return List.copyOf(lines);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            lines.add(record.getLoggerName() + " " + record.getLevel() + " " + formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Each string no log line may contain, with what it is, for the requests sent. */
    static Map<String, String> forbiddenStrings(List<AttackMatrix.Request> requests) {
        Map<String, String> forbidden = new LinkedHashMap<>();
        byte[] secret = TestSecret.SECRET;
        forbidden.put(new String(secret, StandardCharsets.ISO_8859_1), "the raw secret");
        forbidden.put(Base64.getEncoder().encodeToString(secret), "the secret in base64");
        forbidden.put(Base64.getEncoder().withoutPadding().encodeToString(secret), "the secret in unpadded base64");
        forbidden.put(Base64.getUrlEncoder().withoutPadding().encodeToString(secret), "the secret in base64url");
        forbidden.put(HexFormat.of().formatHex(secret), "the secret in hex");
        forbidden.put(HexFormat.of().withUpperCase().formatHex(secret), "the secret in upper-case hex");
        byte[] accountKey = AttackMatrix.ACCOUNT_KEY;
        forbidden.put(new String(accountKey, StandardCharsets.ISO_8859_1), "the raw account message-signing key");
        forbidden.put(Base64.getEncoder().encodeToString(accountKey), "the account key in base64");
        forbidden.put(Base64.getUrlEncoder().withoutPadding().encodeToString(accountKey), "the account key in base64url");
        forbidden.put(HexFormat.of().formatHex(accountKey), "the account key in hex");
        // A partial leak counts too: the first 12 characters of every encoding.
        new ArrayList<>(forbidden.entrySet()).forEach(e -> forbidden.put(e.getKey().substring(0, 12), e.getValue() + " (prefix)"));
        // A signature base never reaches a log: each of its lines starts with a quoted component name.
        for (String baseLine : List.of("\"@signature-params\"", "\"@method\": ", "\"@target-uri\": ", "\"approov-token\": ")) {
            forbidden.put(baseLine, "a signature base line");
        }
        String ipk = ApproovTokens.ipk(AttackMatrix.DEVICE.getPublic());
        forbidden.put(ipk, "the installation key (ipk)");
        forbidden.put(ipk.substring(ipk.length() - 24), "the installation key's point (the end of the ipk)");
        for (AttackMatrix.Request request : requests) {
            collect(request, forbidden);
            if (request.original() != null) {
                collect(request.original(), forbidden); // a replay's original, sent just before it
            }
        }
        return forbidden;
    }

    /** Every leak in {@code lines}: a forbidden string, or a base64url JSON segment. */
    static List<String> leaks(List<String> lines, Map<String, String> forbidden) {
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            for (Map.Entry<String, String> entry : forbidden.entrySet()) {
                if (line.contains(entry.getKey())) {
                    leaks.add(entry.getValue() + " in: " + line.strip());
                }
            }
            // Every JWS header or payload of a JSON object starts with "eyJ" ('{"'): none may reach a log.
            if (line.contains("eyJ")) {
                leaks.add("a base64url JSON segment in: " + line.strip());
            }
        }
        return leaks;
    }

    private static void collect(AttackMatrix.Request request, Map<String, String> forbidden) {
        List<String> headers = request.headers();
        for (int i = 0; i < headers.size(); i += 2) {
            String name = headers.get(i);
            String value = headers.get(i + 1);
            // What an SDK sends, and a log line may say: the known statuses and the matrix's safe trace id.
            if (name.equalsIgnoreCase("Approov-Status") && AttackMatrix.SDK_STATUSES.contains(value)
                    || name.equalsIgnoreCase("Approov-TraceID") && value.equals(AttackMatrix.SAFE_TRACE_ID)) {
                continue;
            }
            if (value.strip().length() >= MIN_SECRET_LENGTH) {
                forbidden.putIfAbsent(value.strip(), "a header value sent by \"" + request + "\"");
            }
            // The client's report is the one place a header's own text may reach a line: not even part of it.
            if ((name.equalsIgnoreCase("Approov-Status") || name.equalsIgnoreCase("Approov-TraceID"))
                    && value.strip().length() > 16) {
                forbidden.putIfAbsent(value.strip().substring(0, 16), "the start of a report sent by \"" + request + "\"");
            }
            String[] segments = value.split("\\.");
            if (segments.length >= 3 && segments[2].length() >= MIN_SECRET_LENGTH) {
                forbidden.putIfAbsent(segments[2], "a token signature sent by \"" + request + "\"");
            }
            // A message signature's bytes (or a digest) alone, as a byte sequence :...: or an sf-String "..."
            Matcher base64 = SIGNATURE_BYTES.matcher(value);
            while (base64.find()) {
                forbidden.putIfAbsent(base64.group(1), "signature or digest bytes sent by \"" + request + "\"");
            }
        }
        if (request.body() != null && request.body().length() >= MIN_SECRET_LENGTH) {
            forbidden.putIfAbsent(request.body().length() > 64 ? request.body().substring(0, 64) : request.body(),
                    "a body sent by \"" + request + "\"");
        }
    }
}
