package io.github.approovjaxrs.core;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.X509EncodedKeySpec;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * One configured verification key, bound to exactly one JWS algorithm (rules T3–T5 for key sets).
 *
 * <p>Keys are typed at start-up and never re-interpreted: a secret only ever verifies HS256, a public key
 * only its own asymmetric algorithm, so a token cannot make an RSA public key serve as an HMAC secret
 * (algorithm confusion). Weak keys are refused here, before the server starts: secrets under 32 bytes,
 * RSA under 2048 bits, EC keys not on P-256.
 *
 * @param algorithm HS256, RS256, PS256 or ES256
 * @param keyId the {@code kid} it answers to, or null
 * @param key a {@link SecretKeySpec} for HS256, else the public key
 */
record VerificationKey(String algorithm, String keyId, Key key) {

    static final String HS256 = "HS256";
    static final String RS256 = "RS256";
    static final String PS256 = "PS256";
    static final String ES256 = "ES256";
    static final List<String> ALGORITHMS = List.of(HS256, RS256, PS256, ES256);

    static final int MINIMUM_SECRET_BYTES = 32;
    static final int MINIMUM_RSA_BITS = 2048;

    /** The order n of the P-256 group: ES256 signatures need 0 < r, s < n. */
    static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final BigInteger P256_PRIME =
            new BigInteger("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", 16);
    private static final BigInteger P256_B =
            new BigInteger("5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B", 16);

