package io.github.approovjaxrs.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signs requests as Approov's SDK does (RFC 9421, label {@code install}, ecdsa-p256-sha256, raw r‖s), with
 * a key pair generated in the test. Written independently of the library: each covered component is given
 * as its serialized identifier and the exact value the test expects in the signature base, so a test
 * states what must be signed rather than asking the code under test. Published in the test-jar.
 */
public final class TestSignatures {

    private TestSignatures() {
    }

    /** A fresh P-256 key pair, as the SDK makes one per app installation. */
    public static KeyPair installationKeyPair() {
        return TestTokens.keyPair("EC", 256);
    }

    /** The {@code ipk} claim value of a public key: standard padded base64 of its DER SubjectPublicKeyInfo. */
    public static String ipk(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** A token valid for an hour, signed with the test secret, carrying {@code ipk} and extra JSON members. */
    public static String tokenWithIpk(PublicKey key, String extraMembers) {
        return TestTokens.valid(3600, "\"ipk\":\"" + ipk(key) + "\"" + (extraMembers.isEmpty() ? "" : "," + extraMembers));
    }

    /** A signature by {@code key}; add components, then {@link Builder#sign()}. */
    public static Builder with(PrivateKey key) {
        return new Builder(key);
    }

    /**
     * A signed request's headers.
     *
     * @param signatureInput the {@code Signature-Input} value
     * @param signature the {@code Signature} value in the RFC form {@code install=:base64:}
     * @param base the signature base that was signed
     * @param bytes the raw r‖s signature
     */
    public record Signed(String signatureInput, String signature, String base, byte[] bytes) {
        /** The {@code Signature} value in the Android SDK's form, an sf-String: {@code install="base64"}. */
        public String signatureAsString() {
            return "install=\"" + Base64.getEncoder().encodeToString(bytes) + "\"";
        }

        /** Header name/value pairs for a raw HTTP client: Signature-Input then Signature. */
        public String[] headers() {
            return new String[] {"Signature-Input", signatureInput, "Signature", signature};
        }
    }

    /** Collects what is signed. */
    public static final class Builder {
        private final PrivateKey key;
        private final List<String> identifiers = new ArrayList<>();
        private final List<String> values = new ArrayList<>();
        private String parameters;
        private long created = Instant.now().getEpochSecond();
        private Long expires;

        private Builder(PrivateKey key) {
            this.key = key;
        }

        /** Covers {@code name} (no parameters) with the value the base line must hold. */
        public Builder cover(String name, String value) {
            return coverIdentifier("\"" + name + "\"", value);
        }

        /** Covers a serialized identifier, e.g. {@code "@query-param";name="a"}, with its base value. */
        public Builder coverIdentifier(String identifier, String value) {
            identifiers.add(identifier);
            values.add(value);
            return this;
        }

        /** {@code created}; {@code expires} defaults to 15 seconds later, as the SDK sets it. */
        public Builder created(long seconds) {
            this.created = seconds;
            return this;
        }

        public Builder expires(long seconds) {
            this.expires = seconds;
            return this;
        }

        /** Replaces the default parameters ({@code ;alg=...;created=...;expires=...}) with this exact text. */
        public Builder parameters(String text) {
            this.parameters = text;
            return this;
        }

        public Signed sign() {
            String params = parameters != null ? parameters
                    : ";alg=\"ecdsa-p256-sha256\";created=" + created + ";expires=" + (expires != null ? expires : created + 15);
            String innerList = "(" + String.join(" ", identifiers) + ")" + params;
            StringBuilder base = new StringBuilder();
            for (int i = 0; i < identifiers.size(); i++) {
                base.append(identifiers.get(i)).append(": ").append(values.get(i)).append('\n');
            }
            base.append("\"@signature-params\": ").append(innerList);
            byte[] signature = ecdsa(key, base.toString());
            return new Signed("install=" + innerList, "install=:" + Base64.getEncoder().encodeToString(signature) + ":",
                    base.toString(), signature);
        }
    }

    /** SHA256withECDSA in P1363 form (r‖s, 64 bytes), as RFC 9421 §3.3.4 requires. */
    public static byte[] ecdsa(PrivateKey key, String base) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key);
            signer.update(base.getBytes(StandardCharsets.US_ASCII));
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sha-256=:base64:}, the Content-Digest of {@code body}. */
    public static String contentDigest(byte[] body) {
        try {
            return "sha-256=:" + Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(body)) + ":";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
