package io.github.approovjaxrs.shapes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * Reads the token tool's {@code --key}: an unencrypted PKCS#8 PEM private key ({@code -----BEGIN PRIVATE
 * KEY-----}), RSA or EC P-256, and the JWS algorithm it signs by default. Messages never quote the file.
 */
final class PrivateKeyFile {

    private PrivateKeyFile() {
    }

    /** The key in {@code file}. @throws IllegalArgumentException with a message for the user */
    static PrivateKey read(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            throw new IllegalArgumentException("--key: cannot read " + file + " (" + unreadable.getClass().getSimpleName()
                    + ")");
        }
        if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException("--key: " + file + " is encrypted; decrypt it first:"
                    + " openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
        }
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----") || pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new IllegalArgumentException("--key: " + file + " is not PKCS#8; convert it:"
                    + " openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
        }
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("--key: " + file + " holds no " + begin + " block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("--key: the PEM block in " + file + " is not valid base64");
        }
        for (String type : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisType) {
                // try the next type
            }
        }
        throw new IllegalArgumentException("--key: " + file + " is not an RSA or EC private key");
    }

    /** The algorithm {@code key} signs when {@code --alg} is not given: RS256 for RSA, ES256 for EC. */
    static String defaultAlgorithm(PrivateKey key) {
        return key instanceof ECPrivateKey ? "ES256" : "RS256";
    }

    /** Refuses an algorithm the key cannot sign. */
    static void checkAlgorithm(PrivateKey key, String algorithm) {
        boolean fits = key instanceof RSAPrivateKey ? List.of("RS256", "PS256").contains(algorithm)
                : key instanceof ECPrivateKey && algorithm.equals("ES256");
        if (!fits) {
            throw new IllegalArgumentException("--alg " + algorithm + " does not fit a " + key.getAlgorithm()
                    + " key; use " + (key instanceof RSAPrivateKey ? "RS256 or PS256" : "ES256"));
        }
    }
}
