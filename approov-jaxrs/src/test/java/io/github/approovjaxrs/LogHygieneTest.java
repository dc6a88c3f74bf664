package io.github.approovjaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Log hygiene (SECURITY.md, promise 4): the whole attack matrix and its legitimate variants are sent with
 * logging on, in enforcing and in monitor mode, and every log line is captured — the library's
 * ({@link System.Logger}, which reaches JUL) and jose4j's (SLF4J, routed to JUL by {@code slf4j-jdk14}) at
 * every level down to FINEST, Jersey's and Grizzly's at the level JUL gives them by default. No line may
 * contain the secret in any encoding, a token (or its signature), a binding header value, or — from the
 * message-signing cases — a {@code Signature} or {@code Signature-Input} value, a signature's bytes in
 * base64, a line of a signature base, an installation key ({@code ipk}) or a request body. The library
 * writes the first lines of each reason per second and sums up the rest of a flood: every reason a listener
 * heard must still have a line of its own, and a summary line may hold only counts and reason codes.
 */
class LogHygieneTest {

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
    /** Loggers at FINEST during the test; held strongly, as JUL only keeps weak references to loggers. */
    static final List<Logger> VERBOSE = List.of(Logger.getLogger("io.github.approovjaxrs"), Logger.getLogger("org.jose4j"));

    /** Collects every record, formatted as a log file would show it, stack traces included. */
    static final class Capture extends Handler {
        final List<String> lines = new ArrayList<>();
        private final SimpleFormatter formatter = new SimpleFormatter();

