package io.github.approovjaxrs.core;

import static io.github.approovjaxrs.core.MessageSigningRulesTest.CLOCK;
import static io.github.approovjaxrs.core.MessageSigningRulesTest.DEVICE;
import static io.github.approovjaxrs.core.MessageSigningRulesTest.NOW;
import static io.github.approovjaxrs.core.MessageSigningRulesTest.TARGET;
import static io.github.approovjaxrs.core.MessageSigningRulesTest.TOKEN;
import static io.github.approovjaxrs.core.MessageSigningRulesTest.request;
import static io.github.approovjaxrs.core.MessageSigningRulesTest.sdk;
import static io.github.approovjaxrs.core.MessageSigningRulesTest.token;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.testing.ApproovTokens;
import io.github.approovjaxrs.testing.MessageSignature;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Rules R1–R4 of single-use signed requests ({@link ApproovRequirements#withSingleUseMessageSignature()}), one
 * nested class per rule, through the public {@link ApproovCheck}: each has a test that fails when its rule is
 * removed. Requests are signed here as Approov's SDK signs them; the clock is fixed.
 */
class ReplayRulesTest {

    static final ApproovRequirements SINGLE_USE = ApproovRequirements.token().withSingleUseMessageSignature();
    static final ApproovRequirements SIGNED = ApproovRequirements.token().withMessageSignature();
    static final byte[] ACCOUNT_KEY = "replay-rules-account-key-replay!".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OTHER_ACCOUNT_KEY = "replay-rules-other-account-key!!".getBytes(StandardCharsets.US_ASCII);
    /** The order n of the P-256 group: (r, n - s) is the other valid ECDSA signature of the same base. */
    static final BigInteger P256_ORDER = new BigInteger(
            "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    /** A store that records what it is asked, and answers as told (by default as a store in memory would). */
    static final class RecordingStore implements ReplayStore {
        final List<byte[]> keys = new CopyOnWriteArrayList<>();
        final List<Duration> ttls = new CopyOnWriteArrayList<>();
        final ReplayStore memory = ReplayStore.inMemory(1000);
        volatile Outcome forced;
        volatile RuntimeException thrown;

        @Override
        public Outcome firstUse(byte[] key, Duration ttl) {
            keys.add(key.clone());
            ttls.add(ttl);
            if (thrown != null) {
                throw thrown;
            }
            return forced != null ? forced : memory.firstUse(key, ttl);
        }

        @Override
        public String describe() {
            return "recording";
        }
    }

    static ApproovCheck check(ReplayStore store, UnaryOperator<ApproovConfig.Builder> settings) {
        return ApproovCheck.builder(settings.apply(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64)
                .loggingEnabled(false).clock(CLOCK)).build()).replayStore(store).build();
    }

    static ApproovCheck check(ReplayStore store) {
        return check(store, c -> c);
    }

    /** A GET of {@link MessageSigningRulesTest#TARGET} signed as the SDK signs it, at {@code created}. */
    static MessageSignature signedGet(long created) {
        return sdk("GET", TARGET, TOKEN).created(created).sign();
    }

    static ApproovRequest get(MessageSignature signature) {
        return request("GET", TARGET, TOKEN, signature).build();
    }

    static ApproovFailure refusal(ApproovDecision decision) {
        return assertInstanceOf(ApproovDecision.Refused.class, decision).reason();
    }

    @Test
    void aSignedRequestIsAcceptedOnceOnASingleUseEndpointAndAgainOnAPlainSignedOne() {
        ApproovCheck check = check(new RecordingStore());
        MessageSignature signature = signedGet(NOW);
        ApproovDecision first = check.decide(get(signature), SINGLE_USE);
        assertTrue(assertInstanceOf(ApproovDecision.Accepted.class, first).claims().isMessageSigned());
        assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, refusal(check.decide(get(signature), SINGLE_USE)));
        // A plain signed endpoint keeps accepting it within its validity, as before.
        assertInstanceOf(ApproovDecision.Accepted.class, check.decide(get(signature), SIGNED));
        assertInstanceOf(ApproovDecision.Accepted.class, check.decide(get(signature), SIGNED));
    }

    @Test
    void theRequirementsSaySingleUseAndImplyAMessageSignature() {
        assertTrue(SINGLE_USE.messageSignature());
        assertTrue(SINGLE_USE.singleUseMessageSignature());
        assertFalse(SIGNED.singleUseMessageSignature());
        assertEquals(SINGLE_USE, SIGNED.and(SINGLE_USE));
        assertEquals(SINGLE_USE.withBinding(), ApproovRequirements.token().withBinding().and(SINGLE_USE));
        assertEquals("token + binding + single-use message signature", SINGLE_USE.withBinding().toString());
        assertNotEquals(SIGNED, SINGLE_USE);
    }

    @Test
    void aBindingToSeveralHeadersAndSingleUseComposeAndTheBindingIsJudgedFirst() {
        ApproovRequirements bound = ApproovRequirements.token().withBinding("Authorization", "SessionId");
        ApproovRequirements both = bound.withSingleUseMessageSignature();
        assertEquals(List.of("Authorization", "SessionId"), both.bindingHeaderNames());
        assertEquals(both, bound.and(SINGLE_USE));
        assertEquals(both, SINGLE_USE.withBinding("Authorization", "SessionId"));
        assertEquals("token + binding to Authorization, SessionId + single-use message signature", both.toString());

        RecordingStore store = new RecordingStore();
        ApproovCheck check = check(store);
        String token = token("\"ipk\":\"" + ApproovTokens.ipk(DEVICE.getPublic()) + "\",\"pay\":\""
                + ApproovTokens.pay("Bearer a", "s-1") + "\"");
        MessageSignature signature = sdk("GET", TARGET, token).cover("authorization", "Bearer a")
                .cover("sessionid", "s-1").sign();
        ApproovRequest.Builder request = request("GET", TARGET, token, signature).header("Authorization", "Bearer a")
                .header("SessionId", "s-1");
        assertEquals(ApproovFailure.BINDING_MISMATCH, refusal(check.decide(request("GET", TARGET, token, signature)
                .header("Authorization", "Bearer a").header("SessionId", "s-2").build(), both)));
        assertEquals(List.of(), store.keys, "a request refused at its binding never reaches the store");
        assertTrue(assertInstanceOf(ApproovDecision.Accepted.class, check.decide(request.build(), both)).claims()
                .isMessageSigned());
        assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, refusal(check.decide(request.build(), both)));
        assertEquals(2, store.keys.size());
    }

    @Nested
    class R1ASingleUseRequestMustBeSigned {
        @Test
        void aTokenWithoutIpkIsRefusedThoughAPlainSignedEndpointTakesItAsTokenOnly() {
            ApproovCheck check = check(new RecordingStore());
            ApproovRequest plain = request("GET", TARGET, token(""), null).build();
            assertEquals(ApproovFailure.MISSING_INSTALLATION_KEY, refusal(check.decide(plain, SINGLE_USE)));
            ApproovDecision tokenOnly = check.decide(plain, SIGNED);
            assertFalse(assertInstanceOf(ApproovDecision.Accepted.class, tokenOnly).claims().isMessageSigned());
        }

        @Test
        void anAccountSignedRequestIsSingleUseToo() {
            RecordingStore store = new RecordingStore();
            ApproovCheck check = check(store, c -> c.accountMessageSigningSecretBase64(
                    Base64.getEncoder().encodeToString(ACCOUNT_KEY)));
            String mskidToken = token("\"mskid\":\"any\"");
            MessageSignature account = MessageSignature.accountBuilder(ACCOUNT_KEY).created(NOW)
                    .cover("@method", "GET").cover("@target-uri", TARGET).cover("approov-token", mskidToken).sign();
            ApproovRequest request = request("GET", TARGET, mskidToken, account).build();
            assertInstanceOf(ApproovDecision.Accepted.class, check.decide(request, SINGLE_USE));
            assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, refusal(check.decide(request, SINGLE_USE)));
            assertArrayEquals(replayKey(sha256(ACCOUNT_KEY), account.base()), store.keys.get(0));
        }
    }

    @Nested
    class R2ASingleUseSignatureMustExpire {
        @Test
        void aSignatureWithNoExpiresAndNoMaximumAgeIsRefusedAsMalformed() {
            ApproovCheck unbounded = check(new RecordingStore(), c -> c.requireSignatureExpiry(false)
                    .signatureMaxAge(Duration.ZERO));
            MessageSignature forever = sdk("GET", TARGET, TOKEN).parameters(";alg=\"ecdsa-p256-sha256\";created=" + NOW).sign();
            assertEquals(ApproovFailure.MALFORMED_MESSAGE_SIGNATURE, refusal(unbounded.decide(get(forever), SINGLE_USE)));
            assertInstanceOf(ApproovDecision.Accepted.class, unbounded.decide(get(forever), SIGNED));
            // Bounded by expires, or by a maximum age: remembered and accepted once.
            assertInstanceOf(ApproovDecision.Accepted.class, unbounded.decide(get(signedGet(NOW)), SINGLE_USE));
            ApproovCheck aged = check(new RecordingStore(), c -> c.requireSignatureExpiry(false));
            assertInstanceOf(ApproovDecision.Accepted.class, aged.decide(get(forever), SINGLE_USE));
        }
    }

    @Nested
    class R3TheKeyAndTheWholeBaseAreRememberedUntilTheSignatureExpires {
        @Test
        void whatIsRememberedIsADigestOfTheKeyAndTheBaseNeverTheSignature() {
            RecordingStore store = new RecordingStore();
            MessageSignature signature = signedGet(NOW);
            assertInstanceOf(ApproovDecision.Accepted.class, check(store).decide(get(signature), SINGLE_USE));
            byte[] key = store.keys.get(0);
            assertEquals(32, key.length);
            assertArrayEquals(replayKey(sha256(DEVICE.getPublic().getEncoded()), signature.base()), key);
        }

        @Test
        void theEntryLivesUntilExpiresPlusTheTolerancePlusTheServersClockSkew() {
            RecordingStore store = new RecordingStore();
            ApproovCheck check = check(store, c -> c.clockSkew(Duration.ofSeconds(5)));
            // Signed 10 s ago, expires 15 s after: accepted until NOW + 5 + 60 (tolerance) s, kept 5 s longer.
            assertInstanceOf(ApproovDecision.Accepted.class, check.decide(get(signedGet(NOW - 10)), SINGLE_USE));
            assertEquals(Duration.ofSeconds(5 + 60 + 5), store.ttls.get(0));
        }

        @Test
        void theMaximumAgeBoundsTheEntryWhenItComesFirst() {
            RecordingStore store = new RecordingStore();
            ApproovCheck check = check(store, c -> c.signatureMaxAge(Duration.ofSeconds(30)));
            MessageSignature longLived = sdk("GET", TARGET, TOKEN).created(NOW - 20).expires(NOW + 3600).sign();
            assertInstanceOf(ApproovDecision.Accepted.class, check.decide(get(longLived), SINGLE_USE));
            // created + 30 s + 60 s of tolerance, from NOW.
            assertEquals(Duration.ofSeconds(-20 + 30 + 60), store.ttls.get(0));
        }

        @Test
        void theSameBaseWithTheOtherSpellingOrNewSignatureBytesIsStillAReplay() throws Exception {
            ApproovCheck check = check(new RecordingStore());
            MessageSignature signature = signedGet(NOW);
            assertInstanceOf(ApproovDecision.Accepted.class, check.decide(get(signature), SINGLE_USE));
            ApproovRequest androidSpelling = request("GET", TARGET, TOKEN, null)
                    .header("Signature-Input", signature.signatureInput())
                    .header("Signature", signature.signatureAsString()).build();
            assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, refusal(check.decide(androidSpelling, SINGLE_USE)));
            // ECDSA is randomized and malleable: the same base signed again, and (r, n - s), verify too.
            MessageSignature again = signedGet(NOW);
            assertEquals(signature.base(), again.base());
            assertFalse(java.util.Arrays.equals(signature.bytes(), again.bytes()));
            assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, refusal(check.decide(get(again), SINGLE_USE)));
            ApproovRequest malleated = request("GET", TARGET, TOKEN, null)
                    .header("Signature-Input", signature.signatureInput())
                    .header("Signature", "install=:" + Base64.getEncoder().encodeToString(highS(signature.bytes())) + ":")
                    .build();
            assertInstanceOf(ApproovDecision.Accepted.class, check.decide(malleated, SIGNED), "(r, n - s) verifies");
            assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, refusal(check.decide(malleated, SINGLE_USE)));
        }

        @Test
        void headersReorderedOrAddedOutsideTheSignatureLeaveTheBaseAndSoTheReplay() {
            ApproovCheck check = check(new RecordingStore());
            MessageSignature signature = signedGet(NOW);
            assertInstanceOf(ApproovDecision.Accepted.class, check.decide(get(signature), SINGLE_USE));
            ApproovRequest reordered = ApproovRequest.builder().method("GET").target(java.net.URI.create(TARGET))
                    .header("Signature", signature.signature()).header("X-Request-Id", "retry-2")
                    .header("Signature-Input", signature.signatureInput()).header("Approov-Token", TOKEN).build();
            assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, refusal(check.decide(reordered, SINGLE_USE)));
        }

        @Test
        void aRequestSignedAgainWithANewCreatedIsANewRequest() {
            ApproovCheck check = check(new RecordingStore());
            assertInstanceOf(ApproovDecision.Accepted.class, check.decide(get(signedGet(NOW - 1)), SINGLE_USE));
            assertInstanceOf(ApproovDecision.Accepted.class, check.decide(get(signedGet(NOW)), SINGLE_USE));
        }

        @Test
        void theSameBaseVerifiedWithAnotherKeyIsAnotherEntry() {
            // Two servers sharing one store, each with its own account key (without id): the same token and base.
            RecordingStore shared = new RecordingStore();
            ApproovCheck first = check(shared, c -> c.accountMessageSigningSecretBase64(
                    Base64.getEncoder().encodeToString(ACCOUNT_KEY)));
            ApproovCheck second = check(shared, c -> c.accountMessageSigningSecretBase64(
                    Base64.getEncoder().encodeToString(OTHER_ACCOUNT_KEY)));
            String mskidToken = token("\"mskid\":\"any\"");
            for (var pair : List.of(new Object[] {first, ACCOUNT_KEY}, new Object[] {second, OTHER_ACCOUNT_KEY})) {
                MessageSignature account = MessageSignature.accountBuilder((byte[]) pair[1]).created(NOW)
                        .cover("@method", "GET").cover("@target-uri", TARGET).cover("approov-token", mskidToken).sign();
                assertInstanceOf(ApproovDecision.Accepted.class,
                        ((ApproovCheck) pair[0]).decide(request("GET", TARGET, mskidToken, account).build(), SINGLE_USE));
            }
            assertEquals(2, shared.keys.size());
            assertFalse(java.util.Arrays.equals(shared.keys.get(0), shared.keys.get(1)));
        }

        @Test
        void theInstallationSignatureIsRememberedWhenAnAccountSignatureComesBesideIt() {
            RecordingStore store = new RecordingStore();
            ApproovCheck check = check(store, c -> c.accountMessageSigningSecretBase64(
                    Base64.getEncoder().encodeToString(ACCOUNT_KEY)).requireAccountSignature(true));
            MessageSignature install = signedGet(NOW);
            ApproovRequest both = request("GET", TARGET, TOKEN, null)
                    .header("Signature-Input", install.signatureInput() + ", " + account(NOW).signatureInput())
                    .header("Signature", install.signature() + ", " + account(NOW).signature()).build();
            assertInstanceOf(ApproovDecision.Accepted.class, check.decide(both, SINGLE_USE));
            assertArrayEquals(replayKey(sha256(DEVICE.getPublic().getEncoded()), install.base()), store.keys.get(0));
            // Another account signature beside the same installation one is the same request.
            ApproovRequest newAccount = request("GET", TARGET, TOKEN, null)
                    .header("Signature-Input", install.signatureInput() + ", " + account(NOW - 1).signatureInput())
                    .header("Signature", install.signature() + ", " + account(NOW - 1).signature()).build();
            assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, refusal(check.decide(newAccount, SINGLE_USE)));
        }

        @Test
        void aRequestRefusedForAnythingElseDoesNotUseUpItsSignature() {
            RecordingStore store = new RecordingStore();
            ApproovCheck check = check(store);
            byte[] body = "{\"order\":1}".getBytes(StandardCharsets.UTF_8);
            String digest = MessageSignature.contentDigest(body);
            MessageSignature signature = sdk("POST", TARGET, TOKEN).created(NOW).cover("content-digest", digest).sign();
            ApproovRequest tampered = request("POST", TARGET, TOKEN, signature).header("Content-Digest", digest)
                    .body("{\"order\":2}".getBytes(StandardCharsets.UTF_8)).build();
            assertEquals(ApproovFailure.CONTENT_DIGEST_MISMATCH, refusal(check.decide(tampered, SINGLE_USE)));
            assertEquals(List.of(), store.keys, "the store is asked only about a request that passed everything else");
            ApproovRequest genuine = request("POST", TARGET, TOKEN, signature).header("Content-Digest", digest)
                    .body(body).build();
            assertInstanceOf(ApproovDecision.Accepted.class, check.decide(genuine, SINGLE_USE));
        }

        @Test
        void ofManyConcurrentFirstUsesOfOneRequestExactlyOneIsAccepted() throws Exception {
            ApproovCheck check = check(ReplayStore.inMemory(1000));
            MessageSignature signature = signedGet(NOW);
            int copies = 32;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<ApproovDecision>> tasks = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                tasks.add(() -> {
                    start.await();
                    return check.decide(get(signature), SINGLE_USE);
                });
            }
            try {
                List<Future<ApproovDecision>> futures = new ArrayList<>();
                tasks.forEach(task -> futures.add(pool.submit(task)));
                start.countDown();
                int accepted = 0;
                int replayed = 0;
                for (Future<ApproovDecision> future : futures) {
                    ApproovDecision decision = future.get();
                    if (decision instanceof ApproovDecision.Accepted) {
                        accepted++;
                    } else if (refusal(decision) == ApproovFailure.REPLAYED_MESSAGE_SIGNATURE) {
                        replayed++;
                    }
                }
                assertEquals(1, accepted);
                assertEquals(copies - 1, replayed);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class R4AStoreThatCannotAnswerFailsClosed {
        @Test
        void anUnavailableStoreGets503WithRetryAfterAndNoChallenge() {
            RecordingStore store = new RecordingStore();
            store.forced = ReplayStore.Outcome.UNAVAILABLE;
            ApproovDecision.Refused refused = assertInstanceOf(ApproovDecision.Refused.class,
                    check(store).decide(get(signedGet(NOW)), SINGLE_USE));
            assertEquals(ApproovFailure.REPLAY_STORE_UNAVAILABLE, refused.reason());
            assertEquals(503, refused.status());
            assertEquals("1", refused.headers().get("Retry-After"));
            assertEquals("application/json", refused.headers().get("Content-Type"));
            assertFalse(refused.headers().containsKey("WWW-Authenticate"));
            assertEquals("{}", refused.body());
        }

        @Test
        void aStoreThatThrowsIsUnavailableToo() {
            RecordingStore store = new RecordingStore();
            store.thrown = new IllegalStateException("connection reset");
            assertEquals(ApproovFailure.REPLAY_STORE_UNAVAILABLE,
                    refusal(check(store).decide(get(signedGet(NOW)), SINGLE_USE)));
        }

        @Test
        void monitorModeLetsReplaysAndAnUnavailableStoreThroughAndTellsTheListeners() {
            RecordingStore store = new RecordingStore();
            List<String> heard = new CopyOnWriteArrayList<>();
            ApproovCheck monitor = ApproovCheck.builder(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64)
                    .loggingEnabled(false).clock(CLOCK).abortOnInvalidMessageSignature(false).build())
                    .replayStore(store).listener(new ApproovListener() {
                        @Override
                        public void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
                            heard.add(failure.code() + (enforced ? "" : " (monitor)"));
                        }
                    }).build();
            MessageSignature signature = signedGet(NOW);
            assertInstanceOf(ApproovDecision.Accepted.class, monitor.decide(get(signature), SINGLE_USE));
            assertEquals(ApproovFailure.REPLAYED_MESSAGE_SIGNATURE, assertInstanceOf(ApproovDecision.LetThrough.class,
                    monitor.decide(get(signature), SINGLE_USE)).reason());
            store.forced = ReplayStore.Outcome.UNAVAILABLE;
            assertEquals(ApproovFailure.REPLAY_STORE_UNAVAILABLE, assertInstanceOf(ApproovDecision.LetThrough.class,
                    monitor.decide(get(signedGet(NOW - 1)), SINGLE_USE)).reason());
            assertEquals(List.of("replayed_message_signature (monitor)", "replay_store_unavailable (monitor)"), heard);
        }
    }

    private static MessageSignature account(long created) {
        return MessageSignature.accountBuilder(ACCOUNT_KEY).created(created)
                .cover("@method", "GET").cover("@target-uri", TARGET).cover("approov-token", TOKEN).sign();
    }

    /** What R3 says the key is, computed here on its own: SHA-256(domain, SHA-256(verifying key), base). */
    static byte[] replayKey(byte[] keyDigest, String base) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("approov-jaxrs single-use signature v1\n".getBytes(StandardCharsets.US_ASCII));
            sha256.update(keyDigest);
            return sha256.digest(base.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** r ‖ (n − s): the other valid ECDSA signature of the same base. */
    static byte[] highS(byte[] signature) {
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
        byte[] flipped = P256_ORDER.subtract(s).toByteArray();
        byte[] result = signature.clone();
        java.util.Arrays.fill(result, 32, 64, (byte) 0);
        int length = Math.min(32, flipped.length);
        System.arraycopy(flipped, flipped.length - length, result, 64 - length, length);
        return result;
    }
}
