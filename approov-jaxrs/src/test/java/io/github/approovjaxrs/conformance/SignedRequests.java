package io.github.approovjaxrs.conformance;

import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.testing.AppInstallation;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests signed in the test with a generated P-256 key, over the URI the client calls, as Approov's SDK signs
 * them, for the scenarios with {@code @ApproovSigned} endpoints.
 */
abstract class SignedRequests extends ScenarioTest {

    static final AppInstallation DEVICE = AppInstallation.create();
    static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

    SignedRequests(Scenario scenario) {
        super(scenario);
    }

    /** Sends {@code method} to {@code path} with a new token carrying the device's ipk, signed as the SDK signs. */
    HttpResponse<String> signed(String method, String path, byte[] body, String... extraHeaders) {
        return send(method, path, path, body, token(), extraHeaders);
    }

    /** Signs for {@code signedPath} (and the headers given) but sends to {@code sentPath}. */
    HttpResponse<String> send(String method, String signedPath, String sentPath, byte[] body, String token,
            String... extraHeaders) {
        return RawHttp.send(uri(sentPath), method, body, signedHeaders(method, signedPath, body, token, extraHeaders));
    }

    /**
     * The header lines (name, value, ...) of {@code method} to {@code path} with {@code token} and the headers given,
     * signed as the SDK signs it: to send as often as a test wants, e.g. a replay.
     */
    String[] signedHeaders(String method, String path, byte[] body, String token, String... extraHeaders) {
        AppInstallation.RequestSigner signer = DEVICE.request(method, uri(path)).header("Approov-Token", token);
        List<String> headers = new ArrayList<>(List.of("Approov-Token", token));
        for (int i = 0; i < extraHeaders.length; i += 2) {
            signer.header(extraHeaders[i], extraHeaders[i + 1]);
            headers.add(extraHeaders[i]);
            headers.add(extraHeaders[i + 1]);
        }
        if (body != null) {
            signer.body(body);
        }
        signer.sign().headers().forEach((name, value) -> headers.addAll(List.of(name, value)));
        return headers.toArray(String[]::new);
    }

    /** A new token carrying the device's key as ipk. */
    static String token() {
        return TOKENS.installationKey(DEVICE.publicKey()).mint();
    }
}
