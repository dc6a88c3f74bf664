package io.github.approovjaxrs.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The claim rules T7, T8 and T10, judged on the strictly parsed payload.
 *
 * <p>Done here rather than by jose4j's validators because jose4j does not require {@code exp}, treats
 * {@code 1e300} as "never expires" and truncates a fractional {@code exp} to whole seconds. Times are
 * turned into whole milliseconds once, exactly: for integer {@code now}, {@code now < x} holds exactly when
 * {@code now < ceil(x)}, so a cached token needs only two long comparisons later.
 */
final class ClaimChecks {

    /** 2^53: the largest {@code exp} whose every integer is exact in a double, as RFC 7519 readers assume. */
    private static final long MAX_EXP = 1L << 53;
    private static final BigDecimal MAX_EXP_DECIMAL = BigDecimal.valueOf(MAX_EXP);
    private static final BigDecimal MIN_NBF_DECIMAL = BigDecimal.valueOf(-MAX_EXP);

    private final long skewMillis;
    private final String expectedAudience;

    ClaimChecks(long skewMillis, String expectedAudience) {
        this.skewMillis = skewMillis;
        this.expectedAudience = expectedAudience;
    }

    /** The time window of an accepted token, in epoch milliseconds: valid while {@code notBefore <= now < expiry}. */
    record Window(long notBeforeMillis, long expiryMillis, Instant expiresAt) {
        boolean contains(long nowMillis) {
            return nowMillis >= notBeforeMillis && nowMillis < expiryMillis;
        }
    }

    /** Judges the types and the audience; returns the failure, or null when they pass. */
    ApproovFailure checkStructure(Map<String, Object> claims) {
        if (!claims.containsKey("exp")) {
            return ApproovFailure.MISSING_EXPIRATION;
        }
        if (!isExpInRange(claims.get("exp"))) {
            return ApproovFailure.MALFORMED_CLAIMS;
        }
        if (claims.containsKey("nbf") && !(claims.get("nbf") instanceof Number)) {
            return ApproovFailure.MALFORMED_CLAIMS;
        }
        if (claims.containsKey("iat") && !(claims.get("iat") instanceof Number)) {
            return ApproovFailure.MALFORMED_CLAIMS;
        }
        if (claims.containsKey("aud") && !isAudienceShape(claims.get("aud"))) {
            return ApproovFailure.MALFORMED_CLAIMS;
        }
        if (expectedAudience != null && !audienceContains(claims.get("aud"), expectedAudience)) {
            return ApproovFailure.AUDIENCE_MISMATCH;
        }
        return null;
    }

    /** The validity window of claims that passed {@link #checkStructure}. */
    Window window(Map<String, Object> claims) {
        Object exp = claims.get("exp");
        long expiry = ceilMillis(exp, skewMillis);
        long notBefore = Long.MIN_VALUE;
        if (claims.get("nbf") instanceof Number nbf) {
            notBefore = notBeforeMillis(nbf);
        }
        return new Window(notBefore, expiry, instant(exp));
    }

    /** The failure of a window at {@code nowMillis}, or null while it holds. */
    static ApproovFailure checkTime(Window window, long nowMillis) {
        if (nowMillis >= window.expiryMillis()) {
            return ApproovFailure.EXPIRED;
        }
        if (nowMillis < window.notBeforeMillis()) {
            return ApproovFailure.NOT_YET_VALID;
        }
        return null;
    }

    private static boolean isExpInRange(Object exp) {
        if (exp instanceof Long seconds) {
            return seconds > 0 && seconds <= MAX_EXP;
        }
        return exp instanceof BigDecimal seconds
                && seconds.signum() > 0 && seconds.compareTo(MAX_EXP_DECIMAL) <= 0;
    }

    /** ceil((seconds ± skew) × 1000); only called on values already known to lie within ±2^53. */
    private static long ceilMillis(Object seconds, long skewMillis) {
        if (seconds instanceof Long whole) {
            return whole * 1000 + skewMillis;
        }
        return ((BigDecimal) seconds).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact()
                + skewMillis;
    }

    private long notBeforeMillis(Number nbf) {
        BigDecimal value = nbf instanceof Long whole ? BigDecimal.valueOf(whole) : (BigDecimal) nbf;
        if (value.compareTo(MAX_EXP_DECIMAL) > 0) {
            return Long.MAX_VALUE; // never valid
        }
        if (value.compareTo(MIN_NBF_DECIMAL) < 0) {
            return Long.MIN_VALUE;
        }
        return ceilMillis(nbf, -skewMillis);
    }

    private static Instant instant(Object exp) {
        if (exp instanceof Long seconds) {
            return Instant.ofEpochSecond(seconds);
        }
        BigDecimal seconds = (BigDecimal) exp;
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.CEILING).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    private static boolean isAudienceShape(Object aud) {
        if (aud instanceof String) {
            return true;
        }
        if (aud instanceof List<?> list) {
            for (Object element : list) {
                if (!(element instanceof String)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean audienceContains(Object aud, String expected) {
        if (aud instanceof String single) {
            return single.equals(expected);
        }
        return aud instanceof List<?> list && list.contains(expected);
    }
}
