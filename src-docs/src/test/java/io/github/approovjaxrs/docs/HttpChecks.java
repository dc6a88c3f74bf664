package io.github.approovjaxrs.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;

/** Assertions on the answers of the examples. */
final class HttpChecks {

    private HttpChecks() {
    }

    /** The library's default refusal: 401, {@code {}} as JSON, {@code WWW-Authenticate: Approov}. */
    static void assertRefused(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("{}", response.body());
        assertEquals("Approov", response.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    static void assertOk(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
    }

    static void assertOk(HttpResponse<String> response, String body) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(body, response.body());
    }
}