    /** Thrown for an unusable key; the message names the problem, never key material. */
    static final class InvalidKeyException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidKeyException(String message) {
            super(message, null, false, false);
        }
    }

    /** A short description for start-up logs: algorithm, kid and size, never the key. */
    String describe() {
        String size;
        if (key instanceof RSAPublicKey rsa) {
            size = rsa.getModulus().bitLength() + "-bit RSA";
        } else if (key instanceof ECPublicKey) {
            size = "P-256";
        } else {
            size = key.getEncoded().length + "-byte secret";
        }
        return algorithm + (keyId == null ? "" : " kid=" + keyId) + " (" + size + ")";
    }

    boolean isHmac() {
        return HS256.equals(algorithm);
    }

    /** An HS256 secret of at least 32 bytes. */
    static VerificationKey secret(String keyId, byte[] secret) throws InvalidKeyException {
        if (secret.length < MINIMUM_SECRET_BYTES) {
            throw new InvalidKeyException("an HS256 secret must be at least " + MINIMUM_SECRET_BYTES
                    + " bytes, this one is " + secret.length + " bytes; use the account secret from"
                    + " `approov secret -get base64`");
        }
        return new VerificationKey(HS256, keyId, new SecretKeySpec(secret, "HmacSHA256"));
    }

    /**
     * A public key for {@code algorithm}; when {@code algorithm} is null it follows from the key (RSA:
     * RS256, EC: ES256). The key must suit the algorithm.
     */
    static VerificationKey publicKey(String algorithm, String keyId, PublicKey key) throws InvalidKeyException {
        String alg = algorithm == null ? null : algorithm.strip().toUpperCase(Locale.ROOT);
        if (alg != null && !List.of(RS256, PS256, ES256).contains(alg)) {
            // Configured text, perhaps a secret in the wrong variable: shown only as the rule allows.
            throw new InvalidKeyException("the algorithm of a public key is RS256, PS256 or ES256; got "
                    + ApproovConfigurationException.quoteSafely(algorithm.strip()));
        }
        if (key instanceof RSAPublicKey rsa) {
            alg = alg == null ? RS256 : alg;
            if (!alg.equals(RS256) && !alg.equals(PS256)) {
                throw new InvalidKeyException("an RSA key can verify RS256 or PS256, not " + alg);
            }
            int bits = rsa.getModulus().bitLength();
            if (bits < MINIMUM_RSA_BITS) {
                throw new InvalidKeyException("RSA keys must have at least " + MINIMUM_RSA_BITS + " bits; got " + bits);
            }
        } else if (key instanceof ECPublicKey ec) {
            alg = alg == null ? ES256 : alg;
            if (!alg.equals(ES256)) {
                throw new InvalidKeyException("an EC key can verify ES256, not " + alg);
            }
            if (!isP256(ec.getParams()) || !isOnP256(ec.getW())) {
                throw new InvalidKeyException("ES256 needs an EC public key on the P-256 curve");
            }
        } else {
            throw new InvalidKeyException("unsupported public key type " + key.getAlgorithm()
                    + "; use an RSA (RS256, PS256) or P-256 EC (ES256) key");
        }
        return new VerificationKey(alg, keyId, key);
    }

    /**
     * The keys of a PEM text: one or more {@code PUBLIC KEY} (SubjectPublicKeyInfo) or {@code CERTIFICATE}
     * blocks. Private keys are refused: the API needs only what verifies.
     */
    static List<VerificationKey> fromPem(String algorithm, String keyId, String pem) throws InvalidKeyException {
        List<VerificationKey> keys = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = pem.indexOf("-----BEGIN ", at);
            if (begin < 0) {
                break;
            }
            int labelEnd = pem.indexOf("-----", begin + 11);
            if (labelEnd < 0) {
                throw new InvalidKeyException("a PEM block has no closing dashes");
            }
            String label = pem.substring(begin + 11, labelEnd);
            String footer = "-----END " + label + "-----";
            int end = pem.indexOf(footer, labelEnd);
            if (end < 0) {
                throw new InvalidKeyException("the PEM block " + label + " has no END line");
            }
            String body = pem.substring(labelEnd + 5, end).replaceAll("\\s", "");
            byte[] der;
            try {
                der = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException notBase64) {
                throw new InvalidKeyException("the PEM block " + label + " is not valid base64");
            }
            keys.add(publicKey(algorithm, keyId, parseDer(label, der)));
            at = end + footer.length();
        }
        if (keys.isEmpty()) {
            throw new InvalidKeyException("no PEM block found (expected -----BEGIN PUBLIC KEY-----)");
        }
        if (keys.size() > 1 && keyId != null) {
            throw new InvalidKeyException("one key id was given for " + keys.size() + " PEM keys");
        }
        return keys;
    }

    private static PublicKey parseDer(String label, byte[] der) throws InvalidKeyException {
        try {
            switch (label) {
                case "PUBLIC KEY": {
                    GeneralSecurityException last = null;
                    for (String type : List.of("RSA", "EC")) {
                        try {
                            return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
                        } catch (GeneralSecurityException notThisType) {
                            last = notThisType;
                        }
                    }
                    throw last;
                }
                case "CERTIFICATE":
                    return CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
                default:
                    if (label.contains("PRIVATE")) {
                        throw new InvalidKeyException("the PEM holds a private key (" + label + "); configure the"
                                + " public key only (openssl pkey -pubout)");
                    }
                    throw new InvalidKeyException("unsupported PEM block " + label + "; use PUBLIC KEY or CERTIFICATE");
            }
        } catch (GeneralSecurityException unreadable) {
            throw new InvalidKeyException("the PEM block " + label + " is not an RSA or EC public key");
        }
    }

    /**
     * The keys of a JWKS document. Each key's algorithm comes from its {@code alg}, or from its type when
     * unambiguous (oct: HS256, EC P-256: ES256); RSA keys must name {@code alg} (RS256 or PS256). Keys marked
     * {@code use: enc} and keys with private members are refused.
     */
    static List<VerificationKey> fromJwks(String json) throws InvalidKeyException {
        List<JsonWebKey> jwks;
        try {
            jwks = new JsonWebKeySet(json).getJsonWebKeys();
        } catch (JoseException | RuntimeException malformed) {
            throw new InvalidKeyException("not a JWKS document ({\"keys\":[...]})");
        }
        if (jwks.isEmpty()) {
            throw new InvalidKeyException("the JWKS holds no keys");
        }
        List<VerificationKey> keys = new ArrayList<>();
        for (int i = 0; i < jwks.size(); i++) {
            JsonWebKey jwk = jwks.get(i);
            String where = "JWKS key #" + (i + 1) + (jwk.getKeyId() == null ? "" : " (kid " + jwk.getKeyId() + ")");
            if ("enc".equals(jwk.getUse())) {
                throw new InvalidKeyException(where + " is marked use=enc, not for signatures");
            }
            Map<String, Object> members = jwk.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
            try {
                if (jwk instanceof OctetSequenceJsonWebKey oct) {
                    String alg = jwk.getAlgorithm();
                    if (alg != null && !alg.equals(HS256)) {
                        throw new InvalidKeyException("only HS256 is supported for symmetric keys, not " + alg);
                    }
                    keys.add(secret(jwk.getKeyId(), oct.getOctetSequence()));
                } else if (jwk instanceof RsaJsonWebKey || jwk instanceof EllipticCurveJsonWebKey) {
                    if (members.containsKey("d")) {
                        throw new InvalidKeyException("it holds private key material (\"d\"); publish only the"
                                + " public JWKS to the API");
                    }
                    if (jwk instanceof RsaJsonWebKey && jwk.getAlgorithm() == null) {
                        throw new InvalidKeyException("an RSA key must name its alg (RS256 or PS256)");
                    }
                    keys.add(publicKey(jwk.getAlgorithm(), jwk.getKeyId(), (PublicKey) jwk.getKey()));
                } else {
                    throw new InvalidKeyException("unsupported key type " + jwk.getKeyType());
                }
            } catch (InvalidKeyException problem) {
                throw new InvalidKeyException(where + ": " + problem.getMessage());
            }
        }
        return keys;
    }

    static boolean isP256(ECParameterSpec params) {
        return params.getCurve().getField().getFieldSize() == 256 && params.getOrder().equals(P256_ORDER)
                && params.getCurve().getB().equals(P256_B);
    }

    /** y² = x³ − 3x + b (mod p): a key off the curve is refused rather than trusted. */
    static boolean isOnP256(ECPoint point) {
        if (point.equals(ECPoint.POINT_INFINITY)) {
            return false;
        }
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(P256_PRIME) >= 0 || y.compareTo(P256_PRIME) >= 0) {
            return false;
        }
        BigInteger left = y.modPow(BigInteger.TWO, P256_PRIME);
        BigInteger right = x.pow(3).subtract(x.multiply(BigInteger.valueOf(3))).add(P256_B).mod(P256_PRIME);
        return left.equals(right);
    }

    /** Never the key material. */
    @Override
    public String toString() {
        return "VerificationKey[" + describe() + "]";
    }
}
