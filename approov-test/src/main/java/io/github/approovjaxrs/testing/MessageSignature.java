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
 * An RFC 9421 HTTP message signature as Approov's SDK signs a request: with the label {@code install} and the
 * algorithm {@code ecdsa-p256-sha256}, by an app installation's key, or with the label {@code account} and
 * {@code hmac-sha256}, by the account message-signing key. The headers to send, and the signature base that
 * was signed, for tests that check it.
 *
 * <p>{@link AppInstallation#request} signs a request as the SDK does ({@code sign()} for the installation
 * signature, {@code signWithAccountKey(secret)} for the account one; {@link #combinedHeaders} sends both, as
 * the newest Android layers do). {@link #builder(PrivateKey)} and {@link #accountBuilder(byte[])} are the
 * lower level, for tests of the verifier: each covered component is given as its identifier and the exact
 * value the base must hold, so a test states what is signed rather than asking the code under test.
 */
public final class MessageSignature {

    /** The {@code alg} parameter of an installation signature. */
    static final String ALGORITHM = "ecdsa-p256-sha256";
    /** The {@code alg} parameter of an account signature. */
    static final String ACCOUNT_ALGORITHM = "hmac-sha256";

    private final String label;
    private final String signatureInput;
    private final String signature;
    private final String base;
    private final byte[] bytes;
    private final String contentDigest;

    private MessageSignature(String label, String signatureInput, String signature, String base, byte[] bytes,
            String contentDigest) {
        this.label = label;
        this.signatureInput = signatureInput;
        this.signature = signature;
        this.base = base;
        this.bytes = bytes;
        this.contentDigest = contentDigest;
    }

    /**
     * An installation signature ({@code install}, ECDSA P-256) by {@code key}: add the components it covers,
     * then {@link Builder#sign()}.
     */
    public static Builder builder(PrivateKey key) {
        return new Builder(Objects.requireNonNull(key, "key"), null);
    }

    /**
     * An account signature ({@code account}, HMAC-SHA256) with the account message-signing key
     * {@code accountSecret} (copied): add the components it covers, then {@link Builder#sign()}.
     */
    public static Builder accountBuilder(byte[] accountSecret) {
        return new Builder(null, Objects.requireNonNull(accountSecret, "accountSecret").clone());
    }

    /**
     * The headers that send several signatures of one request, as Approov's newest Android layers send the
     * installation and the account signature: {@code Content-Digest} (the first given), then
     * {@code Signature-Input} and {@code Signature}, each a dictionary of every signature's member in order.
     */
    public static Map<String, String> combinedHeaders(MessageSignature first, MessageSignature... more) {
        Map<String, String> headers = new LinkedHashMap<>(first.headers());
        for (MessageSignature next : more) {
            if (next.contentDigest != null) {
                headers.putIfAbsent("Content-Digest", next.contentDigest);
            }
            headers.merge("Signature-Input", next.signatureInput, (a, b) -> a + ", " + b);
            headers.merge("Signature", next.signature, (a, b) -> a + ", " + b);
        }
        // Content-Digest first, as headers() orders it.
        Map<String, String> ordered = new LinkedHashMap<>();
        if (headers.containsKey("Content-Digest")) {
            ordered.put("Content-Digest", headers.get("Content-Digest"));
        }
        ordered.put("Signature-Input", headers.get("Signature-Input"));
        ordered.put("Signature", headers.get("Signature"));
        return Collections.unmodifiableMap(ordered);
    }

    /** The label: {@code install} or {@code account}. */
    public String label() {
        return label;
    }

    /** The {@code Content-Digest} value of {@code body}: {@code sha-256=:<base64 of its SHA-256>:} (RFC 9530). */
    public static String contentDigest(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(ApproovTokens.sha256(body)) + ":";
    }

    /** The {@code Signature-Input} value: {@code install=("@method" ...);alg=...;created=...;expires=...} (or {@code account=...}). */
    public String signatureInput() {
        return signatureInput;
    }

    /** The {@code Signature} value in the RFC's form, a Byte Sequence: {@code install=:<base64>:} (Approov's iOS layer); {@code account=:<base64>:}. */
    public String signature() {
        return signature;
    }

    /**
     * The {@code Signature} value as Approov's Android layer has sent it since late 2025, an sf-String:
     * {@code install="<base64>"} (or {@code account="<base64>"}).
     */
    public String signatureAsString() {
        return label + "=\"" + Base64.getEncoder().encodeToString(bytes) + "\"";
    }

    /** The signature base (RFC 9421 §2.5) that was signed. */
    public String base() {
        return base;
    }

    /** The raw signature, r‖s (64 bytes) of an installation signature, the 32-byte HMAC of an account one; a copy. */
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
        private final byte[] accountSecret;
        private final List<String> identifiers = new ArrayList<>();
        private final List<String> values = new ArrayList<>();
        private String parameters;
        private long created = Instant.now().getEpochSecond();
        private Long expires;
        private String contentDigest;

        private Builder(PrivateKey key, byte[] accountSecret) {
            this.key = key;
            this.accountSecret = accountSecret;
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

        /**
         * Signs the base: an installation signature with SHA256withECDSA, r‖s as RFC 9421 §3.3.4 requires; an
         * account signature with HMAC-SHA256 (§3.3.3).
         */
        public MessageSignature sign() {
            String label = key != null ? "install" : "account";
            String params = parameters != null ? parameters
                    : ";alg=\"" + (key != null ? ALGORITHM : ACCOUNT_ALGORITHM) + "\";created=" + created + ";expires="
                    + (expires != null ? expires : created + 15);
            String innerList = "(" + String.join(" ", identifiers) + ")" + params;
            StringBuilder base = new StringBuilder();
            for (int i = 0; i < identifiers.size(); i++) {
                base.append(identifiers.get(i)).append(": ").append(values.get(i)).append('\n');
            }
            base.append("\"@signature-params\": ").append(innerList);
            byte[] signature = key != null ? ecdsa(key, base.toString())
                    : ApproovTokens.hmacSha256(accountSecret, base.toString());
            return new MessageSignature(label, label + "=" + innerList, label + "=:"
                    + Base64.getEncoder().encodeToString(signature) + ":", base.toString(), signature, contentDigest);
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
