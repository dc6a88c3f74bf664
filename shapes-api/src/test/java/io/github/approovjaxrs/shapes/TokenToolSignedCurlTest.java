package io.github.approovjaxrs.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.TestVerifier;
import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovRequest;
import io.github.approovjaxrs.testing.ApproovTokens;
import io.github.approovjaxrs.testing.TestKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token tool's installation key and signed curl lines, checked by the library's own verifier. */
class TokenToolSignedCurlTest {

    static final KeyPair INSTALLATION = TestKeys.ec("secp256r1");
    static final TestVerifier DUMMY = TestVerifier.create(ApproovConfig.builder()
            .base64Secret(ApproovTokens.DUMMY_SECRET_BASE64).loggingEnabled(false).clock(TokenToolTest.CLOCK).build());

    @TempDir
    Path dir;

    Path installKeyFile() throws IOException {
        Path file = dir.resolve("install.pem");
        Files.writeString(file, TestKeys.pem(INSTALLATION.getPrivate()));
        return file;
    }

    /** The request a printed curl line sends (curl adds Content-Length to a body). */
    static ApproovRequest request(String curlLine) {
        Matcher header = Pattern.compile("-H '([^:]+): ([^']*)'").matcher(curlLine);
        Matcher data = Pattern.compile("--data-binary '([^']*)'").matcher(curlLine);
        Matcher method = Pattern.compile(" -X (\\w+) ").matcher(curlLine);
        ApproovRequest.Builder request = ApproovRequest.builder()
                .target(URI.create(curlLine.substring(curlLine.lastIndexOf(' ') + 1).replace("'", "")));
        while (header.find()) {
            request.header(header.group(1), header.group(2));
        }
        boolean body = data.find();
        if (body) {
            byte[] bytes = data.group(1).getBytes(StandardCharsets.UTF_8);
            request.body(bytes).header("Content-Length", String.valueOf(bytes.length));
        }
        return request.method(method.find() ? method.group(1) : body ? "POST" : "GET").build();
    }

