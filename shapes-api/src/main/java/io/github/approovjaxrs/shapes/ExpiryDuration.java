package io.github.approovjaxrs.shapes;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the token tool's {@code --expires-in}: a whole number and a unit, e.g. {@code 30s}, {@code 10m},
 * {@code -2h}, {@code 1d}, {@code 1y} (365 days, as the Approov CLI's {@code -genLongLived} counts a year).
 */
final class ExpiryDuration {

    /** Ten years either way: ample for a test token, and an expired token's {@code exp} stays after 1970. */
    static final Duration LIMIT = Duration.ofDays(3650);
    private static final Pattern FORMAT = Pattern.compile("([+-]?)(\\d{1,10})([smhdy])");

    private ExpiryDuration() {
    }

    /**
     * The duration {@code text} stands for; negative when it starts with {@code -}.
     *
     * @throws IllegalArgumentException with a message for the user when it is not one
     */
    static Duration parse(String text) {
        return parse("--expires-in", text);
    }

    /** {@link #parse(String)} for {@code option}, which the messages name. */
    static Duration parse(String option, String text) {
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(option + " takes a whole number and a unit (s, m, h, d or y),"
                    + " e.g. 30s, 10m, 2h, 1d or -5m; got \"" + text + "\"");
        }
        long amount = Long.parseLong(matcher.group(2));
        Duration unit = switch (matcher.group(3)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> Duration.ofDays(365);
        };
        if (amount > LIMIT.dividedBy(unit)) {
            throw new IllegalArgumentException(option + " must be at most " + LIMIT.toDays() + "d (ten years)"
                    + " either way; got \"" + text + "\"");
        }
        Duration duration = unit.multipliedBy(amount);
        return matcher.group(1).equals("-") ? duration.negated() : duration;
    }
}
