package io.github.approovjaxrs.testing;

import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An installation of the app, as Approov's SDK makes one: a P-256 key pair whose public key Approov puts in
 * the installation's tokens ({@code ipk}) and whose private key signs each request (RFC 9421, label
 * {@code install}). A test mints a token carrying {@link #publicKey()} and signs its requests here:
 *
 * <pre>{@code
 * AppInstallation device = AppInstallation.create();
 * String token = ApproovTokens.hs256(TEST_SECRET).installationKey(device.publicKey()).mint();
 * Map<String, String> signature = device.request("POST", target("orders").getUri())
 *         .header("Approov-Token", token)
 *         .body(order)
 *         .sign()
 *         .headers(); // Content-Digest, Signature-Input, Signature: send them with the token
 * }</pre>
 *
 * <p>The same signer makes the account signature ({@code account}, HMAC-SHA256 with the account
 * message-signing key) that Approov's SDK sends when the token names an account key ({@code mskid}), for
 * instance on a device without secure hardware, whose token has no {@code ipk}:
 *
 * <pre>{@code
 * String token = ApproovTokens.hs256(TEST_SECRET).accountKeyId("msk-1").mint();
 * Map<String, String> signature = AppInstallation.create().request("GET", uri)
 *         .header("Approov-Token", token)
 *         .signWithAccountKey(ACCOUNT_SECRET)
 *         .headers();
 * }</pre>
 */
public final class AppInstallation {

    /** The token header the SDK sends unless the app names another. */
    static final String DEFAULT_TOKEN_HEADER = "Approov-Token";
    /** The headers the SDK's default signature covers when the request has them, in its order. */
    private static final List<String> COVERED_WHEN_PRESENT =
            List.of("authorization", "content-length", "content-type", "content-digest");

    private final PublicKey publicKey;
    private final PrivateKey privateKey;

    private AppInstallation(PublicKey publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    /** A new installation with a fresh P-256 key pair. */
    public static AppInstallation create() {
        return of(TestKeys.ec("secp256r1"));
    }

    /**
     * The installation of this key pair.
     *
     * @throws IllegalArgumentException if it is not an EC key pair on P-256
     */
    public static AppInstallation of(KeyPair keyPair) {
        if (!(keyPair.getPublic() instanceof ECPublicKey) || !isP256(keyPair.getPrivate())) {
            throw new IllegalArgumentException("an installation key is an EC key pair on P-256 (secp256r1)");
        }
        return new AppInstallation(keyPair.getPublic(), keyPair.getPrivate());
    }

    /**
     * The installation of this private key, its public key computed from it, for a PEM file that holds only
     * the private key. The computation is plain double-and-add, not constant-time: fine for tests, not for a
     * device.
     *
     * @throws IllegalArgumentException if it is not an EC key on P-256
     */
    public static AppInstallation of(PrivateKey privateKey) {
        if (!isP256(privateKey)) {
            throw new IllegalArgumentException("an installation key is an EC key on P-256 (secp256r1)");
        }
        ECPrivateKey ec = (ECPrivateKey) privateKey;
        ECParameterSpec params = ec.getParams();
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        ECPoint point = ECPoint.POINT_INFINITY;
        for (int i = ec.getS().bitLength() - 1; i >= 0; i--) {
            point = add(point, point, params.getCurve().getA(), p);
            if (ec.getS().testBit(i)) {
                point = add(point, params.getGenerator(), params.getCurve().getA(), p);
            }
        }
        try {
            return new AppInstallation(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, params)),
                    privateKey);
        } catch (GeneralSecurityException notAKey) {
            throw new IllegalArgumentException("the installation key's public point is invalid");
        }
    }

    /** The public key: what Approov's tokens carry as {@code ipk} ({@link ApproovTokens.Builder#installationKey}). */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The private key, which on a real device never leaves it. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * Signs a request as the SDK does: give the headers the request carries, the token's among them, and
     * its body if it has one.
     *
     * @param method the method, as sent
     * @param target the exact URI the client calls (scheme, host, port, raw path and query): it is signed
     *     as {@code @target-uri}, so a signature for {@code localhost} does not verify a request sent to
     *     {@code 127.0.0.1}
     */
    public RequestSigner request(String method, URI target) {
        return new RequestSigner(Objects.requireNonNull(method, "method"), Objects.requireNonNull(target, "target"));
    }

    /** Names the curve, never the key. */
    @Override
    public String toString() {
        return "AppInstallation[P-256]";
    }

    /**
     * One request to sign. The signature covers what the SDK's default covers: {@code @method},
     * {@code @target-uri}, the token header (its whole value), then {@code authorization},
     * {@code content-length}, {@code content-type} and {@code content-digest} when given; other headers are
     * not covered. {@code created} is now and {@code expires} 15 seconds later unless set.
     */
    public final class RequestSigner {
        private final String method;
        private final URI target;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String tokenHeader = DEFAULT_TOKEN_HEADER;
        private byte[] body;
        private Instant created;
        private Duration lifetime = Duration.ofSeconds(15);

        private RequestSigner(String method, URI target) {
            this.method = method;
            this.target = target;
        }

        /**
         * A header the request carries; given again, the values are joined with {@code ", "}, as RFC 9421
         * joins several lines of one field.
         */
        public RequestSigner header(String name, String value) {
            Objects.requireNonNull(value, "value");
            headers.merge(name.toLowerCase(Locale.ROOT), value.strip(), (first, next) -> first + ", " + next);
            return this;
        }

        /** The header that carries the token (default {@code Approov-Token}), when the app names another. */
        public RequestSigner tokenHeader(String name) {
            this.tokenHeader = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The body, digested as the Android SDK digests it: its {@code Content-Digest} (SHA-256) is covered and
         * added to {@link MessageSignature#headers()}. Leave the body out to sign as the iOS SDK does by default.
         */
        public RequestSigner body(byte[] content) {
            this.body = content.clone();
            return this;
        }

        /** {@code created} (default: now). */
        public RequestSigner created(Instant instant) {
            this.created = Objects.requireNonNull(instant, "instant");
            return this;
        }

        /** {@code expires} minus {@code created} (default 15 seconds, the SDK's). */
        public RequestSigner lifetime(Duration duration) {
            this.lifetime = Objects.requireNonNull(duration, "duration");
            return this;
        }

        /**
         * The installation signature ({@code install}, ECDSA P-256 with this installation's key).
         *
         * @throws IllegalStateException if no token header was given, or a body was given with a
         *     {@code Content-Digest} header of its own
         */
        public MessageSignature sign() {
            return sign(MessageSignature.builder(privateKey));
        }

        /**
         * The account signature ({@code account}, HMAC-SHA256 with the account message-signing key
         * {@code accountSecret}) over the same components as {@link #sign()}; send it alone, or both with
         * {@link MessageSignature#combinedHeaders}.
         *
         * @throws IllegalStateException if no token header was given, or a body was given with a
         *     {@code Content-Digest} header of its own
         */
        public MessageSignature signWithAccountKey(byte[] accountSecret) {
            return sign(MessageSignature.accountBuilder(accountSecret));
        }

        private MessageSignature sign(MessageSignature.Builder signature) {
            String token = headers.get(tokenHeader.toLowerCase(Locale.ROOT));
            if (token == null) {
                throw new IllegalStateException("the SDK signs only requests with a token: give header(\""
                        + tokenHeader + "\", token)");
            }
            Map<String, String> covered = new LinkedHashMap<>(headers);
            String digest = null;
            if (body != null) {
                digest = MessageSignature.contentDigest(body);
                if (covered.putIfAbsent("content-digest", digest) != null) {
                    throw new IllegalStateException("a body is digested here: give no Content-Digest header of its own");
                }
            }
            long createdSeconds = (created != null ? created : Instant.now()).getEpochSecond();
            signature.created(createdSeconds)
                    .expires(createdSeconds + lifetime.toSeconds())
                    .sendContentDigest(digest)
                    .cover("@method", method)
                    .cover("@target-uri", target.toString())
                    .cover(tokenHeader.toLowerCase(Locale.ROOT), token);
            for (String name : COVERED_WHEN_PRESENT) {
                if (covered.containsKey(name) && !name.equals(tokenHeader.toLowerCase(Locale.ROOT))) {
                    signature.cover(name, covered.get(name));
                }
            }
            return signature.sign();
        }
    }

    private static boolean isP256(PrivateKey key) {
        return key instanceof ECPrivateKey ec && ec.getParams().getCurve().getField() instanceof ECFieldFp
                && ec.getParams().getCurve().getField().getFieldSize() == 256
                && ec.getParams().getOrder().equals(P256_ORDER);
    }

    /** The order n of the P-256 group (SEC 2): tells P-256 from other 256-bit curves. */
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    /** Affine point addition and doubling on a short Weierstrass curve over F_p. */
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
}