        Capture() {
            setLevel(Level.ALL);
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

    @Test
    void noLogLineHoldsTheSecretATokenOrABindingValue() {
        AttackMatrix matrix = new AttackMatrix();
        Capture capture = new Capture();
        ApproovFeatureTest.Recorder recorder = new ApproovFeatureTest.Recorder();
        Logger root = Logger.getLogger("");
        Map<Logger, Level> previous = new LinkedHashMap<>();
        for (Logger logger : VERBOSE) {
            previous.put(logger, logger.getLevel());
            logger.setLevel(Level.ALL);
        }
        root.addHandler(capture);
        try {
            for (boolean monitor : List.of(false, true)) {
                Map<AttackMatrix.Target, JerseyServer> servers = new EnumMap<>(AttackMatrix.Target.class);
                for (AttackMatrix.Target target : AttackMatrix.Target.values()) {
                    servers.put(target, new JerseyServer(AttackMatrix.application(target, true, monitor, recorder)).start());
                }
                try {
                    matrix.attacks.forEach(request -> AttackMatrix.send(request, servers));
                    matrix.legitimate.forEach(request -> AttackMatrix.send(request, servers));
                } finally {
                    servers.values().forEach(JerseyServer::stop);
                }
            }
        } finally {
            root.removeHandler(capture);
            previous.forEach(Logger::setLevel);
        }

        List<String> lines;
        synchronized (capture) {
            lines = List.copyOf(capture.lines);
        }
        // The capture really saw the decisions: every reason the listener heard, refused or let through, has a
        // line of its own (the first lines of each reason in every second are written; a flood beyond them is
        // summed up, and a summary line holds only counts and reason codes).
        Set<String> heard = new TreeSet<>();
        for (String event : recorder.events) {
            Matcher rejected = HEARD.matcher(event);
            if (rejected.matches()) {
                heard.add(rejected.group(1) + (rejected.group(2) == null ? "" : " (monitor)"));
            }
        }
        Set<String> logged = new TreeSet<>();
        long rejections = 0;
        long passThroughs = 0;
        long summaries = 0;
        for (String line : lines) {
            Matcher refusal = REFUSAL_LINE.matcher(line);
            Matcher passThrough = PASS_THROUGH_LINE.matcher(line);
            if (refusal.find()) {
                rejections++;
                logged.add(refusal.group(1));
            } else if (passThrough.find()) {
                passThroughs++;
                logged.add(passThrough.group(1) + " (monitor)");
            } else if (line.contains(" in the last ")) {
                summaries++;
                assertTrue(SUMMARY_LINE.matcher(line).find(), "a summary line holds counts and reason codes only: " + line);
            } else {
                assertFalse(line.contains("Approov: rejected ") || line.contains("Approov (monitor mode): ")
                        && !NOT_CHECKED_LINE.matcher(line).find(),
                        "a decision line holds its reason code and the client's report as made safe, nothing else: " + line);
            }
        }
        long acceptances = lines.stream().filter(l -> l.contains("Approov: accepted ")).count();
        // The signing servers require neither an ipk nor an account signature on every request (so a token
        // without mskid is never asked for one), and no body fails to be read.
        assertTrue(heard.containsAll(MESSAGE_SIGNING_CODES.stream()
                .filter(c -> !Set.of("missing_installation_key", "message_body_unreadable", "missing_account_key_id")
                        .contains(c)).toList()),
                "the matrix exercised every other message-signature reason: " + heard);
        assertEquals(heard, logged, "every reason heard has a line of its own");
        assertTrue(acceptances >= 2L * matrix.legitimate.size(), "acceptances logged at DEBUG: " + acceptances);
        // What the client's SDK reported reaches the lines only as made safe: REPORT is all a decision line may
        // add to its reason code (the lines of an offline device's refusal are asserted in LoggingListenerTest
        // and QuickstartHarnessIT; here a flood of missing_token may hold them back).
        long reported = lines.stream().filter(l -> l.contains(" [status=") || l.contains(" [trace=")).count();

        Map<String, String> forbidden = forbiddenStrings(matrix);
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
        System.out.println("Log hygiene: " + recorder.events.size() + " decisions heard (" + heard.size()
                + " reasons, refused or let through); " + lines.size() + " log lines captured (" + rejections + " rejections, "
                + passThroughs + " monitor-mode pass-throughs, " + summaries + " flood summaries, " + reported
                + " with the client's report, " + acceptances
                + " acceptances) and searched for " + forbidden.size() + " forbidden strings; leaks: " + leaks.size());
        assertEquals(List.of(), leaks);
    }

    /** Each string no log line may contain, with what it is. */
    static Map<String, String> forbiddenStrings(AttackMatrix matrix) {
        Map<String, String> forbidden = new LinkedHashMap<>();
        byte[] secret = TestSecret.SECRET;
        forbidden.put(new String(secret, StandardCharsets.ISO_8859_1), "the raw secret");
        forbidden.put(Base64.getEncoder().encodeToString(secret), "the secret in base64");
        forbidden.put(Base64.getEncoder().withoutPadding().encodeToString(secret), "the secret in unpadded base64");
        forbidden.put(Base64.getUrlEncoder().withoutPadding().encodeToString(secret), "the secret in base64url");
        forbidden.put(HexFormat.of().formatHex(secret), "the secret in hex");
        forbidden.put(HexFormat.of().withUpperCase().formatHex(secret), "the secret in upper-case hex");
        // A partial leak counts too: the first 12 characters of every encoding.
        byte[] accountKey = AttackMatrix.ACCOUNT_KEY;
        forbidden.put(new String(accountKey, StandardCharsets.ISO_8859_1), "the raw account message-signing key");
        forbidden.put(Base64.getEncoder().encodeToString(accountKey), "the account key in base64");
        forbidden.put(Base64.getUrlEncoder().withoutPadding().encodeToString(accountKey), "the account key in base64url");
        forbidden.put(HexFormat.of().formatHex(accountKey), "the account key in hex");
        new ArrayList<>(forbidden.entrySet()).forEach(e -> forbidden.put(e.getKey().substring(0, 12), e.getValue() + " (prefix)"));
        // A signature base never reaches a log: each of its lines starts with a quoted component name.
        for (String baseLine : List.of("\"@signature-params\"", "\"@method\": ", "\"@target-uri\": ", "\"approov-token\": ")) {
            forbidden.put(baseLine, "a signature base line");
        }
        String ipk = ApproovTokens.ipk(AttackMatrix.DEVICE.getPublic());
        forbidden.put(ipk, "the installation key (ipk)");
        forbidden.put(ipk.substring(ipk.length() - 24), "the installation key's point (the end of the ipk)");
        for (AttackMatrix.Request request : matrix.attacks) {
            collect(request, forbidden);
        }
        for (AttackMatrix.Request request : matrix.legitimate) {
            collect(request, forbidden);
        }
        return forbidden;
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
