package io.github.approovjaxrs.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Key pairs made in the test, and their PEM text: for servers configured with public keys (RS256, PS256,
 * ES256 tokens), for app installations ({@link AppInstallation}), and for tests of keys the server must
 * refuse (short RSA keys, other curves).
 */
public final class TestKeys {

    private TestKeys() {
    }

    /** A fresh RSA key pair of {@code bits} bits (2048 for RS256 and PS256 tokens). */
    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalArgumentException("no RSA key pair of " + bits + " bits: " + unavailable.getMessage());
        }
    }

    /**
     * A fresh EC key pair on the named curve: {@code secp256r1} (P-256, for ES256 tokens and installation
     * keys), {@code secp384r1}, {@code secp521r1}.
     */
    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalArgumentException("no EC key pair on " + curve + ": " + unavailable.getMessage());
        }
    }

    /** The PEM text of a public key: its DER SubjectPublicKeyInfo in a {@code PUBLIC KEY} block. */
    public static String pem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /**
     * The PEM text of a private key: its unencrypted PKCS#8 DER in a {@code PRIVATE KEY} block, as
     * {@code openssl genpkey} writes one.
     */
    public static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
