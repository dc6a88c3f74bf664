package io.github.approovjaxrs.docs;

// snippet:test-device
import static java.nio.charset.StandardCharsets.US_ASCII;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An app installation for tests: signs requests as the Approov SDK does, with a P-256 key made here. The
 * signature (RFC 9421, label install, ecdsa-p256-sha256) covers the method, the URL, the headers given
 * (the token, and others such as Authorization) and, for a body, its Content-Digest. It is valid for 15
 * seconds from now, as the SDK's.
 */
final class TestDevice {

    private final KeyPair key;

    TestDevice() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            key = generator.generateKeyPair();
        } catch (GeneralSecurityException everyJavaHasP256) {
            throw new IllegalStateException(everyJavaHasP256);
        }
    }

    /** The token's ipk claim: standard base64 of the public key's DER SubjectPublicKeyInfo. */
    String ipk() {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }

    /**
     * The headers that sign a request to exactly {@code url}: Signature-Input, Signature and, when
     * {@code body} is not null, Content-Digest. Send them with the {@code headers} they cover (the token
     * header, and any other you give).
     */
    Map<String, String> sign(String method, URI url, Map<String, String> headers, byte[] body)
            throws GeneralSecurityException {
        Map<String, String> covered = new LinkedHashMap<>(headers);
        Map<String, String> signing = new LinkedHashMap<>();
        if (body != null) {
            byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(body);
            String digest = "sha-256=:" + Base64.getEncoder().encodeToString(sha256) + ":";
            covered.put("Content-Digest", digest);
            signing.put("Content-Digest", digest);
        }
        StringBuilder components = new StringBuilder("\"@method\" \"@target-uri\"");
        StringBuilder base = new StringBuilder()
                .append("\"@method\": ").append(method).append('\n')
                .append("\"@target-uri\": ").append(url).append('\n');
        covered.forEach((name, value) -> {
            String component = name.toLowerCase(Locale.ROOT);
            components.append(" \"").append(component).append('"');
            base.append('"').append(component).append("\": ").append(value.strip()).append('\n');
        });
        long created = Instant.now().getEpochSecond();
        String parameters = "(" + components + ");alg=\"ecdsa-p256-sha256\";created=" + created
                + ";expires=" + (created + 15);
        base.append("\"@signature-params\": ").append(parameters);
        Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format"); // r||s, as RFC 9421 wants
        ecdsa.initSign(key.getPrivate());
        ecdsa.update(base.toString().getBytes(US_ASCII));
        signing.put("Signature-Input", "install=" + parameters);
        signing.put("Signature", "install=:" + Base64.getEncoder().encodeToString(ecdsa.sign()) + ":");
        return signing;
    }
}
// end-snippet
