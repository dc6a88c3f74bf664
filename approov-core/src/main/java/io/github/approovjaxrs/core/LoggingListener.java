package io.github.approovjaxrs.core;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The default listener when {@code APPROOV_LOGGING_ENABLED} is true: a line per decision through
 * {@link System.Logger} (no logging dependency; it reaches JUL, SLF4J or Log4j like Jersey's own logs).
 * Rejections at INFO, monitor-mode pass-throughs at WARNING, acceptances at DEBUG. A line carries the
 * method, the path and the reason code, never the token, a claim value or the binding header. A rejection's
 * line also says what the client's Approov SDK reported, when it sent anything, as
 * {@link ApproovRequest#approovStatus()} and {@link ApproovRequest#traceId()} make it safe (a known status
 * or {@code unknown}; a short trace id of safe characters), so that a device that was offline
 * ({@code no_network}) can be told from a client with no SDK at all (no status):
 * <pre>
 * Approov: rejected GET /v2/shapes: missing_token [status=no_network trace=4bf92f3577b34da6]
 * </pre>
 *
 * <p>A flood stays readable and bounded: per reason code, separately for refusals and for monitor-mode
 * pass-throughs, the first {@value #LINES_PER_REASON} lines of each interval ({@link #INTERVAL}) are written
 * as above; the rest are counted, and one line per mode sums up such an interval:
 * <pre>
 * Approov: rejected 12,408 requests in the last 1 s: bad_signature x12,400, expired x8
 * Approov (monitor mode): let through 310 failed checks in the last 1 s: missing_token x310; not checked because the token failed: token binding x310
 * </pre>
 * So an interval writes at most {@value #LINES_PER_REASON} lines per reason code it saw, plus one summary
 * line per mode. Acceptances (DEBUG, off by default) are not limited. Every decision still reaches every
 * listener: this limits only the log.
 */
final class LoggingListener implements ApproovListener {

    /** The lines written per reason code (and mode) in each interval before the rest is only counted. */
    static final int LINES_PER_REASON = 10;
    /** The interval over which lines are limited and the rest summed up. */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private static final ApproovFailure[] FAILURES = ApproovFailure.values();
    /** Keys of the limiter: refusals by reason, then monitor-mode failures by reason, then the two skipped checks. */
    private static final int MONITOR = FAILURES.length;
    private static final int BINDING_NOT_CHECKED = 2 * FAILURES.length;
    private static final int SIGNATURE_NOT_CHECKED = BINDING_NOT_CHECKED + 1;
    private static final int KEYS = SIGNATURE_NOT_CHECKED + 1;

    private final System.Logger log;
    private final LogLimiter limiter;

    LoggingListener() {
        this(System.getLogger(LoggingListener.class.getPackageName()), System::nanoTime, LogLimiter.DAEMON);
    }

    /** For tests: where lines go, the clock of the intervals, and the timer that flushes a flood that stopped. */
    LoggingListener(System.Logger log, LongSupplier nanoTime, LogLimiter.Timer timer) {
        this.log = log;
        this.limiter = new LogLimiter(KEYS, LINES_PER_REASON, INTERVAL.toNanos(), nanoTime, timer, this::summarise);
    }

    @Override
    public void accepted(ApproovRequest request, ApproovClaims claims) {
        log.log(Level.DEBUG, () -> "Approov: accepted " + request.method() + " " + request.path());
    }

    @Override
    public void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
        if (!limiter.admit((enforced ? 0 : MONITOR) + failure.ordinal())) {
            return;
        }
        if (enforced) {
            log.log(Level.INFO, () -> "Approov: rejected " + request.method() + " " + request.path() + ": "
                    + failure.code() + clientReport(request));
        } else {
            log.log(Level.WARNING, () -> "Approov (monitor mode): " + request.method() + " " + request.path()
                    + " failed (" + failure.code() + ") and was let through" + clientReport(request));
        }
    }

    @Override
    public void notChecked(ApproovRequest request, ApproovFailure.Stage stage) {
        boolean binding = stage == ApproovFailure.Stage.BINDING;
        if (!limiter.admit(binding ? BINDING_NOT_CHECKED : SIGNATURE_NOT_CHECKED)) {
            return;
        }
        String check = binding ? "token binding" : "message signature";
        log.log(Level.WARNING, () -> "Approov (monitor mode): " + request.method() + " " + request.path() + ": "
                + check + " not checked because the token failed; let through without claims");
    }

    /** " [status=no_network trace=...]" when the client reported anything, else nothing; sanitized by the request. */
    static String clientReport(ApproovRequest request) {
        String status = request.approovStatus().orElse(null);
        String trace = request.traceId().orElse(null);
        if (status == null && trace == null) {
            return "";
        }
        return " [" + (status == null ? "" : "status=" + status) + (status != null && trace != null ? " " : "")
                + (trace == null ? "" : "trace=" + trace) + "]";
    }

    /** One line per mode whose lines were held back in the interval: every count of that mode, largest first. */
    private void summarise(long[] totals, long[] heldBack, long elapsedNanos) {
        String last = " in the last " + Math.max(1, Math.round(elapsedNanos / 1e9)) + " s";
        if (any(heldBack, 0, MONITOR)) {
            log.log(Level.INFO, "Approov: rejected " + number(sum(totals, 0, MONITOR)) + " requests" + last + ": "
                    + counts(totals, 0));
        }
        if (any(heldBack, MONITOR, KEYS)) {
            StringBuilder line = new StringBuilder("Approov (monitor mode): let through ")
                    .append(number(sum(totals, MONITOR, BINDING_NOT_CHECKED))).append(" failed checks").append(last)
                    .append(": ").append(counts(totals, MONITOR));
            if (totals[BINDING_NOT_CHECKED] + totals[SIGNATURE_NOT_CHECKED] > 0) {
                List<String> skipped = new ArrayList<>();
                if (totals[BINDING_NOT_CHECKED] > 0) {
                    skipped.add("token binding x" + number(totals[BINDING_NOT_CHECKED]));
                }
                if (totals[SIGNATURE_NOT_CHECKED] > 0) {
                    skipped.add("message signature x" + number(totals[SIGNATURE_NOT_CHECKED]));
                }
                line.append("; not checked because the token failed: ").append(String.join(", ", skipped));
            }
            log.log(Level.WARNING, line.toString());
        }
    }

    /** "bad_signature x12,400, expired x8" for the failures from {@code offset}, largest count first. */
    private static String counts(long[] totals, int offset) {
        List<ApproovFailure> seen = new ArrayList<>();
        for (ApproovFailure failure : FAILURES) {
            if (totals[offset + failure.ordinal()] > 0) {
                seen.add(failure);
            }
        }
        seen.sort(Comparator.comparingLong((ApproovFailure f) -> totals[offset + f.ordinal()]).reversed());
        List<String> parts = new ArrayList<>();
        for (ApproovFailure failure : seen) {
            parts.add(failure.code() + " x" + number(totals[offset + failure.ordinal()]));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static boolean any(long[] counts, int from, int to) {
        return sum(counts, from, to) > 0;
    }

    private static long sum(long[] counts, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += counts[i];
        }
        return sum;
    }

    private static String number(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
