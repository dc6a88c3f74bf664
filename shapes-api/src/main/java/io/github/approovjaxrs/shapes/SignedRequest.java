package io.github.approovjaxrs.shapes;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request signed as Approov's SDK signs it (RFC 9421 message signature, label {@code install},
 * {@code ecdsa-p256-sha256}): covering {@code @method}, {@code @target-uri}, the token header, then
 * {@code authorization}, {@code content-length}, {@code content-type} and {@code content-digest} when the
 * request has them. For the demo's examples only: a real signature is made on the device, with a key that
 * never leaves it.
 *
 * @param method the request method
 * @param url the URL signed and called
 * @param headers every header to send, in order, signature fields last
 * @param body the body, or null
 */
record SignedRequest(String method, URI url, Map<String, String> headers, byte[] body) {

    static final String ALGORITHM = "ecdsa-p256-sha256";

    /** A fresh P-256 key pair, as the SDK makes one per app installation. */
    static KeyPair newInstallationKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException everyJvmHasP256) {
            throw new IllegalStateException(everyJvmHasP256);
        }
    }

    /**
     * The public key of a P-256 private key, d·G, for a PEM file that holds only the private key. Plain
     * double-and-add, not constant-time: fine for minting demo tokens, not for a device.
     *
     * @throws IllegalArgumentException if the key is not on P-256
     */
    static PublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof ECPrivateKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256
                || !(ec.getParams().getCurve().getField() instanceof ECFieldFp field)) {
            throw new IllegalArgumentException("an installation key is an EC key on P-256 (secp256r1)");
        }
        ECParameterSpec params = ec.getParams();
        BigInteger p = field.getP();
        ECPoint result = ECPoint.POINT_INFINITY;
        for (int i = ec.getS().bitLength() - 1; i >= 0; i--) {
            result = add(result, result, params.getCurve().getA(), p);
            if (ec.getS().testBit(i)) {
                result = add(result, params.getGenerator(), params.getCurve().getA(), p);
            }
        }
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(result, params));
        } catch (GeneralSecurityException notAKey) {
            throw new IllegalArgumentException("the installation key's public point is invalid");
        }
    }

    private static ECPoint add(ECPoint first, ECPoint second, BigInteger a, BigInteger p) {
        if (first.equals(ECPoint.POINT_INFINITY)) {
            return second;
        }
        if (second.equals(ECPoint.POINT_INFINITY)) {
            return first;
        }
        BigInteger x1 = first.getAffineX();
        BigInteger y1 = first.getAffineY();
        BigInteger x2 = second.getAffineX();
        BigInteger y2 = second.getAffineY();
        BigInteger slope;
        if (x1.equals(x2)) {
            if (y1.add(y2).mod(p).signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            slope = x1.pow(2).multiply(BigInteger.valueOf(3)).add(a).multiply(y1.shiftLeft(1).modInverse(p)).mod(p);
        } else {
            slope = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
        }
        BigInteger x3 = slope.pow(2).subtract(x1).subtract(x2).mod(p);
        return new ECPoint(x3, slope.multiply(x1.subtract(x3)).subtract(y1).mod(p));
    }

    /** The token claim {@code ipk}: standard padded base64 of the public key's DER SubjectPublicKeyInfo. */
    static String ipk(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * Signs a request.
     *
     * @param url an absolute http(s) URL without fragment; it is signed as given (lower-case scheme and
     *     host, no default port), so call exactly this URL
     * @param tokenHeader the token header's name, e.g. {@code Approov-Token}
     * @param otherHeaders headers sent before the body's, e.g. {@code Authorization}; covered when the SDK
     *     would cover them
     * @param body the body, or null; sent with {@code Content-Type: application/json} and a {@code Content-Digest}
     * @param lifetimeSeconds {@code expires} minus {@code created}
     */
    static SignedRequest sign(PrivateKey key, String method, URI url, String tokenHeader, String token,
            Map<String, String> otherHeaders, byte[] body, Instant created, long lifetimeSeconds) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(tokenHeader, token);
        headers.putAll(otherHeaders);
        if (body != null) {
            headers.put("Content-Length", String.valueOf(body.length));
            headers.put("Content-Type", "application/json");
            headers.put("Content-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":");
        }
        List<String> components = new ArrayList<>(List.of("@method", "@target-uri"));
        StringBuilder base = new StringBuilder()
                .append("\"@method\": ").append(method).append('\n')
                .append("\"@target-uri\": ").append(url).append('\n');
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals(tokenHeader.toLowerCase(Locale.ROOT)) || List.of("authorization", "content-length",
                    "content-type", "content-digest").contains(name)) {
                components.add(name);
                base.append('"').append(name).append("\": ").append(header.getValue().strip()).append('\n');
            }
        }
        String parameters = "(" + String.join(" ", components.stream().map(c -> "\"" + c + "\"").toList()) + ")"
                + ";alg=\"" + ALGORITHM + "\";created=" + created.getEpochSecond()
                + ";expires=" + (created.getEpochSecond() + lifetimeSeconds);
        base.append("\"@signature-params\": ").append(parameters);
        headers.put("Signature-Input", "install=" + parameters);
        headers.put("Signature", "install=:" + Base64.getEncoder().encodeToString(ecdsa(key, base.toString())) + ":");
        // Content-Length is curl's to send; it is signed because the SDK signs it when present.
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

    private static byte[] ecdsa(PrivateKey key, String base) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key);
            signer.update(base.getBytes(StandardCharsets.US_ASCII));
            return signer.sign();
        } catch (GeneralSecurityException unsuitable) {
            throw new IllegalArgumentException("the installation key cannot sign ECDSA P-256 ("
                    + unsuitable.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException everyJvmHasSha256) {
            throw new IllegalStateException(everyJvmHasSha256);
        }
    }
}
