package io.github.approovjaxrs.core;

import java.util.List;
import java.util.Locale;

/**
 * What Approov's SDK layers say about a request beside the token, made safe to log: {@code Approov-Status}
 * (how fetching the token went on the device) and {@code Approov-TraceID} (a value to match the request with
 * Approov's own logs). Both headers are sent by the client, so anyone can put anything in them: a token, a
 * secret, line breaks, kilobytes of text. Only what can be told apart from such content is ever reported.
 */
final class ClientReport {

    /** What the SDK layers send in {@code Approov-Status} (approov-service-okhttp 3.7 and its iOS twin). */
    static final List<String> KNOWN_STATUSES = List.of("success", "no_network", "poor_network", "untrusted_network",
            "no_approov_service", "rejected", "internal_error");
    /** Reported for a status header that holds anything else: its value is never repeated. */
    static final String UNKNOWN_STATUS = "unknown";
    /**
     * Room for a UUID (36 characters) or a 128-bit hex id (32); too short for an Approov token (hundreds of
     * characters) or a 32-byte secret in hex (64).
     */
    static final int MAX_TRACE_ID_LENGTH = 48;

    private ClientReport() {
    }

    /**
     * The client's status: one of {@link #KNOWN_STATUSES} (sent in any case, reported in lower case), else
     * {@link #UNKNOWN_STATUS}; null when the header is absent. Two lines of it are {@link #UNKNOWN_STATUS} too:
     * no SDK sends that.
     */
    static String status(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return null;
        }
        if (lines.size() == 1 && lines.get(0) != null && lines.get(0).length() <= 32) {
            String value = lines.get(0).strip().toLowerCase(Locale.ROOT);
            for (String known : KNOWN_STATUSES) {
                if (known.equals(value)) {
                    return known;
                }
            }
        }
        return UNKNOWN_STATUS;
    }

    /**
     * The client's trace id when it is safe to log, else null (also when absent): exactly one line of 1 to
     * {@value #MAX_TRACE_ID_LENGTH} characters of {@code A-Z a-z 0-9 - _ . :}, with at most one dot (a JWS has
     * two), and no run between dots and colons shaped like key material (see
     * {@link ApproovConfigurationException#quoteSafely}), so a token, a secret or a line break pasted into it
     * never reaches a log.
     */
    static String traceId(List<String> lines) {
        if (lines == null || lines.size() != 1 || lines.get(0) == null) {
            return null;
        }
        String value = lines.get(0).strip();
        if (value.isEmpty() || value.length() > MAX_TRACE_ID_LENGTH) {
            return null;
        }
        int dots = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!safe || (c == '.' && ++dots > 1)) {
                return null;
            }
        }
        for (String run : value.split("[.:]")) {
            if (ApproovConfigurationException.looksLikeKeyMaterial(run)) {
                return null;
            }
        }
        return value;
    }
}
