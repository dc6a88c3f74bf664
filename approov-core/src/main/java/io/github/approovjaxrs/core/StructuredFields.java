package io.github.approovjaxrs.core;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A strict parser and serializer for RFC 9651 Structured Field Values, for the {@code Signature},
 * {@code Signature-Input} and {@code Content-Digest} fields of message signing.
 *
 * <p>Hand-written rather than a dependency: the only Java library on Maven Central
 * ({@code org.greenbytes.http:structured-fields}) calls itself experimental with no API stability, and
 * the algorithms of RFC 9651 §4 are short. Each method follows the RFC's numbered steps, so it reads
 * against the text. Strict where the RFC lets parsers choose: a Byte Sequence must be canonical padded
 * base64 (one spelling per value). The parser is linear in the input, never recurses deeper than an Inner
 * List, and fails only with its own {@link ParseException}, which never quotes the input.
 *
 * <p>Values: Integer as {@link Long}, Decimal as {@link BigDecimal}, String as {@link String}, Token as
 * {@link Token}, Byte Sequence as {@link ByteSequence}, Boolean as {@link Boolean}, Date as {@link Date},
 * Display String as {@link DisplayString}; members as {@link Item} or {@link InnerList}; parameters and
 * dictionaries as unmodifiable insertion-ordered maps. The entry points are {@link #parseList},
 * {@link #parseDictionary} and {@link #parseItem} (for a fuzz target too: any string in, a value or a
 * {@link ParseException} out).
 */
final class StructuredFields {

    /** The input is not a valid Structured Field of the asked type; the message names the rule, never the input. */
    static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(String rule, int position) {
            super(rule + " (at character " + position + ")", null, false, false);
        }
    }

    /** A value cannot be serialized (RFC 9651 §4.1 "fail serialization"). */
    static final class SerializeException extends Exception {
        private static final long serialVersionUID = 1L;

        SerializeException(String rule) {
            super(rule, null, false, false);
        }
    }

    /** An sf-token. */
    record Token(String value) {
        Token {
            Objects.requireNonNull(value, "value");
        }
    }

    /** An sf-date: whole seconds since the epoch. */
    record Date(long seconds) {
    }

    /** An sf-displaystring: Unicode text. */
    record DisplayString(String value) {
        DisplayString {
            Objects.requireNonNull(value, "value");
        }
    }

    /** An sf-binary: immutable bytes, compared by content. */
    static final class ByteSequence {
        private final byte[] bytes;

        ByteSequence(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        byte[] bytes() {
            return bytes.clone();
        }

        int length() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ByteSequence that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "ByteSequence[" + bytes.length + " bytes]";
        }
    }

    /** A bare item and its parameters. */
    record Item(Object value, Map<String, Object> parameters) {
        Item {
            Objects.requireNonNull(value, "value");
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        Item(Object value) {
            this(value, Map.of());
        }
    }

    /** An inner list of items and its parameters. */
    record InnerList(List<Item> items, Map<String, Object> parameters) {
        InnerList {
            items = List.copyOf(items);
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    private static final long MAX_INTEGER = 999_999_999_999_999L;
    private static final BigDecimal MAX_DECIMAL_INTEGER_PART = new BigDecimal("1000000000000");

    private final String input;
    private int pos;

    private StructuredFields(String input) {
        this.input = input;
    }

    // ---------------------------------------------------------------- parsing (RFC 9651 §4.2)

    /**
     * Parses field lines as an sf-list (several lines are combined with {@code ", "}, as RFC 9110 §5.3 does).
     *
     * @throws ParseException if they are not one
     */
    static List<Object> parseList(List<String> lines) throws ParseException {
        StructuredFields parser = start(lines);
        List<Object> members = parser.list();
        parser.end();
        return members;
    }

    /** {@link #parseList(List)} of one field value. */
    static List<Object> parseList(String value) throws ParseException {
        return parseList(List.of(value));
    }

    /**
     * Parses field lines as an sf-dictionary; values are {@link Item} or {@link InnerList}.
     *
     * @throws ParseException if they are not one
     */
    static Map<String, Object> parseDictionary(List<String> lines) throws ParseException {
        StructuredFields parser = start(lines);
        Map<String, Object> dictionary = parser.dictionary();
        parser.end();
        return dictionary;
    }

    /** {@link #parseDictionary(List)} of one field value. */
    static Map<String, Object> parseDictionary(String value) throws ParseException {
        return parseDictionary(List.of(value));
    }

    /**
     * Parses field lines as an sf-item.
     *
     * @throws ParseException if they are not one
     */
    static Item parseItem(List<String> lines) throws ParseException {
        StructuredFields parser = start(lines);
        Item item = parser.item();
        parser.end();
        return item;
    }

    /** {@link #parseItem(List)} of one field value. */
    static Item parseItem(String value) throws ParseException {
        return parseItem(List.of(value));
    }

    private static StructuredFields start(List<String> lines) throws ParseException {
        String joined = String.join(", ", lines);
        for (int i = 0; i < joined.length(); i++) {
            if (joined.charAt(i) > 0x7F) {
                throw new ParseException("not ASCII", i);
            }
        }
        StructuredFields parser = new StructuredFields(joined);
        parser.skipSpaces();
        return parser;
    }

    private void end() throws ParseException {
        skipSpaces();
        if (pos != input.length()) {
            throw fail("trailing characters");
        }
    }

    /** §4.2.1. */
    private List<Object> list() throws ParseException {
        List<Object> members = new ArrayList<>();
        while (!atEnd()) {
            members.add(itemOrInnerList());
            skipOws();
            if (atEnd()) {
                return Collections.unmodifiableList(members);
            }
            if (next() != ',') {
                throw fail("expected a comma between list members");
            }
            skipOws();
            if (atEnd()) {
                throw fail("trailing comma");
            }
        }
        return Collections.unmodifiableList(members);
    }

    /** §4.2.1.1. */
    private Object itemOrInnerList() throws ParseException {
        return peek() == '(' ? innerList() : item();
    }

    /** §4.2.1.2. */
    private InnerList innerList() throws ParseException {
        expect('(');
        List<Item> items = new ArrayList<>();
        while (!atEnd()) {
            skipSpaces();
            if (peek() == ')') {
                pos++;
                return new InnerList(items, parameters());
            }
            items.add(item());
            char c = peek();
            if (c != ' ' && c != ')') {
                throw fail("expected a space or ')' in an inner list");
            }
        }
        throw fail("unterminated inner list");
    }

    /** §4.2.2; a key seen again keeps its first position and takes the new value. */
    private Map<String, Object> dictionary() throws ParseException {
        Map<String, Object> dictionary = new LinkedHashMap<>();
        while (!atEnd()) {
            String key = key();
            Object member;
            if (peek() == '=') {
                pos++;
                member = itemOrInnerList();
            } else {
                member = new Item(Boolean.TRUE, parameters());
            }
            dictionary.put(key, member);
            skipOws();
            if (atEnd()) {
                break;
            }
            if (next() != ',') {
                throw fail("expected a comma between dictionary members");
            }
            skipOws();
            if (atEnd()) {
                throw fail("trailing comma");
            }
        }
        return Collections.unmodifiableMap(dictionary);
    }

    /** §4.2.3. */
    private Item item() throws ParseException {
        Object bare = bareItem();
        return new Item(bare, parameters());
    }

    /** §4.2.3.1. */
    private Object bareItem() throws ParseException {
        char c = peek();
        if (c == '-' || isDigit(c)) {
            return number();
        }
        if (c == '"') {
            return string();
        }
        if (isAlpha(c) || c == '*') {
            return token();
        }
        if (c == ':') {
            return byteSequence();
        }
        if (c == '?') {
            return bool();
        }
        if (c == '@') {
            return date();
        }
        if (c == '%') {
            return displayString();
        }
        throw fail("not the start of a bare item");
    }

    /** §4.2.3.2. */
    private Map<String, Object> parameters() throws ParseException {
        Map<String, Object> parameters = new LinkedHashMap<>();
        while (peek() == ';') {
            pos++;
            skipSpaces();
            String key = key();
            Object value = Boolean.TRUE;
            if (peek() == '=') {
                pos++;
                value = bareItem();
            }
            parameters.put(key, value);
        }
        return parameters;
    }

    /** §4.2.3.3. */
    private String key() throws ParseException {
        char first = peek();
        if (!isLcAlpha(first) && first != '*') {
            throw fail("a key starts with a lower-case letter or '*'");
        }
        int start = pos++;
        while (!atEnd() && isKeyChar(input.charAt(pos))) {
            pos++;
        }
        return input.substring(start, pos);
    }

    /** §4.2.4. */
    private Object number() throws ParseException {
        boolean decimal = false;
        int sign = 1;
        if (peek() == '-') {
            pos++;
            sign = -1;
        }
        if (atEnd() || !isDigit(peek())) {
            throw fail("a number needs a digit");
        }
        int start = pos;
        int dot = -1;
        while (!atEnd()) {
            char c = input.charAt(pos);
            if (isDigit(c)) {
                pos++;
            } else if (!decimal && c == '.') {
                if (pos - start > 12) {
                    throw fail("a decimal has at most 12 integer digits");
                }
                decimal = true;
                dot = pos++;
            } else {
                break;
            }
            int length = pos - start;
            if (!decimal && length > 15) {
                throw fail("an integer has at most 15 digits");
            }
            if (decimal && length > 16) {
                throw fail("a decimal has at most 16 characters");
            }
        }
        String digits = input.substring(start, pos);
        if (!decimal) {
            return sign * Long.parseLong(digits);
        }
        if (dot == pos - 1) {
            throw fail("a decimal cannot end with '.'");
        }
        if (pos - dot - 1 > 3) {
            throw fail("a decimal has at most 3 fractional digits");
        }
        BigDecimal value = new BigDecimal(digits);
        return sign < 0 ? value.negate() : value;
    }

    /** §4.2.5. */
    private String string() throws ParseException {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (!atEnd()) {
            char c = input.charAt(pos++);
            if (c == '\\') {
                if (atEnd()) {
                    throw fail("a string cannot end with a backslash");
                }
                char escaped = input.charAt(pos++);
                if (escaped != '"' && escaped != '\\') {
                    throw fail("only \\\" and \\\\ are escapes in a string");
                }
                out.append(escaped);
            } else if (c == '"') {
                return out.toString();
            } else if (c < 0x20 || c > 0x7E) {
                throw fail("a string holds printable ASCII only");
            } else {
                out.append(c);
            }
        }
        throw fail("unterminated string");
    }

    /** §4.2.6. */
    private Token token() throws ParseException {
        char first = peek();
        if (!isAlpha(first) && first != '*') {
            throw fail("a token starts with a letter or '*'");
        }
        int start = pos++;
        while (!atEnd() && isTokenChar(input.charAt(pos))) {
            pos++;
        }
        return new Token(input.substring(start, pos));
    }

    /** §4.2.7, strict: canonical base64 with padding only. */
    private ByteSequence byteSequence() throws ParseException {
        expect(':');
        int end = input.indexOf(':', pos);
        if (end < 0) {
            throw fail("unterminated byte sequence");
        }
        String base64 = input.substring(pos, end);
        byte[] bytes = decodeCanonicalBase64(base64);
        if (bytes == null) {
            throw fail("a byte sequence is canonical padded base64");
        }
        pos = end + 1;
        return new ByteSequence(bytes);
    }

    /** §4.2.8. */
    private Boolean bool() throws ParseException {
        expect('?');
        char c = peek();
        if (c == '1' || c == '0') {
            pos++;
            return c == '1';
        }
        throw fail("a boolean is ?1 or ?0");
    }

    /** §4.2.9. */
    private Date date() throws ParseException {
        expect('@');
        Object number = number();
        if (!(number instanceof Long seconds)) {
            throw fail("a date is an integer");
        }
        return new Date(seconds);
    }

    /** §4.2.10. */
    private DisplayString displayString() throws ParseException {
        expect('%');
        expect('"');
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        while (!atEnd()) {
            char c = input.charAt(pos++);
            if (c < 0x20 || c > 0x7E) {
                throw fail("a display string holds printable ASCII only");
            }
            if (c == '%') {
                if (pos + 2 > input.length()) {
                    throw fail("a '%' in a display string needs two hex digits");
                }
                int high = lowerHexValue(input.charAt(pos));
                int low = lowerHexValue(input.charAt(pos + 1));
                if (high < 0 || low < 0) {
                    throw fail("a '%' in a display string needs two lower-case hex digits");
                }
                pos += 2;
                bytes.write(high << 4 | low);
            } else if (c == '"') {
                try {
                    return new DisplayString(StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
                } catch (CharacterCodingException notUtf8) {
                    throw fail("a display string is UTF-8");
                }
            } else {
                bytes.write(c);
            }
        }
        throw fail("unterminated display string");
    }

    // ---------------------------------------------------------------- serialization (RFC 9651 §4.1)

    /** §4.1.1: a list of {@link Item} and {@link InnerList} members. */
    static String serializeList(List<?> members) throws SerializeException {
        StringBuilder out = new StringBuilder();
        for (Object member : members) {
            if (out.length() > 0) {
                out.append(", ");
            }
            appendMember(member, out);
        }
        return out.toString();
    }

    /** §4.1.2. */
    static String serializeDictionary(Map<String, ?> dictionary) throws SerializeException {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, ?> member : dictionary.entrySet()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            appendKey(member.getKey(), out);
            if (member.getValue() instanceof Item item && Boolean.TRUE.equals(item.value())) {
                appendParameters(item.parameters(), out);
            } else {
                out.append('=');
                appendMember(member.getValue(), out);
            }
        }
        return out.toString();
    }

    /** §4.1.3. */
    static String serializeItem(Item item) throws SerializeException {
        StringBuilder out = new StringBuilder();
        appendItem(item, out);
        return out.toString();
    }

    /** §4.1.1.1. */
    static String serializeInnerList(InnerList list) throws SerializeException {
        StringBuilder out = new StringBuilder();
        appendInnerList(list, out);
        return out.toString();
    }

    private static void appendMember(Object member, StringBuilder out) throws SerializeException {
        if (member instanceof InnerList list) {
            appendInnerList(list, out);
        } else if (member instanceof Item item) {
            appendItem(item, out);
        } else {
            throw new SerializeException("a member is an item or an inner list");
        }
    }

    private static void appendInnerList(InnerList list, StringBuilder out) throws SerializeException {
        out.append('(');
        for (int i = 0; i < list.items().size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            appendItem(list.items().get(i), out);
        }
        out.append(')');
        appendParameters(list.parameters(), out);
    }

    private static void appendItem(Item item, StringBuilder out) throws SerializeException {
        appendBareItem(item.value(), out);
        appendParameters(item.parameters(), out);
    }

    private static void appendParameters(Map<String, Object> parameters, StringBuilder out)
            throws SerializeException {
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            out.append(';');
            appendKey(parameter.getKey(), out);
            if (!Boolean.TRUE.equals(parameter.getValue())) {
                out.append('=');
                appendBareItem(parameter.getValue(), out);
            }
        }
    }

    private static void appendKey(String key, StringBuilder out) throws SerializeException {
        if (key.isEmpty() || !(isLcAlpha(key.charAt(0)) || key.charAt(0) == '*')) {
            throw new SerializeException("a key starts with a lower-case letter or '*'");
        }
        for (int i = 1; i < key.length(); i++) {
            if (!isKeyChar(key.charAt(i))) {
                throw new SerializeException("a key holds lower-case letters, digits, '_', '-', '.' and '*'");
            }
        }
        out.append(key);
    }

    private static void appendBareItem(Object value, StringBuilder out) throws SerializeException {
        if (value instanceof Long integer) {
            if (Math.abs(integer) > MAX_INTEGER) {
                throw new SerializeException("an integer has at most 15 digits");
            }
            out.append(integer);
        } else if (value instanceof BigDecimal decimal) {
            appendDecimal(decimal, out);
        } else if (value instanceof String string) {
            out.append('"');
            for (int i = 0; i < string.length(); i++) {
                char c = string.charAt(i);
                if (c < 0x20 || c > 0x7E) {
                    throw new SerializeException("a string holds printable ASCII only");
                }
                if (c == '"' || c == '\\') {
                    out.append('\\');
                }
                out.append(c);
            }
            out.append('"');
        } else if (value instanceof Token token) {
            String text = token.value();
            if (text.isEmpty() || !(isAlpha(text.charAt(0)) || text.charAt(0) == '*')) {
                throw new SerializeException("a token starts with a letter or '*'");
            }
            for (int i = 1; i < text.length(); i++) {
                if (!isTokenChar(text.charAt(i))) {
                    throw new SerializeException("a token holds tchar, ':' and '/' only");
                }
            }
            out.append(text);
        } else if (value instanceof ByteSequence bytes) {
            out.append(':').append(Base64.getEncoder().encodeToString(bytes.bytes)).append(':');
        } else if (value instanceof Boolean bool) {
            out.append(bool ? "?1" : "?0");
        } else if (value instanceof Date date) {
            if (Math.abs(date.seconds()) > MAX_INTEGER) {
                throw new SerializeException("a date has at most 15 digits");
            }
            out.append('@').append(date.seconds());
        } else if (value instanceof DisplayString display) {
            out.append("%\"");
            for (byte b : display.value().getBytes(StandardCharsets.UTF_8)) {
                int octet = b & 0xFF;
                if (octet == '%' || octet == '"' || octet < 0x20 || octet > 0x7E) {
                    out.append('%').append(Character.forDigit(octet >> 4, 16)).append(Character.forDigit(octet & 0xF, 16));
                } else {
                    out.append((char) octet);
                }
            }
            out.append('"');
        } else {
            throw new SerializeException("not a bare item type");
        }
    }

    /** §4.1.5: rounded to three fractional digits, half to even; trailing zeros dropped but one kept. */
    private static void appendDecimal(BigDecimal decimal, StringBuilder out) throws SerializeException {
        BigDecimal rounded = decimal.setScale(3, RoundingMode.HALF_EVEN);
        if (rounded.abs().compareTo(MAX_DECIMAL_INTEGER_PART) >= 0) {
            throw new SerializeException("a decimal has at most 12 integer digits");
        }
        BigDecimal stripped = rounded.stripTrailingZeros();
        if (stripped.scale() < 1) {
            stripped = stripped.setScale(1);
        }
        out.append(stripped.toPlainString());
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The bytes of {@code text} if it is canonical base64 (standard alphabet, '=' padding, zero pad bits):
     * re-encoding the bytes gives the same text. Null otherwise.
     */
    static byte[] decodeCanonicalBase64(String text) {
        if (text.length() % 4 != 0) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private boolean atEnd() {
        return pos >= input.length();
    }

    /** The next character, or NUL at the end (no rule accepts NUL, so the caller's check fails). */
    private char peek() {
        return atEnd() ? '\0' : input.charAt(pos);
    }

    private char next() {
        return input.charAt(pos++);
    }

    private void expect(char c) throws ParseException {
        if (peek() != c) {
            throw fail("expected '" + c + "'");
        }
        pos++;
    }

    private void skipSpaces() {
        while (!atEnd() && input.charAt(pos) == ' ') {
            pos++;
        }
    }

    /** OWS: spaces and horizontal tabs. */
    private void skipOws() {
        while (!atEnd() && (input.charAt(pos) == ' ' || input.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private ParseException fail(String rule) {
        return new ParseException(rule, pos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isLcAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isKeyChar(char c) {
        return isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '*';
    }

    /** RFC 9110 tchar, plus ':' and '/' (RFC 9651 sf-token). */
    private static boolean isTokenChar(char c) {
        return isAlpha(c) || isDigit(c) || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
    }

    private static int lowerHexValue(char c) {
        if (isDigit(c)) {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }
}
