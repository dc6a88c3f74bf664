package io.github.approovjaxrs.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.TestVerifier;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.testing.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token tool with key sets: a key id, private-key signing, configurations without a secret. */
class TokenToolKeySetTest {

    static final KeyPair RSA = TestKeys.rsa(2048);
    static final KeyPair EC = TestKeys.ec("secp256r1");

    @TempDir
    Path dir;

    Path pkcs8(PrivateKey key) throws IOException {
        Path file = dir.resolve(key.getAlgorithm() + ".pem");
        Files.writeString(file, TestKeys.pem(key));
        return file;
    }

    static TestVerifier verifier(ApproovConfig.Builder keys) {
        return TestVerifier.create(keys.loggingEnabled(false).clock(TokenToolTest.CLOCK).build());
    }

    static String outcome(TestVerifier verifier, String token) {
        return verifier.verifyToken(token).failure().map(ApproovFailure::code).orElse("accepted");
    }

    static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
    }

    @Test
    void signsWithAnRsaOrEcPrivateKey() throws IOException {
        TestVerifier verifier = verifier(ApproovConfig.builder().addPublicKey("RS256", "r", RSA.getPublic())
                .addPublicKey(null, "e", EC.getPublic()));
        String rs256 = TokenToolTest.run("--key", pkcs8(RSA.getPrivate()).toString(), "--kid", "r").token();
        assertEquals("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"r\"}", header(rs256));
        assertEquals("accepted", outcome(verifier, rs256));
        String es256 = TokenToolTest.run("--key=" + pkcs8(EC.getPrivate())).token();
        assertEquals("{\"alg\":\"ES256\",\"typ\":\"JWT\"}", header(es256));
        assertEquals("accepted", outcome(verifier, es256));
        String invalid = TokenToolTest.run("--key", pkcs8(EC.getPrivate()).toString(), "--type", "invalid").token();
        assertEquals("bad_signature", outcome(verifier, invalid));
    }

    @Test
    void ps256NeedsItsOwnConfiguredKey() throws IOException {
        String ps256 = TokenToolTest.run("--key", pkcs8(RSA.getPrivate()).toString(), "--alg", "ps256").token();
        assertEquals("accepted", outcome(verifier(ApproovConfig.builder().addPublicKey("PS256", null, RSA.getPublic())),
                ps256));
        assertEquals("algorithm_not_allowed",
                outcome(verifier(ApproovConfig.builder().addPublicKey("RS256", null, RSA.getPublic())), ps256));
    }

    @Test
    void keyIdWorksWithTheSecretToo() {
        String token = TokenToolTest.run("--kid", "2026-11").token();
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"2026-11\"}", header(token));
        assertEquals("accepted", outcome(TokenToolTest.DUMMY, token));
    }

    @Test
    void publicKeyOnlyConfigurationsNeedAPrivateKeyToSignAndNeverFallBack() throws IOException {
        Path pem = dir.resolve("public.pem");
        Files.writeString(pem, TestKeys.pem(RSA.getPublic()));
        TokenToolTest.Run run = TokenToolTest.run(Map.of("APPROOV_PUBLIC_KEY_PEM", pem.toString()));
        assertEquals(TokenTool.INVALID_CONFIGURATION, run.status());
        assertTrue(run.err().contains("pass --key"), run.err());
        assertEquals(ApproovSettings.SecretSource.CONFIGURED,
                ApproovSettings.read(Map.of("APPROOV_PUBLIC_KEY_PEM", pem.toString())::get).source());
        String token = TokenToolTest.run(Map.of("APPROOV_PUBLIC_KEY_PEM", pem.toString()),
                "--key", pkcs8(RSA.getPrivate()).toString()).token();
        // The server's keys, read as the demo reads them, judged at the tool's fixed clock.
        TestVerifier server = verifier(ApproovConfig.builder()
                .readEnvironment(Map.of("APPROOV_PUBLIC_KEY_PEM", pem.toString())::get));
        assertEquals("accepted", outcome(server, token));
        assertEquals("algorithm_not_allowed", outcome(server, TokenToolTest.run().token()), "the dummy secret is not there");
    }

    @Test
    void unusableKeysAndOptionsAreUsageErrors() throws IOException {
        Path pkcs1 = dir.resolve("pkcs1.pem");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        Path encrypted = dir.resolve("encrypted.pem");
        Files.writeString(encrypted, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        Path publicOnly = dir.resolve("public.pem");
        Files.writeString(publicOnly, TestKeys.pem(RSA.getPublic()));
        Path p384 = dir.resolve("p384.pem");
        Files.writeString(p384, TestKeys.pem(TestKeys.ec("secp384r1").getPrivate()));
        Map<String, String[]> cases = Map.of(
                "is not PKCS#8", new String[] {"--key", pkcs1.toString()},
                "is encrypted", new String[] {"--key", encrypted.toString()},
                "holds no -----BEGIN PRIVATE KEY----- block", new String[] {"--key", publicOnly.toString()},
                "cannot read", new String[] {"--key", dir.resolve("absent.pem").toString()},
                "does not fit a EC key", new String[] {"--key", pkcs8(EC.getPrivate()).toString(), "--alg", "RS256"},
                "ES256 needs an EC key on P-256", new String[] {"--key", p384.toString()},
                "--alg needs --key", new String[] {"--alg", "RS256"},
                "--alg takes RS256, PS256 or ES256", new String[] {"--key", "x", "--alg", "HS512"});
        cases.forEach((expected, args) -> {
            TokenToolTest.Run run = TokenToolTest.run(args);
            assertEquals(TokenTool.USAGE_ERROR, run.status(), expected);
            assertTrue(run.err().contains(expected), run.err());
            assertEquals("", run.out());
        });
    }
}
