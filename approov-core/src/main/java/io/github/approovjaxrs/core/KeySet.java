package io.github.approovjaxrs.core;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The configured verification keys and how a token chooses among them.
 *
 * <p>Selection: the token's {@code alg} must be the algorithm of a configured key. A {@code kid} that names
 * a configured key selects that key alone (and its algorithm must match, or the token is refused). A
 * {@code kid} that names no configured key, or none at all, falls back to trying every configured key of
 * the token's algorithm: Approov stamps a {@code kid} only when asked to ({@code approov secret
 * -setKeyID}), and the default configuration has no key ids, so refusing unknown ids would break working
 * apps for no gain — a token still needs a valid signature by a configured key. A {@code kid} (like
 * {@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) never loads or fetches a key.
 */
final class KeySet {

    /** A key, its position (for per-thread crypto objects) and the jose4j algorithm constraint of its one algorithm. */
    record Entry(int index, VerificationKey key, AlgorithmConstraints jose4jAlgorithm) {

        /**
         * jose4j's own verdict on a token the strict checks accepted: its parser reads the compact JWS, its
         * algorithm constraint permits only this key's algorithm, it understands no {@code crit} parameter,
         * and it verifies the signature with this key. Only the JWS layer: the claims are judged by
         * {@link ClaimChecks} on {@link StrictJson}'s stricter parse (jose4j's own claim validators cannot
         * apply T7 exactly), so a {@code JwtConsumer} would only parse them a second time, at a third of
         * its cost.
         *
         * @return null when jose4j agrees, else the simple name of the exception it refused with (never its
         *     message, which may quote the token)
         */
        String jose4jRefusal(String token) {
            JsonWebSignature jws = new JsonWebSignature();
            try {
                jws.setAlgorithmConstraints(jose4jAlgorithm);
                jws.setCompactSerialization(token);
                jws.setKey(key.key());
                return jws.verifySignature() ? null : "signature not verified";
            } catch (JoseException | RuntimeException refused) {
                return refused.getClass().getSimpleName();
            }
        }
    }

    private final List<Entry> entries;
    private final Map<String, List<Entry>> byAlgorithm = new HashMap<>();
    private final Map<String, Entry> byKeyId = new HashMap<>();

    KeySet(List<VerificationKey> keys) {
        List<Entry> all = new ArrayList<>();
        for (VerificationKey key : keys) {
            Entry entry = new Entry(all.size(), key,
                    new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, key.algorithm()));
            all.add(entry);
            byAlgorithm.computeIfAbsent(key.algorithm(), a -> new ArrayList<>()).add(entry);
            if (key.keyId() != null) {
                byKeyId.put(key.keyId(), entry);
            }
        }
        this.entries = List.copyOf(all);
        byAlgorithm.replaceAll((alg, list) -> List.copyOf(list));
    }

    /** The keys a token with this {@code alg} and {@code kid} may be verified with; empty: refuse the alg. */
    List<Entry> candidates(Object alg, Object kid) {
        if (kid instanceof String id) {
            Entry named = byKeyId.get(id);
            if (named != null) {
                return named.key().algorithm().equals(alg) ? List.of(named) : List.of();
            }
        }
        List<Entry> sameAlgorithm = alg instanceof String name ? byAlgorithm.get(name) : null;
        return sameAlgorithm == null ? List.of() : sameAlgorithm;
    }

    List<Entry> entries() {
        return entries;
    }

    /** Per-thread crypto objects: Mac and Signature are not thread-safe, and reusing them is cheap. */
    Crypto newCrypto() {
        return new Crypto();
    }

    final class Crypto {
        private final Mac[] macs = new Mac[entries.size()];
        private final Map<String, Signature> signatures = new LinkedHashMap<>();
        private final byte[] computedMac = new byte[32];
        private final byte[] receivedMac = new byte[32];

        Crypto() {
            try {
                for (Entry entry : entries) {
                    if (entry.key().isHmac()) {
                        Mac mac = Mac.getInstance("HmacSHA256");
                        mac.init((SecretKeySpec) entry.key().key());
                        macs[entry.index()] = mac;
                    } else if (!signatures.containsKey(entry.key().algorithm())) {
                        signatures.put(entry.key().algorithm(), newSignature(entry.key().algorithm()));
                    }
                }
            } catch (GeneralSecurityException unavailable) {
                throw new IllegalStateException("a JWS algorithm's JCA implementation is missing in this JVM",
                        unavailable);
            }
        }

        /**
         * Rule T5 on the received text: the first candidate whose signature over {@code signingInput[0, length)}
         * matches {@code token[signatureStart, end)}, or null. HMACs are compared in constant time; ES256
         * signatures with r or s outside [1, n−1] fail before the JCA sees them.
         */
        Entry verify(List<Entry> candidates, byte[] signingInput, int length, String token, int signatureStart) {
            int signatureChars = token.length() - signatureStart;
            byte[] signature = null;
            for (Entry candidate : candidates) {
                VerificationKey key = candidate.key();
                if (key.isHmac()) {
                    if (signatureChars == 43 && macMatches(macs[candidate.index()], signingInput, length, token,
                            signatureStart)) {
                        return candidate;
                    }
                    continue;
                }
                if (signature == null) {
                    signature = CompactJws.decode(token, signatureStart, token.length());
                }
                if (publicKeyVerifies(key, signingInput, length, signature)) {
                    return candidate;
                }
            }
            return null;
        }

        private boolean macMatches(Mac mac, byte[] signingInput, int length, String token, int signatureStart) {
            mac.update(signingInput, 0, length);
            try {
                mac.doFinal(computedMac, 0);
            } catch (ShortBufferException impossible) {
                throw new IllegalStateException(impossible);
            }
            CompactJws.decodeInto(token, signatureStart, token.length(), receivedMac);
            return MessageDigest.isEqual(computedMac, receivedMac);
        }

        private boolean publicKeyVerifies(VerificationKey key, byte[] signingInput, int length, byte[] signature) {
            if (key.algorithm().equals(VerificationKey.ES256)) {
                if (signature.length != 64 || !inSignatureRange(signature, 0) || !inSignatureRange(signature, 32)) {
                    return false;
                }
            } else if (signature.length != (((RSAPublicKey) key.key()).getModulus().bitLength() + 7) / 8) {
                return false;
            }
            Signature verifier = signatures.get(key.algorithm());
            try {
                verifier.initVerify((PublicKey) key.key());
                verifier.update(signingInput, 0, length);
                return verifier.verify(signature);
            } catch (GeneralSecurityException | RuntimeException invalid) {
                return false;
            }
        }
    }

    /** 0 < value < n for the 32-byte big-endian integer at {@code offset}: psychic signatures fail here. */
    static boolean inSignatureRange(byte[] signature, int offset) {
        BigInteger value = new BigInteger(1, java.util.Arrays.copyOfRange(signature, offset, offset + 32));
        return value.signum() > 0 && value.compareTo(VerificationKey.P256_ORDER) < 0;
    }

    private static Signature newSignature(String algorithm) throws GeneralSecurityException {
        switch (algorithm) {
            case VerificationKey.RS256:
                return Signature.getInstance("SHA256withRSA");
            case VerificationKey.PS256: {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                return pss;
            }
            case VerificationKey.ES256:
                return Signature.getInstance("SHA256withECDSAinP1363Format");
            default:
                throw new IllegalArgumentException("unsupported algorithm " + algorithm);
        }
    }
}
