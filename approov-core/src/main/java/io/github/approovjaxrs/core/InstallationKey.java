package io.github.approovjaxrs.core;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * The app installation's public key from a token's {@code ipk} claim (rules M2, M3): the key Approov's SDK
 * signs requests with, kept on the device, in the form of the {@link EcdsaP256} engine that verifies with it.
 *
 * <p>Accepted only in one spelling: canonical padded standard base64 of a DER SubjectPublicKeyInfo of an
 * {@code id-ecPublicKey} on the named curve P-256, whose point lies on the curve and which re-encodes to the
 * very same bytes. The JDK's decoder alone would take explicit curve parameters or a point off the curve.
 *
 * @param key the parsed and validated key, or null
 * @param engineKey the same key in the type of {@code engine}'s provider, or null
 * @param engine the engine {@code engineKey} is for, or null
 * @param failure why there is no key: null with a key; {@code null} key and null failure means the claim is absent
 */
record InstallationKey(ECPublicKey key, PublicKey engineKey, EcdsaP256 engine, ApproovFailure failure) {

    /** Far above the 124 characters of a P-256 key; bounds the work a hostile token can cause. */
    static final int MAX_LENGTH = 4096;

    static final InstallationKey ABSENT = new InstallationKey(null, null, null, null);
    static final InstallationKey MALFORMED =
            new InstallationKey(null, null, null, ApproovFailure.MALFORMED_INSTALLATION_KEY);

    /** True when the token carries no {@code ipk} (absent or JSON null): Approov's fail-over tokens. */
    boolean absent() {
        return key == null && failure == null;
    }

    /** {@link #parse(Object, EcdsaP256)} for the default engine. */
    static InstallationKey parse(Object claim) {
        return parse(claim, EcdsaP256.DEFAULT);
    }

    /** Rules M2 and M3 on the claim's value as the strict JSON parser returned it (null when absent). */
    static InstallationKey parse(Object claim, EcdsaP256 engine) {
        if (claim == null) {
            return ABSENT;
        }
        if (!(claim instanceof String text) || text.isEmpty() || text.length() > MAX_LENGTH) {
            return MALFORMED;
        }
        byte[] der = StructuredFields.decodeCanonicalBase64(text);
        if (der == null) {
            return MALFORMED;
        }
        try {
            if (KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)) instanceof ECPublicKey ec
                    && VerificationKey.isP256(ec.getParams()) && VerificationKey.isOnP256(ec.getW())
                    && Arrays.equals(ec.getEncoded(), der)) {
                return new InstallationKey(ec, engine.engineKey(ec), engine, null);
            }
        } catch (GeneralSecurityException | RuntimeException notAKey) {
            // a malformed key is a failure of the request, never of the server
        }
        return MALFORMED;
    }

    /** Never the key itself: it identifies an installation. */
    @Override
    public String toString() {
        return "InstallationKey[" + (key != null ? "P-256" : failure == null ? "absent" : "malformed") + "]";
    }
}
