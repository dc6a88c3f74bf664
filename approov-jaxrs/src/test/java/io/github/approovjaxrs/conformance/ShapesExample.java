package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import java.net.URI;

/**
 * What every runtime's walkthrough example must do: its {@code GET /shapes} refuses a request without a token and
 * answers a genuine one with the device id the resource read from the claims.
 */
public final class ShapesExample {

    private ShapesExample() {
    }

    /** Asserts it of the example's {@code shapes} URI, for a token with {@code extraHeaders} (name, value, ...). */
    public static void assertProtectedAndReadingTheClaims(URI shapes, String... extraHeaders) {
        assertEquals(401, RawHttp.get(shapes).statusCode());
        String[] headers = new String[extraHeaders.length + 2];
        headers[0] = "Approov-Token";
        headers[1] = TestSecret.TOKENS.deviceId("phone-1").boundTo("Bearer 0123456789abcdef").mint();
        System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
        assertEquals("{\"shape\":\"Circle\",\"device\":\"phone-1\"}", RawHttp.get(shapes, headers).body());
    }
}
