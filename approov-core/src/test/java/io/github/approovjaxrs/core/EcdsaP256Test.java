package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.testing.ApproovTokens;
import io.github.approovjaxrs.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both ECDSA engines of rule M11 give the same verdicts: the JDK's, and BouncyCastle's, which the library
 * uses when it is on the class path (as it is in these tests) because it verifies about ten times faster on
 * JDK 17.
 */
class EcdsaP256Test {

    static Stream<EcdsaP256> engines() {
        return Stream.of(EcdsaP256.jdk(), EcdsaP256.DEFAULT);
    }

    @Test
    void bouncyCastleIsChosenWhenItIsOnTheClassPath() {
        assertTrue(EcdsaP256.bouncyCastle() != null, "bcprov is a test dependency");
        assertTrue(EcdsaP256.DEFAULT.describe().startsWith("ECDSA by BC "), EcdsaP256.DEFAULT.describe());
        assertEquals("ECDSA by the JDK", EcdsaP256.jdk().describe());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void agreesWithTheJdkSignerAndRefusesEveryAlteration(EcdsaP256 engine) throws GeneralSecurityException {
        Random random = new Random(20261127);
        KeyPair pair = TestKeys.ec("secp256r1");
        KeyPair other = TestKeys.ec("secp256r1");
        InstallationKey key = InstallationKey.parse(ApproovTokens.ipk(pair.getPublic()), engine);
        InstallationKey otherKey = InstallationKey.parse(ApproovTokens.ipk(other.getPublic()), engine);
        assertEquals(engine, key.engine());
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        Signature verifier = engine.newSignature();
        for (int i = 0; i < 200; i++) {
            byte[] message = new byte[1 + random.nextInt(600)];
            random.nextBytes(message);
            signer.initSign(pair.getPrivate());
            signer.update(message);
            byte[] signature = signer.sign();
            assertTrue(verifies(verifier, key, message, signature), "signature " + i);

            byte[] alteredMessage = message.clone();
            alteredMessage[random.nextInt(message.length)] ^= (byte) (1 << random.nextInt(8));
            assertFalse(verifies(verifier, key, alteredMessage, signature), "altered message " + i);
            byte[] alteredSignature = signature.clone();
            alteredSignature[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
            assertFalse(verifies(verifier, key, message, alteredSignature), "altered signature " + i);
            assertFalse(verifies(verifier, otherKey, message, signature), "another key " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void engineKeysAreTheValidatedKeyItself(EcdsaP256 engine) throws GeneralSecurityException {
        KeyPair pair = TestKeys.ec("secp256r1");
        InstallationKey key = InstallationKey.parse(ApproovTokens.ipk(pair.getPublic()), engine);
        assertEquals(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                Base64.getEncoder().encodeToString(key.engineKey().getEncoded()));
        assertEquals(((ECPublicKey) pair.getPublic()).getW(), key.key().getW());
    }

    @Test
    void aTokensKeyIsParsedAgainForAnotherEngineAndOnceForItsOwn() {
        KeyPair pair = TestKeys.ec("secp256r1");
        ApproovClaims claims = ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).build()).verifyToken(TestSecret.TOKENS.installationKey(pair.getPublic()).mint())
                .claims().orElseThrow();
        InstallationKey forJdk = claims.installationKey(EcdsaP256.jdk());
        InstallationKey forDefault = claims.installationKey(EcdsaP256.DEFAULT);
        assertNotEquals(forJdk.engine(), forDefault.engine());
        assertEquals(forDefault, claims.installationKey(EcdsaP256.DEFAULT));
        assertTrue(forDefault == claims.installationKey(EcdsaP256.DEFAULT), "parsed once for its engine");
    }

    static boolean verifies(Signature verifier, InstallationKey key, byte[] message, byte[] signature) {
        try {
            verifier.initVerify(key.engineKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException refused) {
            return false;
        }
    }

    @Test
    void theConformanceFilesKeyParsesOnEachEngine() {
        String ipk = (String) MessageSigningConformanceTest.FILE.get("ipk");
        engines().forEach(engine -> assertTrue(InstallationKey.parse(ipk, engine).engineKey() != null, engine.describe()));
        assertEquals(124, ipk.getBytes(StandardCharsets.US_ASCII).length);
    }
}
