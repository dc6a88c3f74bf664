package io.github.approovjaxrs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {

    static Map<String, List<String>> headers(String... nameValuePairs) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            headers.computeIfAbsent(nameValuePairs[i], name -> new java.util.ArrayList<>()).add(nameValuePairs[i + 1]);
        }
        return headers;
    }

    static List<String> lines(List<ForwardedHeaders.Header> headers) {
        return headers.stream().map(h -> h.name() + ": " + h.value()).toList();
    }

    @Test
    void everyEndToEndLineGoesUpstreamInOrderThenThisHop() {
        List<ForwardedHeaders.Header> out = ForwardedHeaders.towardsUpstream(headers(
                "Host", "gateway.example", "Accept", "application/json", "X-Multi", "one", "X-Multi", "two",
                "Authorization", "Bearer abc"), null, "192.0.2.1", "http");

        assertEquals(List.of("Accept: application/json", "X-Multi: one", "X-Multi: two", "Authorization: Bearer abc",
                "X-Forwarded-For: 192.0.2.1", "X-Forwarded-Proto: http", "X-Forwarded-Host: gateway.example"),
                lines(out));
    }

    @Test
    void hopByHopHeadersAndThoseConnectionNamesStayBehindWhateverTheirCase() {
        List<ForwardedHeaders.Header> out = ForwardedHeaders.towardsUpstream(headers(
                "connection", "keep-alive, X-Private", "CONNECTION", " x-other ,", "X-PRIVATE", "1", "x-other", "2",
                "Keep-Alive", "timeout=5", "TE", "trailers", "Trailer", "X-Sum", "Transfer-Encoding", "chunked",
                "Upgrade", "h2c", "Proxy-Connection", "keep-alive", "Proxy-Authorization", "Basic eDp5",
                "Proxy-Authenticate", "Basic", "Content-Length", "12", "Expect", "100-continue", "X-Kept", "yes"),
                null, "192.0.2.1", "http");

        assertEquals(List.of("X-Kept: yes", "X-Forwarded-For: 192.0.2.1", "X-Forwarded-Proto: http"), lines(out));
    }

    @Test
    void theDroppedHeaderStaysBehindInAnyCase() {
        List<ForwardedHeaders.Header> out = ForwardedHeaders.towardsUpstream(headers(
                "approov-token", "a.b.c", "APPROOV-TOKEN", "d.e.f", "X-Kept", "yes"), "Approov-Token", "::1", "http");

        assertEquals(List.of("X-Kept: yes", "X-Forwarded-For: ::1", "X-Forwarded-Proto: http"), lines(out));
    }

    @Test
    void earlierProxiesEntriesComeFirstAsOneLine() {
        List<ForwardedHeaders.Header> out = ForwardedHeaders.towardsUpstream(headers(
                "x-forwarded-for", "203.0.113.7", "X-Forwarded-For", " 198.51.100.2, 10.0.0.1 ", "X-Forwarded-For", "",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.com", "Host", "gw.internal:8003"),
                null, "127.0.0.1", "http");

        assertEquals(List.of("X-Forwarded-For: 203.0.113.7, 198.51.100.2, 10.0.0.1, 127.0.0.1",
                "X-Forwarded-Proto: https, http", "X-Forwarded-Host: api.example.com, gw.internal:8003"), lines(out));
    }

    @Test
    void withoutAHostTheEarlierForwardedHostIsKeptAsItIs() {
        List<ForwardedHeaders.Header> out = ForwardedHeaders.towardsUpstream(headers(
                "X-Forwarded-Host", "a.example", "X-Forwarded-Host", "b.example"), null, "127.0.0.1", "http");

        assertEquals("X-Forwarded-Host: a.example, b.example", lines(out).get(2));
    }

    @Test
    void theAnswerKeepsEverythingButHopByHopHeaders() {
        List<ForwardedHeaders.Header> out = ForwardedHeaders.towardsClient(headers(
                "content-type", "application/json", "content-length", "12", "set-cookie", "a=1", "set-cookie", "b=2",
                "connection", "keep-alive, x-internal", "x-internal", "secret", "keep-alive", "timeout=5",
                "transfer-encoding", "chunked", "Proxy-Authenticate", "Basic",
                "date", "Tue, 01 Dec 2026 10:00:00 GMT"));

        assertEquals(List.of("content-type: application/json", "content-length: 12", "set-cookie: a=1",
                "set-cookie: b=2", "date: Tue, 01 Dec 2026 10:00:00 GMT"), lines(out));
    }
}
