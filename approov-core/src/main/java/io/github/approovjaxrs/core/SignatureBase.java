package io.github.approovjaxrs.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The RFC 9421 signature base (§2.5) of a received request, rebuilt from the received covered components
 * (rule M8): {@code @method}, {@code @target-uri}, {@code @authority}, {@code @scheme}, {@code @path},
 * {@code @query}, {@code @request-target}, {@code @query-param;name=...} and plain header fields.
 *
 * <p>Every value comes from the raw request: path and query undecoded, scheme and authority normalized as
 * RFC 9110 §4.2.3 says (lower case, default port dropped). Anything this class cannot derive exactly
 * (another derived component, a component parameter such as {@code sf} or {@code req}, a missing header, a
 * value outside printable ASCII) fails rather than guessing, so a signature never verifies over a base the
 * signer did not mean.
 */
final class SignatureBase {

    private SignatureBase() {
    }

    /** A text (the base, or one component's value), or why there is none. */
    record Outcome(String text, ApproovFailure failure) {
        static Outcome failed(ApproovFailure failure) {
            return new Outcome(null, failure);
        }
    }

    /**
     * The signature base of {@code request} for the covered components and parameters in {@code input}.
     *
     * @param scheme the normalized scheme ({@link #normalizeScheme})
     * @param authority the normalized authority ({@link #normalizeAuthority})
     */
    static Outcome build(StructuredFields.InnerList input, ApproovRequest request, String scheme, String authority) {
        StringBuilder base = new StringBuilder(512);
        try {
            for (StructuredFields.Item component : input.items()) {
                if (!(component.value() instanceof String name)) {
                    return Outcome.failed(ApproovFailure.MALFORMED_MESSAGE_SIGNATURE);
                }
                Outcome value = componentValue(name, component.parameters(), request, scheme, authority);
                if (value.failure() != null) {
                    return value;
                }
                if (!isPrintableAscii(value.text())) {
                    return Outcome.failed(ApproovFailure.UNSUPPORTED_MESSAGE_COMPONENT);
                }
                base.append(StructuredFields.serializeItem(component)).append(": ").append(value.text()).append('\n');
            }
            base.append("\"@signature-params\": ").append(StructuredFields.serializeInnerList(input));
        } catch (StructuredFields.SerializeException unserializable) {
            return Outcome.failed(ApproovFailure.MALFORMED_MESSAGE_SIGNATURE);
        }
        return new Outcome(base.toString(), null);
    }

    /** The value of one covered component (in {@link Outcome#text()}), or why it has none. */
    private static Outcome componentValue(String name, Map<String, Object> parameters, ApproovRequest request,
            String scheme, String authority) {
        if (name.equals("@query-param")) {
            return parameters.size() == 1 && parameters.get("name") instanceof String encodedName
                    ? queryParameter(request.query(), encodedName)
                    : Outcome.failed(ApproovFailure.UNSUPPORTED_MESSAGE_COMPONENT);
        }
        if (!parameters.isEmpty()) {
            // sf, key, bs, req, tr: none is part of what Approov's SDK signs, and guessing would be unsafe.
            return Outcome.failed(ApproovFailure.UNSUPPORTED_MESSAGE_COMPONENT);
        }
        String query = request.query();
        String value = switch (name) {
            case "@method" -> request.method();
            case "@target-uri" -> scheme + "://" + authority + request.path() + (query == null ? "" : "?" + query);
            case "@authority" -> authority;
            case "@scheme" -> scheme;
            case "@path" -> request.path();
            case "@query" -> "?" + (query == null ? "" : query);
            case "@request-target" -> request.path() + (query == null ? "" : "?" + query);
            default -> null;
        };
        if (value != null) {
            return new Outcome(value, null);
        }
        if (!isFieldName(name)) {
            return Outcome.failed(ApproovFailure.UNSUPPORTED_MESSAGE_COMPONENT);
        }
        List<String> lines = request.headerLines(name);
        if (lines.isEmpty()) {
            return Outcome.failed(ApproovFailure.MISSING_MESSAGE_COMPONENT);
        }
        return new Outcome(fieldValue(lines), null);
    }

    /** RFC 9421 §2.1: each line trimmed, obsolete line folding replaced by a space, lines joined with ", ". */
    static String fieldValue(List<String> lines) {
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                value.append(", ");
            }
            value.append(trimOws(lines.get(i).replaceAll("\r?\n[ \t]+", " ")));
        }
        return value.toString();
    }

    /**
     * RFC 9421 §2.2.8: the query parsed as application/x-www-form-urlencoded (WHATWG URL §5.1), each name
     * and value percent-encoded again (UTF-8, every byte but ASCII letters, digits and {@code *-._}); the
     * value of the one parameter whose encoded name is {@code encodedName}. A name that is absent, or that
     * occurs more than once (RFC 9421: it must not be signed), fails.
     */
    static Outcome queryParameter(String rawQuery, String encodedName) {
        List<String> values = new ArrayList<>();
        if (rawQuery != null) {
            for (String sequence : rawQuery.split("&", -1)) {
                if (sequence.isEmpty()) {
                    continue;
                }
                int equals = sequence.indexOf('=');
                String rawName = equals < 0 ? sequence : sequence.substring(0, equals);
                String rawValue = equals < 0 ? "" : sequence.substring(equals + 1);
                if (formEncoded(rawName).equals(encodedName)) {
                    values.add(formEncoded(rawValue));
                }
            }
        }
        if (values.size() > 1) {
            return Outcome.failed(ApproovFailure.UNSUPPORTED_MESSAGE_COMPONENT);
        }
        return values.isEmpty() ? Outcome.failed(ApproovFailure.MISSING_MESSAGE_COMPONENT)
                : new Outcome(values.get(0), null);
    }

    /** WHATWG form decoding ('+' is a space, percent-decoding, UTF-8 with replacement), then re-encoding. */
    private static String formEncoded(String raw) {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(raw.length());
        byte[] bytes = raw.replace('+', ' ').getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int high = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
            int low = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
            if (bytes[i] == '%' && high >= 0 && low >= 0) {
                decoded.write(high << 4 | low);
                i += 2;
            } else {
                decoded.write(bytes[i]);
            }
        }
        byte[] utf8 = new String(decoded.toByteArray(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(utf8.length);
        for (byte b : utf8) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "*-._".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    /** Without leading and trailing spaces and tabs (HTTP's OWS), and nothing else: other characters must fail. */
    private static String trimOws(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
            end--;
        }
        return value.substring(start, end);
    }

    /** RFC 9421 §2.2.4: the scheme in lower case. */
    static String normalizeScheme(String scheme) {
        return scheme.toLowerCase(Locale.ROOT);
    }

    /** RFC 9110 §4.2.3 as RFC 9421 §2.2.3 requires: lower case, and no port when it is the scheme's default. */
    static String normalizeAuthority(String scheme, String authority) {
        String lower = authority.toLowerCase(Locale.ROOT);
        int colon = lower.lastIndexOf(':');
        if (colon < 0 || lower.indexOf(']', colon) >= 0) {
            return lower; // no port (a colon inside an IPv6 literal is not one)
        }
        String port = lower.substring(colon + 1);
        String defaultPort = switch (normalizeScheme(scheme)) {
            case "http" -> "80";
            case "https" -> "443";
            default -> null;
        };
        return port.isEmpty() || port.equals(defaultPort) ? lower.substring(0, colon) : lower;
    }

    /** A lower-case RFC 9110 field name: RFC 9421 §2.1 names header components so. */
    private static boolean isFieldName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean tchar = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII, space and tab: a base line can hold nothing else, least of all a line break. */
    private static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
