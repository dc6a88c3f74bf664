package io.github.approovjaxrs.shapes;

import io.github.approovjaxrs.testing.AppInstallation;
import io.github.approovjaxrs.testing.MessageSignature;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A request signed as Approov's SDK signs it (RFC 9421 message signatures: label {@code install},
 * {@code ecdsa-p256-sha256}, with the installation's key; label {@code account}, {@code hmac-sha256}, with the
 * account message-signing key; or both): covering {@code @method}, {@code @target-uri}, the token header, then
 * {@code authorization}, {@code content-length}, {@code content-type} and {@code content-digest} when the
 * request has them, signed by approov-test's {@link AppInstallation}. For the demo's examples only: a real
 * signature is made on the device, with keys that never leave it.
 *
 * @param method the request method
 * @param url the URL signed and called
 * @param headers every header to send, in order, signature fields last
 * @param body the body, or null
 */
record SignedRequest(String method, URI url, Map<String, String> headers, byte[] body) {

    /** Signs a request with the installation's key only ({@code install}). */
    static SignedRequest sign(AppInstallation installation, String method, URI url, String tokenHeader, String token,
            Map<String, String> otherHeaders, byte[] body, Instant created, long lifetimeSeconds) {
        return sign(installation, null, method, url, tokenHeader, token, otherHeaders, body, created, lifetimeSeconds);
    }

    /**
     * Signs a request.
     *
     * @param installation signs the {@code install} signature; null: none (a token without {@code ipk})
     * @param accountKey signs the {@code account} signature; null: none
     * @param url an absolute http(s) URL without fragment; it is signed as given (lower-case scheme and
     *     host, no default port), so call exactly this URL
     * @param tokenHeader the token header's name, e.g. {@code Approov-Token}
     * @param otherHeaders headers sent before the body's, e.g. {@code Authorization}; covered when the SDK
     *     would cover them
     * @param body the body, or null; sent with {@code Content-Type: application/json} and a {@code Content-Digest}
     * @param lifetimeSeconds {@code expires} minus {@code created}
     */
    static SignedRequest sign(AppInstallation installation, byte[] accountKey, String method, URI url, String tokenHeader,
            String token, Map<String, String> otherHeaders, byte[] body, Instant created, long lifetimeSeconds) {
        if (installation == null && accountKey == null) {
            throw new IllegalArgumentException("sign with an installation key, an account key, or both");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(tokenHeader, token);
        headers.putAll(otherHeaders);
        if (body != null) {
            headers.put("Content-Length", String.valueOf(body.length));
            headers.put("Content-Type", "application/json");
        }
        // The account signature needs no installation key; the signer is approov-test's, whoever holds the key.
        AppInstallation signing = installation != null ? installation : AppInstallation.create();
        AppInstallation.RequestSigner signer = signing.request(method, url).tokenHeader(tokenHeader)
                .created(created).lifetime(Duration.ofSeconds(lifetimeSeconds));
        headers.forEach(signer::header);
        if (body != null) {
            signer.body(body);
        }
        // Content-Digest, Signature-Input, Signature. Content-Length is curl's to send; it is signed because the
        // SDK signs it when present.
        if (installation != null && accountKey != null) {
            headers.putAll(MessageSignature.combinedHeaders(signer.sign(), signer.signWithAccountKey(accountKey)));
        } else {
            headers.putAll(installation != null ? signer.sign().headers() : signer.signWithAccountKey(accountKey).headers());
        }
        return new SignedRequest(method, url, headers, body);
    }

    /**
     * {@code url} as the SDK signs and curl sends it: an absolute http(s) URL, lower-case scheme and host,
     * no default port, dot segments removed, a path of at least "/", no fragment.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    static URI normalized(String url) {
        URI uri;
        try {
            uri = new URI(url.strip()).normalize();
        } catch (java.net.URISyntaxException notAUrl) {
            throw new IllegalArgumentException("not a URL: " + notAUrl.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("needs an absolute http:// or https:// URL, e.g."
                    + " http://127.0.0.1:8002/v5/shapes");
        }
        if (uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a URL with a #fragment or a user name is not what a client sends");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port)
                + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** A {@code curl -i} line that sends exactly this request; values single-quoted for the shell. */
    String curl() {
        StringBuilder line = new StringBuilder("curl -i");
        if (!method.equals(body == null ? "GET" : "POST")) {
            line.append(" -X ").append(method);
        }
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                line.append(" -H ").append(shellQuoted(name + ": " + value));
            }
        });
        if (body != null) {
            line.append(" --data-binary ").append(shellQuoted(new String(body, StandardCharsets.UTF_8)));
        }
        return line.append(' ').append(shellQuoted(url.toString())).toString();
    }

    static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
