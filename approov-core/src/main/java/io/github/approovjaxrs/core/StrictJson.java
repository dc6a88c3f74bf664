package io.github.approovjaxrs.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser for the small JSON objects in a token's header and payload.
 *
 * <p>jose4j's parser accepts leading zeros, trailing commas and raw control characters, and overflows
 * the stack on deep nesting (a denial of service before any signature check). This one rejects all of
 * those, rejects duplicate member names at every level (RFC 7515 §5.2), and bounds nesting. Values are
 * {@link String}, {@link Boolean}, {@link Long} (integers that fit), {@link BigDecimal} (every other
 * number, exact), unmodifiable {@link List} and {@link Map}, or {@code null}.
 */
final class StrictJson {

    /** Approov claims are flat; anything this deep is hostile, and the limit keeps recursion shallow. */
    static final int MAX_DEPTH = 16;

    /** Thrown for any input that is not a strict JSON object; carries no input text. */
    static final class MalformedJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String what) {
            super(what, null, false, false);
        }
    }

    private final String text;
    private int pos;

    private StrictJson(String text) {
        this.text = text;
    }

    /** Parses {@code text} that must hold exactly one JSON object, with optional surrounding whitespace. */
    static Map<String, Object> parseObject(String text) throws MalformedJsonException {
        StrictJson parser = new StrictJson(text);
        parser.skipWhitespace();
        if (parser.peek() != '{') {
            throw new MalformedJsonException("not a JSON object");
        }
        Map<String, Object> object = parser.readObject(1);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw new MalformedJsonException("trailing characters after the JSON object");
        }
        return object;
    }

    private Object readValue(int depth) throws MalformedJsonException {
        skipWhitespace();
        char c = peek();
        switch (c) {
            case '{':
                return readObject(depth + 1);
            case '[':
                return readArray(depth + 1);
            case '"':
                return readString();
            case 't':
                expectLiteral("true");
                return Boolean.TRUE;
            case 'f':
                expectLiteral("false");
                return Boolean.FALSE;
            case 'n':
                expectLiteral("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw new MalformedJsonException("unexpected character");
        }
    }

    private Map<String, Object> readObject(int depth) throws MalformedJsonException {
        checkDepth(depth);
        pos++; // '{'
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new MalformedJsonException("expected a member name");
            }
            String name = readString();
            skipWhitespace();
            expect(':');
            Object value = readValue(depth);
            int size = members.size();
            members.put(name, value); // one lookup: the map only grows if the name is new
            if (members.size() == size) {
                throw new MalformedJsonException("duplicate member name");
            }
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return Collections.unmodifiableMap(members);
            }
            if (c != ',') {
                throw new MalformedJsonException("expected ',' or '}'");
            }
        }
    }

    private List<Object> readArray(int depth) throws MalformedJsonException {
        checkDepth(depth);
        pos++; // '['
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(elements);
        }
        while (true) {
            elements.add(readValue(depth));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return Collections.unmodifiableList(elements);
            }
            if (c != ',') {
                throw new MalformedJsonException("expected ',' or ']'");
            }
        }
    }

    private String readString() throws MalformedJsonException {
        pos++; // opening quote
        int start = pos;
        // Fast path: no escapes.
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw new MalformedJsonException("control character in string");
            }
            pos++;
        }
        StringBuilder value = new StringBuilder(text.length() - start).append(text, start, pos);
        while (true) {
            char c = next();
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                throw new MalformedJsonException("control character in string");
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escape = next();
            switch (escape) {
                case '"', '\\', '/' -> value.append(escape);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> value.append(readHex4());
                default -> throw new MalformedJsonException("invalid escape");
            }
        }
    }

    private char readHex4() throws MalformedJsonException {
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(next(), 16);
            if (digit < 0) {
                throw new MalformedJsonException("invalid \\u escape");
            }
            code = (code << 4) | digit;
        }
        return (char) code;
    }

    private Object readNumber() throws MalformedJsonException {
        int start = pos;
        boolean integral = true;
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        char first = peek();
        if (first == '0') {
            pos++;
        } else if (first >= '1' && first <= '9') {
            skipDigits();
        } else {
            throw new MalformedJsonException("invalid number");
        }
        if (peek() == '.') {
            integral = false;
            pos++;
            requireDigits();
        }
        char e = peek();
        if (e == 'e' || e == 'E') {
            integral = false;
            pos++;
            char sign = peek();
            if (sign == '+' || sign == '-') {
                pos++;
            }
            requireDigits();
        }
        if (integral && pos - start <= 18) {
            // At most 18 digits cannot overflow a long: read them in place, as exp and iat always are.
            long value = 0;
            for (int i = negative ? start + 1 : start; i < pos; i++) {
                value = value * 10 + (text.charAt(i) - '0');
            }
            return negative ? -value : value;
        }
        try {
            return new BigDecimal(text.substring(start, pos));
        } catch (NumberFormatException | ArithmeticException exponentOutOfRange) {
            // Syntactically valid JSON, but an exponent beyond what any claim can mean.
            throw new MalformedJsonException("number out of range");
        }
    }

    private void requireDigits() throws MalformedJsonException {
        char c = peek();
        if (c < '0' || c > '9') {
            throw new MalformedJsonException("invalid number");
        }
        skipDigits();
    }

    private void skipDigits() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c < '0' || c > '9') {
                return;
            }
            pos++;
        }
    }

    private void expectLiteral(String literal) throws MalformedJsonException {
        if (!text.startsWith(literal, pos)) {
            throw new MalformedJsonException("invalid literal");
        }
        pos += literal.length();
    }

    private void expect(char expected) throws MalformedJsonException {
        if (next() != expected) {
            throw new MalformedJsonException("expected '" + expected + "'");
        }
    }

    private void checkDepth(int depth) throws MalformedJsonException {
        if (depth > MAX_DEPTH) {
            throw new MalformedJsonException("nested too deeply");
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The current character, or NUL at the end (NUL never starts any valid token here). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() throws MalformedJsonException {
        if (pos >= text.length()) {
            throw new MalformedJsonException("unexpected end of input");
        }
        return text.charAt(pos++);
    }
}
