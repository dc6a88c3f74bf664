package io.github.approovjaxrs.benchmarks;

import io.github.approovjaxrs.core.ApproovCheck;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovDecision;
import io.github.approovjaxrs.core.ApproovRequest;
import io.github.approovjaxrs.core.ApproovRequirements;
import io.github.approovjaxrs.testing.AppInstallation;
import io.github.approovjaxrs.testing.ApproovTokens;
import io.github.approovjaxrs.testing.MessageSignature;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An Approov installation message signature (issue 10) verified by {@link ApproovCheck#decide} on an endpoint
 * that requires it,
 * next to the token check alone of the same token, in one run, so that {@link Main} reports what the
 * signature adds as a ratio.
 *
 * <p>Requests are signed as Approov's SDK signs them: label {@code install}, {@code ecdsa-p256-sha256},
 * covering {@code @method}, {@code @target-uri} and the token (plus {@code content-type} and
 * {@code content-digest} for a POST with a 1 KiB body), {@code created} now and {@code expires} 15 s later,
 * by approov-test's {@link AppInstallation}, which is written from RFC 9421 alone, not with the library's code. The verifiers' clocks are
 * fixed at the signing time, so signatures stay valid however long a fork runs. "Token cached" is the
 * default configuration after the token was accepted once (the {@code ipk} key is parsed once, with the
 * token); "token not cached" is a verifier without a token cache, which checks the token, jose4j included,
 * and parses its {@code ipk} on every request.
 *
 * <p>Account signatures (issue 15): a token without {@code ipk} that names the account message-signing key
 * ({@code mskid}), its requests signed under the label {@code account} with {@code hmac-sha256} by the same
 * signer, verified by a check configured with that key, beside the token check alone of that token.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class SignedRequestBenchmark {

    static final URI TARGET = URI.create("https://api.example.com/v5/shapes");
    static final ApproovRequirements TOKEN = ApproovRequirements.token();
    static final ApproovRequirements SIGNED = ApproovRequirements.token().withMessageSignature();
    static final String ACCOUNT_KEY_ID = "msk-bench";

    /** The verifiers, a token carrying {@code ipk}, and two requests signed with its installation key. */
    @State(Scope.Benchmark)
    public static class Requests {
        ApproovCheck verifier;
        ApproovCheck verifierWithoutCache;
        String token;
        List<String> tokenLines;
        String getSignatureInput;
        String getSignature;
        byte[] body;
        String postSignatureInput;
        String postSignature;
        String contentDigest;
        byte[] getBase;
        byte[] getSignatureBytes;
        Signature jdkEcdsa;
        java.security.PublicKey jdkKey;
        Signature bcEcdsa;
        java.security.PublicKey bcKey;
        ApproovCheck accountVerifier;
        String accountToken;
        String accountGetSignatureInput;
        String accountGetSignature;
        String accountPostSignatureInput;
        String accountPostSignature;

        /** Mints the token, signs a GET and a POST, and has the caching verifier accept the token once. */
        @Setup
        public void setUp() throws GeneralSecurityException {
            Instant now = Instant.now();
            Clock clock = Clock.fixed(now, ZoneOffset.UTC);
            verifier = ApproovCheck.create(ApproovConfig.builder()
                    .base64Secret(ApproovTokens.DUMMY_SECRET_BASE64).loggingEnabled(false).clock(clock).build());
            verifierWithoutCache = ApproovCheck.create(ApproovConfig.builder()
                    .base64Secret(ApproovTokens.DUMMY_SECRET_BASE64).loggingEnabled(false).clock(clock)
                    .tokenCacheSize(0).build());

            AppInstallation installation = AppInstallation.create();
            token = TokenMinter.withDummySecret(7).mintWithInstallationKey(now, now.plus(Duration.ofDays(1)),
                    installation.publicKey());
            tokenLines = List.of(token);

            MessageSignature get = installation.request("GET", TARGET).header("Approov-Token", token).created(now)
                    .sign();
            getSignatureInput = get.signatureInput();
            getSignature = get.signature();
            getBase = get.base().getBytes(StandardCharsets.US_ASCII);
            getSignatureBytes = get.bytes();
            jdkEcdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
            jdkKey = installation.publicKey();
            java.security.Provider bc = new org.bouncycastle.jce.provider.BouncyCastleProvider();
            bcEcdsa = Signature.getInstance("SHA256withPLAIN-ECDSA", bc);
            bcKey = java.security.KeyFactory.getInstance("EC", bc).generatePublic(
                    new java.security.spec.X509EncodedKeySpec(installation.publicKey().getEncoded()));

            body = ("{\"order\":\"" + "x".repeat(1010) + "\"}").getBytes(StandardCharsets.UTF_8);
            MessageSignature post = installation.request("POST", TARGET).header("Approov-Token", token)
                    .header("Content-Type", "application/json").body(body).created(now).sign();
            contentDigest = post.headers().get("Content-Digest");
            postSignatureInput = post.signatureInput();
            postSignature = post.signature();

            byte[] accountKey = "benchmark-account-key-32-bytes!!".getBytes(StandardCharsets.US_ASCII);
            accountVerifier = ApproovCheck.create(ApproovConfig.builder()
                    .base64Secret(ApproovTokens.DUMMY_SECRET_BASE64).loggingEnabled(false).clock(clock)
                    .addAccountMessageSigningSecret(ACCOUNT_KEY_ID, accountKey).build());
            accountToken = TokenMinter.withDummySecret(11).mintWithAccountKeyId(now, now.plus(Duration.ofDays(1)),
                    ACCOUNT_KEY_ID);
            MessageSignature accountGet = installation.request("GET", TARGET).header("Approov-Token", accountToken)
                    .created(now).signWithAccountKey(accountKey);
            accountGetSignatureInput = accountGet.signatureInput();
            accountGetSignature = accountGet.signature();
            MessageSignature accountPost = installation.request("POST", TARGET).header("Approov-Token", accountToken)
                    .header("Content-Type", "application/json").body(body).created(now).signWithAccountKey(accountKey);
            accountPostSignatureInput = accountPost.signatureInput();
            accountPostSignature = accountPost.signature();

            // Accepted once, as by a running server; the benchmarks pass equal but distinct strings.
            require(verifier.decide(get(), SIGNED));
            require(verifierWithoutCache.decide(get(), SIGNED));
            require(verifier.decide(post(), SIGNED));
            require(accountVerifier.decide(accountGet(), SIGNED));
            require(accountVerifier.decide(accountPost(), SIGNED));
        }

        ApproovRequest accountGet() {
            return signedGet(accountToken, accountGetSignatureInput, accountGetSignature);
        }

        ApproovRequest accountPost() {
            return signedPost(accountToken, accountPostSignatureInput, accountPostSignature);
        }

        ApproovRequest accountTokenOnly() {
            return ApproovRequest.builder().method("GET").target(TARGET).header("Approov-Token", new String(accountToken))
                    .build();
        }

        ApproovRequest get() {
            return signedGet(token, getSignatureInput, getSignature);
        }

        ApproovRequest post() {
            return signedPost(token, postSignatureInput, postSignature);
        }

        /** A GET of {@code token} (a fresh copy, as a request's header value is) with these signature fields. */
        private ApproovRequest signedGet(String token, String signatureInput, String signature) {
            return ApproovRequest.builder().method("GET").target(TARGET)
                    .header("Approov-Token", new String(token))
                    .header("Signature-Input", signatureInput)
                    .header("Signature", signature)
                    .build();
        }

        /** The same for the POST of {@link #body}, with its Content-Type and Content-Digest. */
        private ApproovRequest signedPost(String token, String signatureInput, String signature) {
            return ApproovRequest.builder().method("POST").target(TARGET)
                    .header("Approov-Token", new String(token))
                    .header("Content-Type", "application/json")
                    .header("Content-Digest", contentDigest)
                    .header("Signature-Input", signatureInput)
                    .header("Signature", signature)
                    .body(body)
                    .build();
        }

        boolean rawVerify(Signature ecdsa, java.security.PublicKey key) throws GeneralSecurityException {
            ecdsa.initVerify(key);
            ecdsa.update(getBase);
            return ecdsa.verify(getSignatureBytes);
        }

        ApproovRequest tokenOnly() {
            return ApproovRequest.builder().method("GET").target(TARGET).header("Approov-Token", new String(token))
                    .build();
        }

        private static void require(ApproovDecision decision) {
            if (!(decision instanceof ApproovDecision.Accepted accepted && accepted.claims().isMessageSigned())) {
                throw new IllegalStateException("the benchmark's signed request was not accepted as signed: "
                        + decision);
            }
        }
    }

    /** Raw ECDSA P-256 verification of the GET's signature by the JDK (SunEC), which the library uses without BouncyCastle. */
    @Benchmark
    public boolean ecdsaVerifyJdk(Requests requests) throws GeneralSecurityException {
        return requests.rawVerify(requests.jdkEcdsa, requests.jdkKey);
    }

    /** The same by BouncyCastle, which the library uses when it is on the class path (as here). */
    @Benchmark
    public boolean ecdsaVerifyBouncyCastle(Requests requests) throws GeneralSecurityException {
        return requests.rawVerify(requests.bcEcdsa, requests.bcKey);
    }

    /** The token check alone, of the same token carrying {@code ipk} (cached): the reference of the ratios. */
    @Benchmark
    public ApproovDecision signedTokenAlone(Requests requests) {
        return requests.verifier.decide(requests.tokenOnly(), TOKEN);
    }

    /** A signed GET, its token cached. */
    @Benchmark
    public ApproovDecision signedGet(Requests requests) {
        return requests.verifier.decide(requests.get(), SIGNED);
    }

    /** A signed POST with a Content-Digest over its 1 KiB body, its token cached. */
    @Benchmark
    public ApproovDecision signedPost(Requests requests) {
        return requests.verifier.decide(requests.post(), SIGNED);
    }

    /** A signed GET whose token is checked afresh (no token cache): token, jose4j, {@code ipk} and signature. */
    @Benchmark
    public ApproovDecision signedGetTokenNotCached(Requests requests) {
        return requests.verifierWithoutCache.decide(requests.get(), SIGNED);
    }

    /** The token check alone of the token that names the account key (cached): the reference of the account ratios. */
    @Benchmark
    public ApproovDecision accountTokenAlone(Requests requests) {
        return requests.accountVerifier.decide(requests.accountTokenOnly(), TOKEN);
    }

    /** An account-signed GET (HMAC-SHA256 with the account key), its token cached. */
    @Benchmark
    public ApproovDecision accountSignedGet(Requests requests) {
        return requests.accountVerifier.decide(requests.accountGet(), SIGNED);
    }

    /** An account-signed POST with a Content-Digest over its 1 KiB body, its token cached. */
    @Benchmark
    public ApproovDecision accountSignedPost(Requests requests) {
        return requests.accountVerifier.decide(requests.accountPost(), SIGNED);
    }

    /** The token check alone without the cache, the reference for {@link #signedGetTokenNotCached}. */
    @Benchmark
    public ApproovDecision signedTokenAloneNotCached(Requests requests) {
        return requests.verifierWithoutCache.decide(requests.tokenOnly(), TOKEN);
    }
}