    static String line(TokenToolTest.Run run) {
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("curl -i "), run.out());
        return run.out().strip();
    }

    @Test
    void anInstallKeyPutsItsPublicKeyInTheToken() throws IOException {
        String token = TokenToolTest.run("--install-key", installKeyFile().toString()).token();
        ApproovClaims claims = DUMMY.verifyToken(token).claims().orElseThrow();
        assertEquals(Optional.of(ApproovTokens.ipk(INSTALLATION.getPublic())), claims.stringClaim("ipk"));
    }

    @Test
    void aSignedGetWithAFreshKeyIsAcceptedAndSigned() {
        String curl = line(TokenToolTest.run("--signed-curl", "HTTP://127.0.0.1:8002/v5/shapes?x=1"));
        assertTrue(curl.endsWith(" 'http://127.0.0.1:8002/v5/shapes?x=1'"), curl);
        TestVerifier.Verdict verdict = DUMMY.verifySigned(request(curl));
        assertTrue(verdict.claims().orElseThrow().isMessageSigned(), verdict::toString);
    }

    @Test
    void aSignedPostCarriesItsDigestAndTheBindingWhenAsked() throws IOException {
        String curl = line(TokenToolTest.run("--install-key", installKeyFile().toString(), "--bind", "Bearer abc",
                "--signed-curl", "http://localhost:8002/v5/shapes", "--data", "{\"a b\":1}"));
        assertTrue(curl.contains("-H 'Authorization: Bearer abc'"), curl);
        assertTrue(curl.contains("\"authorization\" \"content-length\" \"content-type\" \"content-digest\""), curl);
        TestVerifier.Verdict verdict = DUMMY.verifySigned(request(curl));
        assertTrue(verdict.claims().orElseThrow().isMessageSigned(), verdict::toString);
        assertEquals(Optional.of(ApproovFailure.CONTENT_DIGEST_MISMATCH),
                DUMMY.verifySigned(request(curl.replace("{\"a b\":1}", "{\"a b\":2}"))).failure());
    }

    @Test
    void anotherMethodIsSignedAsGiven() {
        String curl = line(TokenToolTest.run("--signed-curl", "http://127.0.0.1:8002/v5/shapes", "--method", "DELETE"));
        assertTrue(curl.startsWith("curl -i -X DELETE "), curl);
        assertTrue(DUMMY.verifySigned(request(curl)).isAccepted());
    }

    @Test
    void theSignatureLivesAsLongAsTheServerAcceptsIt() {
        ApproovSettings settings = ApproovSettings.read(Map.of("APPROOV_MESSAGE_SIGNING_MAX_AGE_SECONDS", "30")::get);
        assertEquals(30, TokenTool.signatureLifetime(settings).toSeconds());
        assertEquals(300, TokenTool.signatureLifetime(ApproovSettings.read(Map.<String, String>of()::get)).toSeconds());
        String curl = line(TokenToolTest.run("--signed-curl", "http://127.0.0.1:8002/v5/shapes"));
        Matcher params = Pattern.compile("created=(\\d+);expires=(\\d+)").matcher(curl);
        assertTrue(params.find(), curl);
        assertEquals(TokenToolTest.NOW.getEpochSecond(), Long.parseLong(params.group(1)));
        assertEquals(300, Long.parseLong(params.group(2)) - Long.parseLong(params.group(1)));
    }

    @Test
    void anAccountKeySignsUnderTheLabelAccountForATokenThatNamesIt() throws IOException {
        byte[] key = "token-tool-account-key-32-bytes!".getBytes(StandardCharsets.US_ASCII);
        String base64url = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        TestVerifier server = TestVerifier.create(ApproovConfig.builder().base64Secret(ApproovTokens.DUMMY_SECRET_BASE64)
                .loggingEnabled(false).clock(TokenToolTest.CLOCK).accountMessageSigningSecretBase64Url(base64url).build());
        String get = line(TokenToolTest.run("--signed-curl", "http://127.0.0.1:8002/v5/shapes", "--account-key", base64url));
        assertTrue(get.contains("-H 'Signature: account=:"), get);
        TestVerifier.Verdict verdict = server.verifySigned(request(get));
        assertEquals(java.util.Set.of("account"), verdict.claims().orElseThrow().verifiedMessageSignatures());
        assertEquals(Optional.of("demo"), verdict.claims().orElseThrow().stringClaim("mskid"));

        String post = line(TokenToolTest.run(Map.of("APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64", java.util.Base64
                        .getEncoder().encodeToString(key), "APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID", "msk-3"),
                "--signed-curl", "http://127.0.0.1:8002/v5/shapes", "--data", "{}",
                "--account-key=" + java.util.Base64.getEncoder().encodeToString(key)));
        TestVerifier.Verdict posted = server.verifySigned(request(post));
        assertEquals(java.util.Set.of("account"), posted.claims().orElseThrow().verifiedMessageSignatures());
        assertEquals(Optional.of("msk-3"), posted.claims().orElseThrow().stringClaim("mskid"));

        String both = line(TokenToolTest.run("--install-key", installKeyFile().toString(), "--claim", "mskid=k9",
                "--signed-curl", "http://127.0.0.1:8002/v5/shapes", "--account-key", base64url));
        assertTrue(both.contains("-H 'Signature: install=:") && both.contains(", account=:"), both);
        TestVerifier requiringBoth = TestVerifier.create(ApproovConfig.builder().base64Secret(ApproovTokens.DUMMY_SECRET_BASE64)
                .loggingEnabled(false).clock(TokenToolTest.CLOCK).accountMessageSigningSecretBase64Url(base64url)
                .requireAccountSignature(true).build());
        assertEquals(java.util.Set.of("install", "account"),
                requiringBoth.verifySigned(request(both)).claims().orElseThrow().verifiedMessageSignatures());
        assertEquals(Optional.of(ApproovFailure.BAD_ACCOUNT_SIGNATURE), TestVerifier.create(ApproovConfig.builder()
                .base64Secret(ApproovTokens.DUMMY_SECRET_BASE64).loggingEnabled(false).clock(TokenToolTest.CLOCK)
                .addAccountMessageSigningSecret(null, "another-account-key-of-32-bytes!".getBytes(StandardCharsets.US_ASCII))
                .build()).verifySigned(request(get)).failure());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--account-key=c2hvcnQ", "--account-key=not base64!!"})
    void aShortOrMisencodedAccountKeyIsAUsageErrorThatNeverRepeatsIt(String option) {
        TokenToolTest.Run run = TokenToolTest.run("--signed-curl", "http://127.0.0.1:8002/v5/shapes", option);
        assertEquals(TokenTool.USAGE_ERROR, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("--account-key takes the account message-signing key in base64url or base64"), run.err());
        assertTrue(!run.err().contains(option.substring("--account-key=".length())), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--method=GET", "--data=x", "--signed-curl=ftp://x/y", "--signed-curl=/v5/shapes",
            "--signed-curl=http://h/p#frag", "--claim=ipk=x", "--account-key=dG9rZW4tdG9vbC1hY2NvdW50LWtleS0zMi1ieXRlcyE"})
    void misusesAreUsageErrors(String option) {
        TokenToolTest.Run run = TokenToolTest.run(option);
        assertEquals(TokenTool.USAGE_ERROR, run.status(), run.out() + run.err());
    }

    @Test
    void aNonP256InstallKeyIsAUsageError() throws IOException {
        Path rsa = dir.resolve("rsa.pem");
        Files.writeString(rsa, TestKeys.pem(TestKeys.rsa(2048).getPrivate()));
        TokenToolTest.Run run = TokenToolTest.run("--install-key", rsa.toString());
        assertEquals(TokenTool.USAGE_ERROR, run.status());
        assertTrue(run.err().contains("P-256"), run.err());
    }
}
