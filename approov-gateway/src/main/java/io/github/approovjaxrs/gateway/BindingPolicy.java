package io.github.approovjaxrs.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Which requests must carry a token bound to the binding header: none, every one, or those under configured
 * path prefixes. A prefix covers the path itself and everything below it: {@code /v1/forms} covers
 * {@code /v1/forms} and {@code /v1/forms/7}, not {@code /v1/formsets}.
 *
 * <p>The gateway forwards the path exactly as received, and the upstream may read it more loosely than a
 * plain string comparison would: decode {@code %66orms} to {@code forms}, drop {@code ;param}s, merge
 * {@code //}, ignore case, and resolve {@code ..} (or take {@code ..} for a name). A path therefore needs the
 * binding when it is under a prefix read either way: with those liberties taken and {@code ..} resolved, or
 * with the same liberties and {@code ..} kept. So no spelling of a covered path reaches the upstream with the
 * token check alone; reading loosely can only ask for the binding on more paths, never on fewer.
 */
final class BindingPolicy {

    private static final BindingPolicy NONE = new BindingPolicy(false, List.of());
    private static final BindingPolicy EVERY_PATH = new BindingPolicy(true, List.of());

    private final boolean everyPath;
    /** Normalized, without a trailing slash; "/" for the root. */
    private final List<String> prefixes;
    private final List<String> configured;

    private BindingPolicy(boolean everyPath, List<String> configured) {
        this.everyPath = everyPath;
        this.configured = List.copyOf(configured);
        this.prefixes = configured.stream().map(prefix -> normalize(prefix, true)).toList();
    }

    /** No path needs the binding: the {@code token} strategy without prefixes. */
    static BindingPolicy none() {
        return NONE;
    }

    /** Every path needs the binding: the {@code token-binding} strategy. */
    static BindingPolicy everyPath() {
        return EVERY_PATH;
    }

    /** The paths under {@code prefixes} (each starting with {@code /}) need the binding. */
    static BindingPolicy underPrefixes(List<String> prefixes) {
        return prefixes.isEmpty() ? NONE : new BindingPolicy(false, prefixes);
    }

    /** Whether a request for {@code rawPath} (the path as received, still percent-encoded) needs the binding. */
    boolean requiresBinding(String rawPath) {
        if (everyPath) {
            return true;
        }
        if (prefixes.isEmpty()) {
            return false;
        }
        return isUnderAPrefix(normalize(rawPath, true)) || isUnderAPrefix(normalize(rawPath, false));
    }

    private boolean isUnderAPrefix(String path) {
        for (String prefix : prefixes) {
            if (prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Whether every path needs the binding. */
    boolean isEveryPath() {
        return everyPath;
    }

    /** Whether no path needs the binding. */
    boolean isNone() {
        return !everyPath && prefixes.isEmpty();
    }

    /** For the start-up banner: "every path", "no path", or the configured prefixes. */
    String describe() {
        return everyPath ? "every path" : configured.isEmpty() ? "no path" : String.join(", ", configured);
    }

    /**
     * The loosest reading of a raw path: percent-decoded once, {@code \} as {@code /}, each segment's
     * {@code ;parameters} dropped, empty and {@code .} segments dropped, {@code ..} resolved (never above the
     * root), lower case. Always starts with {@code /}.
     */
    static String normalize(String rawPath) {
        return normalize(rawPath, true);
    }

    /** {@link #normalize(String)}, or with {@code ..} kept as a segment when {@code resolveDotDot} is false. */
    static String normalize(String rawPath, boolean resolveDotDot) {
        String decoded = percentDecode(rawPath == null ? "" : rawPath).replace('\\', '/');
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : decoded.split("/")) {
            int semicolon = segment.indexOf(';');
            String name = semicolon < 0 ? segment : segment.substring(0, semicolon);
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..") && resolveDotDot) {
                segments.pollLast();
                continue;
            }
            segments.addLast(name.toLowerCase(Locale.ROOT));
        }
        return "/" + String.join("/", segments);
    }

    /** Decodes every valid {@code %XX} escape as UTF-8 bytes; anything else is kept as it is. */
    private static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (isEscape(raw, i)) {
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 3;
                continue;
            }
            int start = i;
            while (i < raw.length() && !isEscape(raw, i)) {
                i++;
            }
            byte[] literal = raw.substring(start, i).getBytes(StandardCharsets.UTF_8);
            bytes.write(literal, 0, literal.length);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isEscape(String raw, int i) {
        return raw.charAt(i) == '%' && i + 2 < raw.length()
                && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0;
    }

    /** An ASCII hex digit's value, else -1 (Character.digit would also take other scripts' digits). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
