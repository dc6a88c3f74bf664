package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.approovjaxrs.testing.ApproovTokens;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Approov-Status} and {@code Approov-TraceID} as the log may show them: known statuses and short, safe
 * trace ids only; everything else ({@code unknown}, or no trace id) whatever a client puts in them.
 */
class ClientReportTest {

    /** What a hostile client may put in either header instead of what the SDK sends. */
    static Map<String, String> hostileValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("a token", TestSecret.TOKENS.mint());
        values.put("the secret in base64", TestSecret.SECRET_BASE64);
        values.put("the secret in base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(TestSecret.SECRET));
        values.put("the secret in hex", HexFormat.of().formatHex(TestSecret.SECRET));
        values.put("Approov's dummy secret in base64url", ApproovTokens.DUMMY_SECRET_BASE64URL);
        values.put("the first 40 characters of the dummy secret", ApproovTokens.DUMMY_SECRET_BASE64URL.substring(0, 40));
        values.put("a header and payload of a token", String.join(".", Arrays.copyOf(TestSecret.TOKENS.mint().split("\\."), 2)));
        values.put("CR LF and a forged log line", "no_network\r\nINFO Approov: accepted GET /admin");
        values.put("a LF", "success\nx");
        values.put("10 KB of text", "no_network".repeat(1024));
        values.put("non-ASCII", "no_n\u00e9twork");
        values.put("a right-to-left override", "success\u202e");
        values.put("a NUL", "success\u0000");
        values.put("a status with a suffix", "success; token=" + TestSecret.SECRET_BASE64);
        values.put("three dotted parts", "aaaa.bbbb.cccc");
        return values;
    }

    @ParameterizedTest
    @ValueSource(strings = {"success", "no_network", "poor_network", "untrusted_network", "no_approov_service",
            "rejected", "internal_error"})
    void eachStatusTheSdkSendsIsReportedAsSent(String status) {
        assertEquals(status, ClientReport.status(List.of(status)));
        assertEquals(status, ClientReport.status(List.of(" " + status.toUpperCase(java.util.Locale.ROOT) + " ")),
                "the iOS layer's upper-case spelling");
    }

    @Test
    void anythingElseInTheStatusIsUnknownAndNeverRepeated() {
        hostileValues().forEach((what, value) -> assertEquals("unknown", ClientReport.status(List.of(value)), what));
        assertEquals("unknown", ClientReport.status(List.of("")), "empty");
        assertEquals("unknown", ClientReport.status(List.of("success", "success")), "two lines");
        assertEquals("unknown", ClientReport.status(List.of("NO_NETWORK_")), "a near miss");
        assertNull(ClientReport.status(List.of()), "no header: nothing to report");
        assertNull(ClientReport.status(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"trace-123", "4bf92f3577b34da6a3ce929d0e0e4736", "32805b15-62fe-4897-ab14-fb7809037c6a",
            "32805B15-62FE-4897-AB14-FB7809037C6A", "1705500000000-a1b2c3d4", "req:42", "a.b", "ABCDEFGH12345678"})
    void aShortTraceIdOfSafeCharactersIsReported(String traceId) {
        assertEquals(traceId, ClientReport.traceId(List.of(traceId)));
    }

    @Test
    void aTraceIdThatCouldBeATokenASecretOrALogInjectionIsNot() {
        hostileValues().forEach((what, value) -> assertNull(ClientReport.traceId(List.of(value)), what));
        assertNull(ClientReport.traceId(List.of("a".repeat(ClientReport.MAX_TRACE_ID_LENGTH + 1))), "too long");
        assertNull(ClientReport.traceId(List.of("mixedCase1234x")), "12 characters of key-like text");
        assertNull(ClientReport.traceId(List.of("id:mixedCase1234x")), "key-like text after a colon");
        assertNull(ClientReport.traceId(List.of("trace 1")), "a space");
        assertNull(ClientReport.traceId(List.of("")), "empty");
        assertNull(ClientReport.traceId(List.of("trace-1", "trace-1")), "two lines");
        assertNull(ClientReport.traceId(List.of()));
        assertEquals("a".repeat(ClientReport.MAX_TRACE_ID_LENGTH),
                ClientReport.traceId(List.of("a".repeat(ClientReport.MAX_TRACE_ID_LENGTH))), "the longest reported");
    }
}
