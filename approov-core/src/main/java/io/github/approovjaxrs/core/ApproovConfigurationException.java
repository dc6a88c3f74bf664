package io.github.approovjaxrs.core;

import java.util.Objects;

/**
 * Thrown at start-up when the Approov configuration is missing or invalid.
 *
 * <p>The message names the setting (environment variable or builder method) and says how to fix it. It
 * never contains a secret or key material, so it is safe to print and log.
 */
public final class ApproovConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** Long enough for the words, numbers, header names and short paths a typo produces; no secret fits. */
    private static final int MAXIMUM_QUOTED_LENGTH = 16;
    /** From this length, a mix of upper case, lower case and digits alone is taken for key material. */
    private static final int KEY_LIKE_LENGTH = 12;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it; must not contain secrets
     */
    public ApproovConfigurationException(String message) {
        super(message);
    }

    /**
     * How a message about a setting shows the value it refuses; the one rule of this library and its apps.
     * The value is quoted ({@code "yes"}) only when it is at most 16 characters of printable ASCII and does not
     * look like key material (12 or more characters of the base64 alphabets mixing upper case, lower case and
     * digits); otherwise the message gives its length only ({@code a value of 88 characters}). So a secret or
     * token pasted into the wrong variable never reaches a console or a log (Approov's secret is 44 characters
     * of base64 or more, a token hundreds), and no value can break a one-line message or a terminal.
     *
     * @param value the refused value, as configured
     * @return the text to put in the message in place of the value
     */
    public static String quoteSafely(String value) {
        Objects.requireNonNull(value, "value");
        boolean printable = value.chars().allMatch(c -> c >= ' ' && c <= '~');
        return value.length() <= MAXIMUM_QUOTED_LENGTH && printable && !looksLikeKeyMaterial(value)
                ? "\"" + value + "\""
                : "a value of " + value.length() + " characters";
    }

    /** 12 or more characters of the base64 alphabets mixing upper case, lower case and digits. */
    static boolean looksLikeKeyMaterial(String value) {
        return value.length() >= KEY_LIKE_LENGTH
                && value.chars().allMatch(c -> Character.isLetterOrDigit(c) || "+/=-_".indexOf(c) >= 0)
                && value.chars().anyMatch(Character::isUpperCase)
                && value.chars().anyMatch(Character::isLowerCase)
                && value.chars().anyMatch(Character::isDigit);
    }
}
