package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the RFC 9651 parser ({@link StructuredFields}) with Jazzer: whatever the field
 * lines, {@code parseDictionary}, {@code parseList} and {@code parseItem} return a value or throw their own
 * {@link StructuredFields.ParseException} — never another exception, a {@link StackOverflowError} or a
 * hang — and a parse error names a rule and a position, never the input. Every value that parses is
 * serializable, and serializing it and parsing the text again gives the same value (decimals compared by
 * value, members and parameters in order), whose serialization is the same text again.
 *
 * <p>{@link StructuredFieldsPropertyTest} checks the same properties on seeded random inputs; this target
 * lets libFuzzer's coverage feedback find the inputs. It runs in regression mode in {@code mvn -B verify}
 * over the committed inputs in
 * {@code src/test/resources/io/github/approovjaxrs/StructuredFieldsFuzzTestInputs/}; SECURITY.md gives the
 * command that fuzzes it.
 *
 * <p>Input format, so that seeds are readable text files: the first byte picks the field type from its two
 * low bits ({@code '0'} dictionary, {@code '1'} list, {@code '2'} item, {@code '3'} all three); if its bit 2
 * is set ({@code '4'}–{@code '7'}), the rest is split on {@code '\n'} into field lines (combined with
 * {@code ", "}, as repeated header lines are), otherwise it is one line, line breaks and all. The rest is
 * decoded as UTF-8 (malformed bytes become U+FFFD, which the parser must refuse as non-ASCII).
 */
class StructuredFieldsFuzzTest {

    /** What a parse error's message must look like: a rule, then the position. */
    private static final Pattern PARSE_ERROR = Pattern.compile("[ -~]{1,80} \\(at character (\\d+)\\)");
    /** No rule's text is longer than this, which the pattern above enforces. */
    private static final int LONGEST_RULE = 80;

    @FuzzTest(maxDuration = "10m")
    void everyFieldParsesOrFailsCleanlyAndRoundTrips(byte[] input) {
        int mode = input.length == 0 ? 3 : input[0];
        String text = new String(input, Math.min(1, input.length), Math.max(0, input.length - 1), StandardCharsets.UTF_8);
        List<String> lines = (mode & 4) != 0 ? Arrays.asList(text.split("\n", -1)) : List.of(text);
        int type = mode & 3;
        for (int t = 0; t < 3; t++) {
            if (type == 3 || type == t) {
                check(lines, t);
            }
        }
    }

    /** Parses {@code lines} as type 0 (dictionary), 1 (list) or 2 (item) and checks the outcome. */
    static void check(List<String> lines, int type) {
        Object value;
        try {
            value = parse(lines, type);
        } catch (StructuredFields.ParseException refused) {
            assertCleanError(refused, String.join(", ", lines));
            return;
        } catch (RuntimeException | StackOverflowError unexpected) {
            fail("type " + type + " input " + StructuredFieldsPropertyTest.escaped(String.join(", ", lines)) + " threw "
                    + unexpected);
            return;
        }
        String serialized;
        try {
            serialized = StructuredFieldsPropertyTest.serialize(value, type);
        } catch (StructuredFields.SerializeException unserializable) {
            fail("what " + StructuredFieldsPropertyTest.escaped(String.join(", ", lines)) + " parsed to cannot be serialized: "
                    + unserializable.getMessage());
            return;
        }
        Object reparsed;
        try {
            reparsed = parse(List.of(serialized), type);
        } catch (StructuredFields.ParseException broken) {
            fail("the serialization " + StructuredFieldsPropertyTest.escaped(serialized) + " does not parse: "
                    + broken.getMessage());
            return;
        }
        assertEquals(StructuredFieldsTest.normalized(value), StructuredFieldsTest.normalized(reparsed),
                () -> "round trip of " + StructuredFieldsPropertyTest.escaped(String.join(", ", lines)));
        try {
            assertEquals(serialized, StructuredFieldsPropertyTest.serialize(reparsed, type),
                    "a serialization is canonical: serializing its value again gives the same text");
        } catch (StructuredFields.SerializeException unserializable) {
            fail("the reparsed value of " + StructuredFieldsPropertyTest.escaped(serialized) + " cannot be serialized");
        }
    }

    static Object parse(List<String> lines, int type) throws StructuredFields.ParseException {
        return switch (type) {
            case 0 -> StructuredFields.parseDictionary(lines);
            case 1 -> StructuredFields.parseList(lines);
            default -> StructuredFields.parseItem(lines);
        };
    }

    /**
     * A rule and a position inside the input; never the input itself, which may be a credential. (Only an
     * input longer than any rule's text can be told apart from a rule that happens to contain it.)
     */
    static void assertCleanError(StructuredFields.ParseException refused, String input) {
        String message = refused.getMessage();
        Matcher matcher = PARSE_ERROR.matcher(message);
        assertTrue(matcher.matches(), () -> "a parse error says a rule and a position: " + message);
        assertTrue(Long.parseLong(matcher.group(1)) <= input.length(), message);
        if (input.length() > LONGEST_RULE) {
            assertFalse(message.contains(input), () -> "a parse error quotes the input: " + message);
        }
    }
}
