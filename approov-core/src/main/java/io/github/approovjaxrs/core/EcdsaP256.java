package io.github.approovjaxrs.core;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;

/**
 * ECDSA on P-256 with SHA-256 over a raw r‖s signature (rule M11), done by BouncyCastle when it is on the
 * class path, else by the JDK.
 *
 * <p>Why: on JDK 17 the JDK's ECDSA verification costs about 0.7 ms (0.33 ms on JDK 25), which would make
 * every signed request cost thousands of token checks; BouncyCastle's ({@code org.bouncycastle:bcprov-jdk18on})
 * costs about 0.06 ms on the same machine (benchmarks/README.md). The library does not depend on it: an
 * application that adds it gets it. Keys are validated by {@link InstallationKey} with the JDK's parser either
 * way, then converted once into the engine's own key type, so that a verification converts nothing.
 */
final class EcdsaP256 {

    static final String BOUNCY_CASTLE_PROVIDER = "org.bouncycastle.jce.provider.BouncyCastleProvider";

    /** BouncyCastle's when present, else the JDK's; chosen once. */
    static final EcdsaP256 DEFAULT = new EcdsaP256(bouncyCastle());

    /** The engine's provider, or null for the JDK's default providers. */
    private final Provider provider;

    /** The engine of {@code provider}; null for the JDK's. */
    private EcdsaP256(Provider provider) {
        this.provider = provider;
    }

    /** The JDK's own implementation (SunEC). */
    static EcdsaP256 jdk() {
        return new EcdsaP256(null);
    }

    /** BouncyCastle's, if it is on the class path (already registered as a JCA provider, or instantiated). */
    static Provider bouncyCastle() {
        Provider registered = Security.getProvider("BC");
        if (registered != null && registered.getClass().getName().equals(BOUNCY_CASTLE_PROVIDER)) {
            return registered;
        }
        try {
            return (Provider) Class.forName(BOUNCY_CASTLE_PROVIDER).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException absent) {
            return null;
        }
    }

    /** A new verifier object; not thread-safe, so one per thread. */
    Signature newSignature() throws GeneralSecurityException {
        return provider == null ? Signature.getInstance("SHA256withECDSAinP1363Format")
                : Signature.getInstance("SHA256withPLAIN-ECDSA", provider);
    }

    /** A key the JDK parsed and {@link InstallationKey} validated, in this engine's own type. */
    PublicKey engineKey(ECPublicKey validated) throws GeneralSecurityException {
        return provider == null ? validated
                : KeyFactory.getInstance("EC", provider).generatePublic(new X509EncodedKeySpec(validated.getEncoded()));
    }

    /** For the start-up log. */
    String describe() {
        return provider == null ? "ECDSA by the JDK" : "ECDSA by " + provider.getName() + " " + provider.getVersionStr();
    }

    @Override
    public String toString() {
        return "EcdsaP256[" + describe() + "]";
    }
}
