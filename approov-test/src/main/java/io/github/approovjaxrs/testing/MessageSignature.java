package io.github.approovjaxrs.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9421 HTTP message signature with the label {@code install} and the algorithm
 * {@code ecdsa-p256-sha256}, as Approov's SDK signs a request with an app installation's key: the headers to
 * send, and the signature base that was signed, for tests that check it.
 *
 * <p>{@link AppInstallation#request} signs a request as the SDK does. {@link #builder(PrivateKey)} is the
 * lower level, for tests of the verifier: each covered component is given as its identifier and the exact
 * value the base must hold, so a test states what is signed rather than asking the code under test.
 */
public final class MessageSignature {

    /** The {@code alg} parameter of an installation signature. */
    static final String ALGORITHM = "ecdsa-p256-sha256";

    private final String signatureInput;
    private final String signature;
    private final String base;
    private final byte[] bytes;
    private final String contentDigest;

    private MessageSignature(String signatureInput, String signature, String base, byte[] bytes, String contentDigest) {
        this.signatureInput = signatureInput;
        this.signature = signature;
        this.base = base;
        this.bytes = bytes;
        this.contentDigest = contentDigest;
    }

    /** A signature by {@code key}: add the components it covers, then {@link Builder#sign()}. */
    public static Builder builder(PrivateKey key) {
        return new Builder(Objects.requireNonNull(key, "key"));
    }

    /** The {@code Content-Digest} value of {@code body}: {@code sha-256=:<base64 of its SHA-256>:} (RFC 9530). */
    public static String contentDigest(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(ApproovTokens.sha256(body)) + ":";
    }

    /** The {@code Signature-Input} value: {@code install=("@method" ...);alg=...;created=...;expires=...}. */
    public String signatureInput() {
        return signatureInput;
    }

    /** The {@code Signature} value in the RFC's form, a Byte Sequence: {@code install=:<base64>:} (Approov's iOS layer). */
    public String signature() {
        return signature;
    }

    /**
     * The {@code Signature} value as Approov's Android layer has sent it since late 2025, an sf-String:
     * {@code install="<base64>"}.
     */
    public String signatureAsString() {
        return "install=\"" + Base64.getEncoder().encodeToString(bytes) + "\"";
    }

    /** The signature base (RFC 9421 §2.5) that was signed. */
    public String base() {
        return base;
    }

    /** The raw signature, r‖s (64 bytes); a copy. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The headers to add to the request, in order: {@code Content-Digest} when the signer digested the body,
     * {@code Signature-Input}, and {@code Signature} in the RFC's form. Send them with the headers they cover.
     */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentDigest != null) {
            headers.put("Content-Digest", contentDigest);
        }
        headers.put("Signature-Input", signatureInput);
        headers.put("Signature", signature);
        return Collections.unmodifiableMap(headers);
    }

    /** Names the label and the covered components, never the signature or a value. */
    @Override
    public String toString() {
        return "MessageSignature[" + signatureInput.substring(0, signatureInput.indexOf(')') + 1) + "]";
    }

    /**
     * What a signature covers, and its parameters. By default {@code created} is now and {@code expires}
     * 15 seconds later, as the SDK sets them.
     */
    public static final class Builder {
        private final PrivateKey key;
        private final List<String> identifiers = new ArrayList<>();
        private final List<String> values = new ArrayList<>();
        private String parameters;
        private long created = Instant.now().getEpochSecond();
        private Long expires;
        private String contentDigest;

        private Builder(PrivateKey key) {
            this.key = key;
        }

        /**
         * Covers the component {@code name} (a header's lower-case name, or a derived component such as
         * {@code @method}), without parameters, with the value its line of the base must hold.
         */
        public Builder cover(String name, String value) {
            return coverIdentifier("\"" + name + "\"", value);
        }

        /** Covers a serialized component identifier, e.g. {@code "@query-param";name="a"}, with its base value. */
        public Builder coverIdentifier(String identifier, String value) {
            identifiers.add(Objects.requireNonNull(identifier, "identifier"));
            values.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** {@code created}, in seconds since the epoch; {@code expires} follows it by 15 seconds unless set. */
        public Builder created(long epochSeconds) {
            this.created = epochSeconds;
            return this;
        }

        /** {@code expires}, in seconds since the epoch. */
        public Builder expires(long epochSeconds) {
            this.expires = epochSeconds;
            return this;
        }

        /** Replaces the parameters ({@code ;alg=...;created=...;expires=...}) with this exact text. */
        public Builder parameters(String text) {
            this.parameters = Objects.requireNonNull(text, "text");
            return this;
        }

        /** The Content-Digest value that {@link MessageSignature#headers()} adds (it is not covered by this). */
        Builder sendContentDigest(String value) {
            this.contentDigest = value;
            return this;
        }

        /** Signs the base with SHA256withECDSA, r‖s as RFC 9421 §3.3.4 requires. */
        public MessageSignature sign() {
            String params = parameters != null ? parameters
                    : ";alg=\"" + ALGORITHM + "\";created=" + created + ";expires=" + (expires != null ? expires : created + 15);
            String innerList = "(" + String.join(" ", identifiers) + ")" + params;
            StringBuilder base = new StringBuilder();
            for (int i = 0; i < identifiers.size(); i++) {
                base.append(identifiers.get(i)).append(": ").append(values.get(i)).append('\n');
            }
            base.append("\"@signature-params\": ").append(innerList);
            byte[] signature = ecdsa(key, base.toString());
            return new MessageSignature("install=" + innerList, "install=:" + Base64.getEncoder().encodeToString(signature)
                    + ":", base.toString(), signature, contentDigest);
        }
    }

    private static byte[] ecdsa(PrivateKey key, String base) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key);
            signer.update(base.getBytes(StandardCharsets.US_ASCII));
            return signer.sign();
        } catch (GeneralSecurityException unsuitable) {
            throw new IllegalArgumentException("the key cannot sign ECDSA P-256 (" + unsuitable.getClass().getSimpleName()
                    + ")");
        }
    }
}
