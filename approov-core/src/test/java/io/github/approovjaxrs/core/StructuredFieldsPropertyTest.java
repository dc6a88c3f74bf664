package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded property test of the RFC 9651 parser: random and mutated field values only ever yield a value
 * or the parser's own {@link StructuredFields.ParseException} (never another exception, a hang or a stack
 * overflow), and whatever parses serializes to text that parses back to the same value. Seeded, so a
 * failure names an input that reproduces it.
 */
class StructuredFieldsPropertyTest {

    static final long SEED = 0x5F_9651L;
    static final int INPUTS = 12_000;
    /** Valid fields of every type, including the signing fields, to mutate. */
    static final List<String> SEEDS = List.of(
            "install=(\"@method\" \"@target-uri\" \"approov-token\");alg=\"ecdsa-p256-sha256\";created=1744292750;expires=1744292765",
            "install=:Z2fdfihsyDqyYJy9DuHPGw4FK34hRWXpU/vxiUBywmrTWidR8p2wBY0RqAkXRWztBN7TT3/AS4SqcjaJpuV9LQ==:",
            "install=\"Z2fdfihsyDqyYJy9DuHPGw4FK34hRWXpU/vxiUBywmrTWidR8p2wBY0RqAkXRWztBN7TT3/AS4SqcjaJpuV9LQ==\"",
            "sha-256=:k6I5cakU5erL8KjSUVTNownDwccvu5kU1Hxg88toFYg=:, sha-512=:AA==:",
            "a=1, b=2;x=1;y=2, c=(a b c), d",
            "(\"foo\" \"bar\");lvl=5, (\"baz\");lvl=1",
            "1.5;q=?0, token/x:y, @1659578233, %\"f%c3%bc\", -999999999999999, 123456789012.123",
            "\"\\\"quoted\\\\\"", "*tok, ?1, ::");
    static final String ALPHABET = " \t\"\\();=,:?@%*-.+/_019azAZ~!#$&'^`|{}[]<>\u0000\u007f\u00e9";

    @Test
    void randomAndMutatedInputsYieldAValueOrAParseError() {
        Random random = new Random(SEED);
        int parsed = 0;
        for (int i = 0; i < INPUTS; i++) {
            String input = i % 3 == 0 ? randomText(random) : mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
            for (int type = 0; type < 3; type++) {
                if (check(input, type)) {
                    parsed++;
                }
            }
        }
        // Both outcomes must occur, or the generator tests nothing.
        assertTrue(parsed > INPUTS / 10 && parsed < INPUTS * 3 - INPUTS / 10, "parsed " + parsed);
    }

    /** Parses {@code input} as type 0 (dictionary), 1 (list) or 2 (item); true when it parsed. */
    static boolean check(String input, int type) {
        Object value;
        try {
            value = parse(input, type);
        } catch (StructuredFields.ParseException expected) {
            return false;
        } catch (RuntimeException | StackOverflowError unexpected) {
            fail("input " + escaped(input) + " threw " + unexpected);
            return false;
        }
        try {
            String serialized = serialize(value, type);
            assertEquals(StructuredFieldsTest.normalized(value),
                    StructuredFieldsTest.normalized(parse(serialized, type)), () -> "round trip of " + escaped(input));
        } catch (StructuredFields.ParseException | StructuredFields.SerializeException broken) {
            fail("what " + escaped(input) + " parsed to does not round-trip: " + broken.getMessage());
        }
        return true;
    }

    static Object parse(String input, int type) throws StructuredFields.ParseException {
        return switch (type) {
            case 0 -> StructuredFields.parseDictionary(input);
            case 1 -> StructuredFields.parseList(input);
            default -> StructuredFields.parseItem(input);
        };
    }

    @SuppressWarnings("unchecked")
    static String serialize(Object value, int type) throws StructuredFields.SerializeException {
        return switch (type) {
            case 0 -> StructuredFields.serializeDictionary((java.util.Map<String, Object>) value);
            case 1 -> StructuredFields.serializeList((List<Object>) value);
            default -> StructuredFields.serializeItem((StructuredFields.Item) value);
        };
    }

    static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** One to four edits: insert, delete, replace or duplicate a span. */
    static String mutate(String seed, Random random) {
        StringBuilder text = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> {
                    if (text.length() > 0) {
                        text.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (text.length() > 0) {
                        text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                }
                default -> {
                    int end = Math.min(text.length(), at + random.nextInt(8));
                    text.insert(at, text.substring(at, end));
                }
            }
        }
        return text.toString();
    }

    static String escaped(String input) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : input.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.append('"').toString();
    }
}
