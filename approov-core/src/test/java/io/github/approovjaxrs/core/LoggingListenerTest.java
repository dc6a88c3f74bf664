package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.testing.ApproovTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The default logging under a flood (SECURITY.md, promise 8): the first {@value LoggingListener#LINES_PER_REASON}
 * lines of each reason per interval as before, then one summary line per interval with exact counts, flushed
 * by the next event or, when the flood stops, by the timer. The clock and the timer are the test's own, so
 * nothing here depends on how fast the machine is.
 */
class LoggingListenerTest {

    static final long NOW = 1_700_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    static final byte[] FORGER_SECRET = "a-forger-s-secret-a-forger-s-sec".getBytes(StandardCharsets.US_ASCII);
    static final String PATH = "/v2/shapes";
    /** An old-format refusal line, as the walkthrough shows it. */
    static final Pattern REFUSAL = Pattern.compile("INFO Approov: rejected GET /v2/shapes: ([a-z_]+)");
    static final Pattern SUMMARY = Pattern.compile("INFO Approov: rejected ([0-9,]+) requests in the last (\\d+) s: (.+)");
    static final Pattern COUNT = Pattern.compile("([a-z_]+) x([0-9,]+)");

    /** A System.Logger that keeps each line as "LEVEL message". */
    static final class Lines implements System.Logger {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            lines.add(level + " " + message);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... parameters) {
            lines.add(level + " " + (parameters == null ? format : MessageFormat.format(format, parameters)));
        }

        List<String> snapshot() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }
    }

    /** The test's clock (nanoseconds) and timer: a scheduled task runs when the test says so. */
    static final class Time {
        final AtomicLong nanos = new AtomicLong();
        final List<Runnable> tasks = Collections.synchronizedList(new ArrayList<>());
        /** The delay of every task scheduled so far. */
        final List<Long> delays = Collections.synchronizedList(new ArrayList<>());

        void schedule(Runnable task, long delayNanos) {
            tasks.add(task);
            delays.add(delayNanos);
        }

        /** Runs the tasks scheduled so far, as the timer thread would. */
        void runTimer() {
            List<Runnable> due;
            synchronized (tasks) {
                due = List.copyOf(tasks);
                tasks.clear();
            }
            due.forEach(Runnable::run);
        }
    }

    /** Counts what every listener hears. */
    static final class Heard implements ApproovListener {
        final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        @Override
        public void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
            counts.computeIfAbsent(failure.code() + (enforced ? "" : " (monitor)"), k -> new LongAdder()).increment();
        }

        @Override
        public void notChecked(ApproovRequest request, ApproovFailure.Stage stage) {
            counts.computeIfAbsent(stage + " not checked", k -> new LongAdder()).increment();
        }

        long total() {
            return counts.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    final Lines log = new Lines();
    final Time time = new Time();
    final Heard heard = new Heard();

    ApproovCheck check(ApproovConfig.Builder config) {
        return ApproovCheck.builder(config.base64Secret(TestSecret.SECRET_BASE64).clock(CLOCK).build())
                .logging(new LoggingListener(log, time.nanos::get, time::schedule))
                .listener(heard)
                .build();
    }

    static ApproovRequest request(String token) {
        return ApproovRequest.builder().method("GET").target(URI.create("https://api.example.com" + PATH))
                .header("Approov-Token", token).header("Authorization", "Bearer 0123456789abcdef").build();
    }

    /** Forgery {@code i}: 7 in 10 signed with another secret, the rest expired, malformed or of alg none; all distinct. */
    static String forgery(int i) {
        return switch (i % 10) {
            case 7 -> ApproovTokens.sign(ApproovTokens.HS256_HEADER, "{\"exp\":" + (NOW - 60) + ",\"n\":" + i + "}", TestSecret.SECRET);
            case 8 -> "not-a-token-" + i;
            case 9 -> ApproovTokens.b64url("{\"alg\":\"none\"}") + "." + ApproovTokens.b64url("{\"exp\":" + (NOW + 60) + ",\"n\":" + i + "}")
                    + "." + ApproovTokens.b64url("sig" + i);
            default -> ApproovTokens.sign(ApproovTokens.HS256_HEADER, "{\"exp\":" + (NOW + 60) + ",\"n\":" + i + "}", FORGER_SECRET);
        };
    }

    @Test
    void tenThousandForgeriesInOneSecondWriteTenLinesAndOneSummary() {
        ApproovCheck check = check(ApproovConfig.builder());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(ApproovFailure.BAD_SIGNATURE, ((ApproovDecision.Refused) check.decide(request(forgery(i * 10)),
                    ApproovRequirements.token())).reason());
        }
        // The flood stopped: nothing more arrives, so the timer sums it up once its second is over.
        assertEquals(Collections.nCopies(LoggingListener.LINES_PER_REASON, "INFO Approov: rejected GET /v2/shapes: bad_signature"),
                log.snapshot(), "the first lines, as before; the rest only counted so far");
        assertEquals(1, time.delays.size(), "a flood asks the timer once");
        time.nanos.addAndGet(SECOND);
        time.runTimer();

        List<String> lines = log.snapshot();
        System.out.println("10,000 forged tokens in one second: " + lines.size() + " log lines; the last: " + lines.get(lines.size() - 1));
        assertEquals(LoggingListener.LINES_PER_REASON + 1, lines.size());
        assertEquals("INFO Approov: rejected 10,000 requests in the last 1 s: bad_signature x10,000", lines.get(lines.size() - 1));
        assertEquals(10_000, heard.counts.get("bad_signature").sum(), "every decision reached the other listener");
    }

    @Test
    void tenThousandForgeriesOfFourKindsOverFourSecondsStayWithinTheBound() {
        ApproovCheck check = check(ApproovConfig.builder());
        long step = 4 * SECOND / 10_000; // 2,500 requests a second
        for (int i = 0; i < 10_000; i++) {
            check.decide(request(forgery(i)), ApproovRequirements.token());
            time.nanos.addAndGet(step);
        }
        time.runTimer();

        List<String> lines = log.snapshot();
        int intervals = 4;
        int reasons = 4;
        int bound = intervals * (reasons * LoggingListener.LINES_PER_REASON + 1);
        System.out.println("10,000 forged tokens of " + reasons + " reasons over " + intervals + " s: " + lines.size()
                + " log lines (bound " + bound + ")");
        assertTrue(lines.size() <= bound, lines.size() + " lines, over the bound of " + bound);
        List<String> summaries = lines.stream().filter(l -> SUMMARY.matcher(l).matches()).toList();
        assertEquals(List.of(
                "INFO Approov: rejected 2,500 requests in the last 1 s: bad_signature x1,750, malformed_token x250, "
                        + "algorithm_not_allowed x250, expired x250",
                "INFO Approov: rejected 2,500 requests in the last 1 s: bad_signature x1,750, malformed_token x250, "
                        + "algorithm_not_allowed x250, expired x250",
                "INFO Approov: rejected 2,500 requests in the last 1 s: bad_signature x1,750, malformed_token x250, "
                        + "algorithm_not_allowed x250, expired x250",
                "INFO Approov: rejected 2,500 requests in the last 1 s: bad_signature x1,750, malformed_token x250, "
                        + "algorithm_not_allowed x250, expired x250"), summaries);
        // Every other line is a refusal line exactly as before, ten per reason in each interval.
        Map<String, Integer> perReason = new TreeMap<>();
        for (String line : lines) {
            if (!summaries.contains(line)) {
                Matcher refusal = REFUSAL.matcher(line);
                assertTrue(refusal.matches(), "not the old format: " + line);
                perReason.merge(refusal.group(1), 1, Integer::sum);
            }
        }
        assertEquals(Map.of("algorithm_not_allowed", 40, "bad_signature", 40, "expired", 40, "malformed_token", 40), perReason);
        assertEquals(bound, lines.size());
        assertEquals(10_000, heard.total(), "every decision reached the other listener");
        assertEquals(Map.of("bad_signature", 7_000L, "expired", 1_000L, "malformed_token", 1_000L, "algorithm_not_allowed", 1_000L),
                summed(summaries), "the summaries count every request exactly once");
    }

    @Test
    void aQuietTrickleIsLoggedLineByLine() {
        ApproovCheck check = check(ApproovConfig.builder());
        for (int i = 0; i < 100; i++) {
            check.decide(request(forgery(i * 10)), ApproovRequirements.token());
            time.nanos.addAndGet(SECOND / 5); // five a second: half the lines an interval allows
        }
        time.runTimer();
        assertEquals(100, log.snapshot().size());
        assertTrue(log.snapshot().stream().allMatch(l -> l.equals("INFO Approov: rejected GET /v2/shapes: bad_signature")));
        assertEquals(List.of(), time.delays, "nothing held back, nothing to flush");
    }

    @Test
    void monitorModeIsLimitedLikewise() {
        ApproovCheck check = check(ApproovConfig.builder().abortOnInvalidToken(false));
        for (int i = 0; i < 10_000; i++) {
            assertTrue(check.decide(request(forgery(i * 10)), ApproovRequirements.token().withBinding())
                    instanceof ApproovDecision.LetThrough);
        }
        time.nanos.addAndGet(SECOND);
        time.runTimer();

        List<String> lines = log.snapshot();
        assertEquals(2 * LoggingListener.LINES_PER_REASON + 1, lines.size(), String.join("\n", lines));
        assertEquals(LoggingListener.LINES_PER_REASON, lines.stream().filter(l -> l.equals(
                "WARNING Approov (monitor mode): GET /v2/shapes failed (bad_signature) and was let through")).count());
        assertEquals(LoggingListener.LINES_PER_REASON, lines.stream().filter(l -> l.equals("WARNING Approov (monitor mode): "
                + "GET /v2/shapes: token binding not checked because the token failed; let through without claims")).count());
        assertEquals("WARNING Approov (monitor mode): let through 10,000 failed checks in the last 1 s: bad_signature x10,000; "
                + "not checked because the token failed: token binding x10,000", lines.get(lines.size() - 1));
        assertEquals(10_000, heard.counts.get("bad_signature (monitor)").sum());
        assertEquals(10_000, heard.counts.get("BINDING not checked").sum());
    }

    @Test
    void refusalsAndMonitorModeFailuresAreSummedUpApart() {
        // Tokens enforced, bindings watched: a refusal and a pass-through are different lines of different modes.
        ApproovCheck check = check(ApproovConfig.builder().abortOnInvalidBinding(false));
        String bound = ApproovTokens.sign(ApproovTokens.HS256_HEADER, "{\"exp\":" + (NOW + 60) + ",\"pay\":\"" + ApproovTokens.pay("other") + "\"}",
                TestSecret.SECRET);
        for (int i = 0; i < 30; i++) {
            check.decide(request(forgery(i * 10)), ApproovRequirements.token().withBinding());
            check.decide(request(bound), ApproovRequirements.token().withBinding());
        }
        time.nanos.addAndGet(SECOND);
        time.runTimer();
        List<String> lines = log.snapshot();
        assertEquals(2 * LoggingListener.LINES_PER_REASON + 2, lines.size(), String.join("\n", lines));
        assertTrue(lines.contains("INFO Approov: rejected 30 requests in the last 1 s: bad_signature x30"), String.join("\n", lines));
        assertTrue(lines.contains("WARNING Approov (monitor mode): let through 30 failed checks in the last 1 s: binding_mismatch x30"),
                String.join("\n", lines));
    }

    @Test
    void theNextEventAfterTheIntervalWritesTheSummaryFirst() {
        ApproovCheck check = check(ApproovConfig.builder());
        for (int i = 0; i < 25; i++) {
            check.decide(request(forgery(i * 10)), ApproovRequirements.token());
        }
        time.nanos.addAndGet(SECOND + 1);
        check.decide(request("not-a-token"), ApproovRequirements.token());

        List<String> lines = log.snapshot();
        assertEquals(LoggingListener.LINES_PER_REASON + 2, lines.size());
        assertEquals("INFO Approov: rejected 25 requests in the last 1 s: bad_signature x25", lines.get(lines.size() - 2));
        assertEquals("INFO Approov: rejected GET /v2/shapes: malformed_token", lines.get(lines.size() - 1),
                "a new interval: its first line is written again");
        time.runTimer(); // the timer finds nothing left to write
        assertEquals(LoggingListener.LINES_PER_REASON + 2, log.snapshot().size());
    }

    @Test
    void aTimerThatRunsBeforeTheIntervalEndsWritesNothingAndAsksAgain() {
        ApproovCheck check = check(ApproovConfig.builder());
        for (int i = 0; i < 12; i++) {
            check.decide(request(forgery(i * 10)), ApproovRequirements.token());
        }
        time.nanos.addAndGet(SECOND / 2);
        time.runTimer();
        assertEquals(LoggingListener.LINES_PER_REASON, log.snapshot().size());
        assertEquals(List.of(SECOND / 2), time.delays.subList(1, 2), "asked again for the rest of the interval");
        time.nanos.addAndGet(SECOND / 2);
        time.runTimer();
        assertEquals("INFO Approov: rejected 12 requests in the last 1 s: bad_signature x12", log.snapshot().get(LoggingListener.LINES_PER_REASON));
    }

    @Test
    void countsStayExactUnderConcurrentFloods() throws Exception {
        LoggingListener logging = new LoggingListener(log, time.nanos::get, time::schedule);
        ApproovRequest request = request("x");
        int threads = 8;
        int perThread = 2_500;
        long step = 199_000; // 20,000 events over 3.98 s: four intervals of some 5,000 each
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        time.nanos.addAndGet(step);
                        logging.rejected(request, i % 2 == 0 ? ApproovFailure.BAD_SIGNATURE : ApproovFailure.EXPIRED, true);
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        time.nanos.addAndGet(SECOND);
        time.runTimer();

        List<String> lines = log.snapshot();
        List<String> summaries = lines.stream().filter(l -> SUMMARY.matcher(l).matches()).toList();
        assertEquals(4, summaries.size(), String.join("\n", summaries));
        assertEquals(Map.of("bad_signature", 10_000L, "expired", 10_000L), summed(summaries), "no increment lost or counted twice");
        assertEquals(summaries.size() * 2L * LoggingListener.LINES_PER_REASON, lines.size() - summaries.size(),
                "ten lines per reason in each interval");
    }

    /** A refused request with the client's report headers as name, value pairs. */
    static ApproovRequest reporting(String... headers) {
        ApproovRequest.Builder request = ApproovRequest.builder().method("GET")
                .target(URI.create("https://api.example.com" + PATH));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.build();
    }

    @Test
    void aRejectionSaysWhatTheClientsSdkReported() {
        ApproovCheck check = check(ApproovConfig.builder());
        List<ApproovRequest> seen = new ArrayList<>();
        ApproovCheck listening = ApproovCheck.builder(check.config()).listener(new ApproovListener() {
            @Override
            public void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
                seen.add(request);
            }
        }).logging(new LoggingListener(log, time.nanos::get, time::schedule)).build();
        listening.decide(reporting("Approov-Status", "no_network", "Approov-TraceID", "4bf92f3577b34da6"),
                ApproovRequirements.token());
        listening.decide(reporting("Approov-Status", "POOR_NETWORK"), ApproovRequirements.token());
        listening.decide(reporting("Approov-TraceID", "trace-123"), ApproovRequirements.token());
        listening.decide(reporting("Approov-Status", "offline, probably"), ApproovRequirements.token());
        listening.decide(reporting(), ApproovRequirements.token());
        assertEquals(List.of(
                "INFO Approov: rejected GET /v2/shapes: missing_token [status=no_network trace=4bf92f3577b34da6]",
                "INFO Approov: rejected GET /v2/shapes: missing_token [status=poor_network]",
                "INFO Approov: rejected GET /v2/shapes: missing_token [trace=trace-123]",
                "INFO Approov: rejected GET /v2/shapes: missing_token [status=unknown]",
                "INFO Approov: rejected GET /v2/shapes: missing_token"), log.snapshot());
        assertEquals(java.util.Arrays.asList("no_network", "poor_network", null, "unknown", null),
                seen.stream().map(r -> r.approovStatus().orElse(null)).toList(), "what the listener saw");
        assertEquals(java.util.Arrays.asList("4bf92f3577b34da6", null, "trace-123", null, null),
                seen.stream().map(r -> r.traceId().orElse(null)).toList());
    }

    @Test
    void monitorModeLinesCarryTheReportTooUnderTheConfiguredHeaderNames() {
        ApproovCheck check = check(ApproovConfig.builder().abortOnInvalidToken(false)
                .statusHeaderName("X-Sdk-Status").traceIdHeaderName("X-Sdk-Trace"));
        check.decide(reporting("X-Sdk-Status", "untrusted_network", "X-Sdk-Trace", "t-1",
                "Approov-Status", "success"), ApproovRequirements.token());
        assertEquals(List.of("WARNING Approov (monitor mode): GET /v2/shapes failed (missing_token) and was let through"
                + " [status=untrusted_network trace=t-1]"), log.snapshot());
    }

    @Test
    void noHostileStatusOrTraceValueReachesALogLine() {
        ApproovCheck check = check(ApproovConfig.builder());
        Map<String, String> hostile = ClientReportTest.hostileValues();
        for (String value : hostile.values()) {
            check.decide(reporting("Approov-Token", forgery(0), "Approov-Status", value), ApproovRequirements.token());
            check.decide(reporting("Approov-Token", "x", "Approov-TraceID", value), ApproovRequirements.token());
            check.decide(reporting("Approov-Status", value, "Approov-TraceID", value), ApproovRequirements.token());
        }
        time.nanos.addAndGet(SECOND);
        time.runTimer();
        List<String> lines = log.snapshot();
        assertEquals(3 * LoggingListener.LINES_PER_REASON + 1, lines.size(), "three reasons, ten lines each, and a summary");
        for (String line : lines) {
            assertTrue(line.matches("INFO Approov: rejected (GET /v2/shapes: [a-z_]+( \\[status=unknown])?"
                    + "|[0-9,]+ requests in the last 1 s: [a-z_ x0-9,]+)"), "only codes and known words: " + line);
            hostile.forEach((what, value) -> assertTrue(!line.contains(value) && !line.contains(value.substring(0, 8)),
                    what + " in: " + line));
        }
    }

    /** The counts of {@code summaries} added up per reason, checking each line's total against its parts. */
    static Map<String, Long> summed(List<String> summaries) {
        Map<String, Long> sums = new TreeMap<>();
        for (String line : summaries) {
            Matcher summary = SUMMARY.matcher(line);
            assertTrue(summary.matches(), line);
            long total = 0;
            Matcher count = COUNT.matcher(summary.group(3));
            while (count.find()) {
                long n = Long.parseLong(count.group(2).replace(",", ""));
                sums.merge(count.group(1), n, Long::sum);
                total += n;
            }
            assertEquals(Long.parseLong(summary.group(1).replace(",", "")), total, line);
        }
        return sums;
    }
}
