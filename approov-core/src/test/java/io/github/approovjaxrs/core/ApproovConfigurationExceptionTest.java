package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.testing.ApproovTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one rule for showing a refused setting value in a message. */
class ApproovConfigurationExceptionTest {

    @Test
    void aRefusedValueIsQuotedOnlyWhenShortPlainAndNoKey() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("yes", "\"yes\"");
        shown.put("Approov Token", "\"Approov Token\"");
        shown.put("1.5", "\"1.5\"");
        shown.put("/etc/jwks.json", "\"/etc/jwks.json\"");
        shown.put("exactly-16-chars", "\"exactly-16-chars\"");
        shown.put("seventeen-letters", "a value of 17 characters");
        shown.put("h+CX0tOzdAAR9l15", "a value of 16 characters"); // the start of Approov's dummy secret
        shown.put("abcDEF123456", "a value of 12 characters"); // mixed case and digits: key-like
        shown.put("abcDEF12345", "\"abcDEF12345\""); // too short to hold a key
        shown.put("X-Approov-Token", "\"X-Approov-Token\""); // no digit: a name
        shown.put("a\nb", "a value of 3 characters"); // would break the one-line message
        shown.put("\u001b[31m", "a value of 5 characters"); // would colour the terminal
        shown.put("caf\u00e9", "a value of 4 characters"); // beyond ASCII, such as a hidden bidi control
        shown.put(ApproovTokens.DUMMY_SECRET_BASE64, "a value of 88 characters");
        shown.forEach((value, expected) -> assertEquals(expected, ApproovConfigurationException.quoteSafely(value), value));
    }
}
