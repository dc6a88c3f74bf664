package io.github.approovjaxrs.core;

import static io.github.approovjaxrs.core.MessageSigningRulesTest.CLOCK;
import static io.github.approovjaxrs.core.MessageSigningRulesTest.DEVICE;
import static io.github.approovjaxrs.core.MessageSigningRulesTest.NOW;
import static io.github.approovjaxrs.core.MessageSigningRulesTest.TARGET;
import static io.github.approovjaxrs.core.MessageSigningRulesTest.request;
import static io.github.approovjaxrs.core.MessageSigningRulesTest.sdk;
import static io.github.approovjaxrs.core.MessageSigningRulesTest.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.testing.ApproovTokens;
import io.github.approovjaxrs.testing.MessageSignature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The account signature rules A1–A6 (README, "Account signatures") on the framework-free verifier, one nested
 * class per rule, each with a test that fails when its rule is removed: which signature a signed endpoint
 * requires (A1), the key the token's {@code mskid} chooses (A2), the installation signature's rules under the
 * label {@code account} with {@code hmac-sha256} (A3), 32 bytes in either spelling (A4), the HMAC over the
 * rebuilt base (A5), and the shared digest, reasons, monitor mode and visible success (A6). Requests are
 * signed in the test with approov-test's signer; the clock is fixed.
 */
class AccountSigningRulesTest {

    static final byte[] ACCOUNT_KEY = "account-key-account-key-account!".getBytes(StandardCharsets.US_ASCII);
    static final byte[] NEXT_ACCOUNT_KEY = "next-account-key-next-account-ke".getBytes(StandardCharsets.US_ASCII);
    static final String KEY_ID = "msk-1";
    static final String NEXT_KEY_ID = "msk-2";
    /** A token without ipk that names the account key, as on a device without secure hardware. */
    static final String ACCOUNT_TOKEN = token("\"mskid\":\"" + KEY_ID + "\"");
    /** A token with ipk that names the account key too. */
    static final String BOTH_TOKEN = token("\"ipk\":\"" + ApproovTokens.ipk(DEVICE.getPublic()) + "\",\"mskid\":\""
            + KEY_ID + "\"");
    /** A fail-over token: neither ipk nor mskid. */
    static final String FAIL_OVER_TOKEN = token("");

    static ApproovVerifier verifier(UnaryOperator<ApproovConfig.Builder> settings) {
        return MessageSigningRulesTest.verifier(c -> settings.apply(c.accountMessageSigningSecretBase64Url(
                Base64.getUrlEncoder().withoutPadding().encodeToString(ACCOUNT_KEY)).accountMessageSigningKeyId(KEY_ID)));
    }

    static final ApproovVerifier ACCOUNT = verifier(c -> c);

    /** The SDK's default account signature of a request: {@code @method}, {@code @target-uri}, the token. */
    static MessageSignature.Builder account(String method, String target, String token) {
        return account(method, target, token, ACCOUNT_KEY);
    }

    static MessageSignature.Builder account(String method, String target, String token, byte[] key) {
        return MessageSignature.accountBuilder(key).created(NOW)
                .cover("@method", method).cover("@target-uri", target).cover("approov-token", token);
    }

    static ApproovRequest.Builder accountGet(String token) {
        return request("GET", TARGET, token, account("GET", TARGET, token).sign());
    }

    /** A request carrying the signatures given, both fields as dictionaries of their members. */
    static ApproovRequest.Builder withSignatures(String method, String token, MessageSignature first,
            MessageSignature... more) {
        ApproovRequest.Builder request = request(method, TARGET, token, null);
        MessageSignature.combinedHeaders(first, more).forEach(request::header);
        return request;
    }

    static Optional<ApproovFailure> failure(ApproovVerifier verifier, ApproovRequest.Builder request) {
        return verifier.verifySigned(request.build()).failure();
    }

    static Optional<ApproovFailure> failure(ApproovRequest.Builder request) {
        return failure(ACCOUNT, request);
    }

    /** Accepted, with exactly these signatures verified. */
    static void assertVerified(ApproovVerifier verifier, ApproovRequest.Builder request, String... labels) {
        ApproovVerdict verdict = verifier.verifySigned(request.build());
        assertEquals(Optional.empty(), verdict.failure());
        assertEquals(List.of(labels), List.copyOf(verdict.claims().orElseThrow().verifiedMessageSignatures()));
        assertEquals(labels.length > 0, verdict.claims().orElseThrow().isMessageSigned());
    }

    @Test
    void aRequestSignedWithTheAccountKeyAsTheSdkSignsItPasses() {
        assertVerified(ACCOUNT, accountGet(ACCOUNT_TOKEN), "account");
    }

    @Nested
    class A1WhichSignatureASignedEndpointRequires {
        @Test
        void aTokenWithoutIpkThatNamesAnAccountKeyNeedsTheAccountSignature() {
            assertEquals(Optional.of(ApproovFailure.MISSING_ACCOUNT_SIGNATURE), failure(request("GET", TARGET, ACCOUNT_TOKEN, null)));
            // An installation signature does not stand in for it: the token has no key to check it with.
            assertEquals(Optional.of(ApproovFailure.MISSING_ACCOUNT_SIGNATURE),
                    failure(request("GET", TARGET, ACCOUNT_TOKEN, sdk("GET", TARGET, ACCOUNT_TOKEN).sign())));
        }

        @Test
        void aTokenWithIpkNeedsTheInstallationSignatureAndTheAccountOneIsNotChecked() {
            MessageSignature install = sdk("GET", TARGET, BOTH_TOKEN).sign();
            assertVerified(ACCOUNT, request("GET", TARGET, BOTH_TOKEN, install), "install");
            MessageSignature wrongAccount = account("GET", TARGET, BOTH_TOKEN, NEXT_ACCOUNT_KEY).sign();
            assertVerified(ACCOUNT, withSignatures("GET", BOTH_TOKEN, install, wrongAccount), "install");
            assertEquals(Optional.of(ApproovFailure.MISSING_MESSAGE_SIGNATURE),
                    failure(request("GET", TARGET, BOTH_TOKEN, account("GET", TARGET, BOTH_TOKEN).sign())));
        }

        @Test
        void aFailingInstallationSignatureFailsEvenWhenTheAccountSignaturePasses() {
            MessageSignature badInstall = sdk("PUT", TARGET, BOTH_TOKEN).sign();
            MessageSignature goodAccount = account("GET", TARGET, BOTH_TOKEN).sign();
            assertEquals(Optional.of(ApproovFailure.BAD_MESSAGE_SIGNATURE),
                    failure(withSignatures("GET", BOTH_TOKEN, badInstall, goodAccount)));
            assertEquals(Optional.of(ApproovFailure.BAD_MESSAGE_SIGNATURE), failure(verifier(c -> c.requireAccountSignature(true)),
                    withSignatures("GET", BOTH_TOKEN, goodAccount, badInstall)));
        }

        @Test
        void aFailOverTokenWithNeitherIpkNorMskidPassesAsTokenOnlyUnlessASignatureIsRequired() {
            assertVerified(ACCOUNT, request("GET", TARGET, FAIL_OVER_TOKEN, null));
            assertEquals(Optional.of(ApproovFailure.MISSING_ACCOUNT_SIGNATURE),
                    failure(verifier(c -> c.requireAccountSignature(true).accountMessageSigningKeyId(null)),
                            request("GET", TARGET, FAIL_OVER_TOKEN, null)));
            assertEquals(Optional.of(ApproovFailure.MISSING_INSTALLATION_KEY),
                    failure(verifier(c -> c.requireInstallationKey(true)), accountGet(ACCOUNT_TOKEN)));
        }

        @Test
        void requiringTheAccountSignatureAsksForBothOnATokenWithIpk() {
            ApproovVerifier both = verifier(c -> c.requireAccountSignature(true));
            MessageSignature install = sdk("GET", TARGET, BOTH_TOKEN).sign();
            MessageSignature account = account("GET", TARGET, BOTH_TOKEN).sign();
            assertEquals(Optional.of(ApproovFailure.MISSING_ACCOUNT_SIGNATURE), failure(both, request("GET", TARGET, BOTH_TOKEN, install)));
            assertVerified(both, withSignatures("GET", BOTH_TOKEN, install, account), "install", "account");
            assertVerified(both, withSignatures("GET", BOTH_TOKEN, account, install), "install", "account");
        }

        @Test
        void withoutAnAccountKeyAnMskidTokenPassesAsTokenOnlyAsBefore() {
            ApproovVerifier plain = MessageSigningRulesTest.DEFAULT;
            assertVerified(plain, request("GET", TARGET, ACCOUNT_TOKEN, null));
            assertVerified(plain, accountGet(ACCOUNT_TOKEN));
        }
    }

    @Nested
    class A2TheTokensMskidChoosesTheKey {
        final ApproovVerifier rotating = verifier(c -> c.addAccountMessageSigningSecret(NEXT_KEY_ID, NEXT_ACCOUNT_KEY));

        @Test
        void theKeyTheMskidNamesVerifiesAndNoOther() {
            String next = token("\"mskid\":\"" + NEXT_KEY_ID + "\"");
            assertVerified(rotating, request("GET", TARGET, next, account("GET", TARGET, next, NEXT_ACCOUNT_KEY).sign()), "account");
            assertVerified(rotating, accountGet(ACCOUNT_TOKEN), "account");
            assertEquals(Optional.of(ApproovFailure.BAD_ACCOUNT_SIGNATURE),
                    failure(rotating, request("GET", TARGET, next, account("GET", TARGET, next, ACCOUNT_KEY).sign())));
        }

        @Test
        void anMskidThatNamesNoConfiguredKeyFails() {
            for (String mskid : List.of("\"msk-9\"", "\"MSK-1\"", "\"msk-1 \"", "42", "[\"msk-1\"]")) {
                String other = token("\"mskid\":" + mskid);
                assertEquals(Optional.of(ApproovFailure.UNKNOWN_ACCOUNT_KEY_ID),
                        failure(request("GET", TARGET, other, account("GET", TARGET, other).sign())), mskid);
            }
        }

        @Test
        void withEveryKeyNamedATokenWithoutMskidFailsWhenTheAccountSignatureIsRequired() {
            ApproovVerifier both = verifier(c -> c.requireAccountSignature(true));
            assertEquals(Optional.of(ApproovFailure.MISSING_ACCOUNT_KEY_ID),
                    failure(both, request("GET", TARGET, FAIL_OVER_TOKEN, account("GET", TARGET, FAIL_OVER_TOKEN).sign())));
        }

        @Test
        void aKeyWithoutIdServesAnyMskid() {
            ApproovVerifier unnamed = verifier(c -> c.accountMessageSigningKeyId(null));
            String other = token("\"mskid\":\"whatever\"");
            assertVerified(unnamed, request("GET", TARGET, other, account("GET", TARGET, other).sign()), "account");
            ApproovVerifier both = verifier(c -> c.accountMessageSigningKeyId(null).requireAccountSignature(true));
            assertVerified(both, request("GET", TARGET, FAIL_OVER_TOKEN, account("GET", TARGET, FAIL_OVER_TOKEN).sign()),
                    "account");
        }
    }

    @Nested
    class A3TheInstallationRulesApplyUnderTheAccountLabel {
        Optional<ApproovFailure> signed(MessageSignature.Builder signature) {
            return failure(request("GET", TARGET, ACCOUNT_TOKEN, signature.sign()).header("X-Extra", "a"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ecdsa-p256-sha256", "HMAC-SHA256", "hmac-sha512", "hs256", ""})
        void algMustBeExactlyHmacSha256(String alg) {
            assertEquals(Optional.of(ApproovFailure.ACCOUNT_SIGNATURE_ALGORITHM_NOT_ALLOWED), signed(account("GET", TARGET, ACCOUNT_TOKEN)
                    .parameters(";alg=\"" + alg + "\";created=" + NOW + ";expires=" + (NOW + 15))));
            assertEquals(Optional.of(ApproovFailure.ACCOUNT_SIGNATURE_ALGORITHM_NOT_ALLOWED), signed(account("GET", TARGET, ACCOUNT_TOKEN)
                    .parameters(";created=" + NOW + ";expires=" + (NOW + 15))));
        }

        @Test
        void createdAndExpiresFollowTheTimeRules() {
            assertEquals(Optional.of(ApproovFailure.ACCOUNT_SIGNATURE_EXPIRED),
                    signed(account("GET", TARGET, ACCOUNT_TOKEN).created(NOW - 100).expires(NOW - 61)));
            assertEquals(Optional.of(ApproovFailure.ACCOUNT_SIGNATURE_EXPIRED),
                    signed(account("GET", TARGET, ACCOUNT_TOKEN).created(NOW - 361).expires(NOW + 100)));
            assertEquals(Optional.of(ApproovFailure.ACCOUNT_SIGNATURE_NOT_YET_VALID),
                    signed(account("GET", TARGET, ACCOUNT_TOKEN).created(NOW + 61).expires(NOW + 76)));
            assertEquals(Optional.of(ApproovFailure.MALFORMED_ACCOUNT_SIGNATURE), signed(account("GET", TARGET, ACCOUNT_TOKEN)
                    .parameters(";alg=\"hmac-sha256\";created=" + NOW)));
            assertEquals(Optional.empty(), signed(account("GET", TARGET, ACCOUNT_TOKEN).created(NOW - 75).expires(NOW - 60)));
        }

        @Test
        void theMethodTheTokenAndATargetMustBeCovered() {
            MessageSignature.Builder noToken = MessageSignature.accountBuilder(ACCOUNT_KEY).created(NOW)
                    .cover("@method", "GET").cover("@target-uri", TARGET);
            assertEquals(Optional.of(ApproovFailure.ACCOUNT_REQUIRED_COMPONENT_NOT_COVERED), signed(noToken));
            MessageSignature.Builder noTarget = MessageSignature.accountBuilder(ACCOUNT_KEY).created(NOW)
                    .cover("@method", "GET").cover("approov-token", ACCOUNT_TOKEN);
            assertEquals(Optional.of(ApproovFailure.ACCOUNT_REQUIRED_COMPONENT_NOT_COVERED), signed(noTarget));
        }

        @Test
        void componentsAreDerivedFromTheRequestOrFail() {
            assertEquals(Optional.of(ApproovFailure.UNSUPPORTED_ACCOUNT_MESSAGE_COMPONENT),
                    signed(account("GET", TARGET, ACCOUNT_TOKEN).cover("@status", "200")));
            assertEquals(Optional.of(ApproovFailure.MISSING_ACCOUNT_MESSAGE_COMPONENT),
                    signed(account("GET", TARGET, ACCOUNT_TOKEN).cover("x-missing", "a")));
            assertEquals(Optional.of(ApproovFailure.MALFORMED_ACCOUNT_SIGNATURE),
                    signed(account("GET", TARGET, ACCOUNT_TOKEN).cover("@method", "GET")));
            assertEquals(Optional.empty(), signed(account("GET", TARGET, ACCOUNT_TOKEN).cover("x-extra", "a")
                    .cover("@authority", "api.example.com").coverIdentifier("\"@query-param\";name=\"x\"", "1")));
        }

        @Test
        void fieldsThatAreNoDictionariesAreMalformedForTheAccountSignature() {
            MessageSignature signed = account("GET", TARGET, ACCOUNT_TOKEN).sign();
            assertEquals(Optional.of(ApproovFailure.MALFORMED_ACCOUNT_SIGNATURE), failure(request("GET", TARGET, ACCOUNT_TOKEN, null)
                    .header("Signature-Input", signed.signatureInput() + ",").header("Signature", signed.signature())));
            assertEquals(Optional.of(ApproovFailure.MALFORMED_ACCOUNT_SIGNATURE), failure(request("GET", TARGET, ACCOUNT_TOKEN, null)
                    .header("Signature-Input", "account=\"@method\"").header("Signature", signed.signature())));
            assertEquals(Optional.of(ApproovFailure.MISSING_ACCOUNT_SIGNATURE), failure(request("GET", TARGET, ACCOUNT_TOKEN, null)
                    .header("Signature-Input", signed.signatureInput()).header("Signature", "install=:AA==:")));
        }
    }

    @Nested
    class A4TheSignatureIs32BytesInEitherSpelling {
        final MessageSignature signed = account("GET", TARGET, ACCOUNT_TOKEN).sign();

        Optional<ApproovFailure> withSignature(String value) {
            return failure(request("GET", TARGET, ACCOUNT_TOKEN, null).header("Signature-Input", signed.signatureInput())
                    .header("Signature", value));
        }

        @Test
        void theRfcByteSequenceAndTheAndroidStringBothVerify() {
            assertEquals(32, signed.bytes().length);
            assertTrue(signed.signature().startsWith("account=:"), signed.signature());
            assertEquals(Optional.empty(), withSignature(signed.signature()));
            assertEquals(Optional.empty(), withSignature(signed.signatureAsString()));
        }

        @Test
        void otherLengthsSpellingsAndTypesFail() {
            String base64 = Base64.getEncoder().encodeToString(signed.bytes());
            for (String value : List.of("account=:" + Base64.getEncoder().encodeToString(Arrays.copyOf(signed.bytes(), 31)) + ":",
                    "account=:" + Base64.getEncoder().encodeToString(Arrays.copyOf(signed.bytes(), 33)) + ":",
                    "account=:" + Base64.getEncoder().encodeToString(Arrays.copyOf(signed.bytes(), 64)) + ":",
                    "account=\"" + base64.replace("=", "") + "\"", "account=\"" + Base64.getUrlEncoder().encodeToString(signed.bytes())
                            .replace('A', '-') + "-\"", "account=1", "account=(:" + base64 + ":)")) {
                assertEquals(Optional.of(ApproovFailure.MALFORMED_ACCOUNT_SIGNATURE), withSignature(value), value);
            }
        }
    }

    @Nested
    class A5TheHmacOfTheRebuiltBaseWithTheChosenKey {
        @Test
        void anyChangeToACoveredComponentFails() {
            MessageSignature signed = account("GET", TARGET, ACCOUNT_TOKEN).sign();
            String otherToken = token("\"mskid\":\"" + KEY_ID + "\",\"did\":\"x\"");
            for (ApproovRequest.Builder altered : List.of(request("DELETE", TARGET, ACCOUNT_TOKEN, signed),
                    request("GET", TARGET.replace("/v5/shapes", "/v5/admin"), ACCOUNT_TOKEN, signed),
                    request("GET", TARGET + "&y=2", ACCOUNT_TOKEN, signed),
                    request("GET", "http://api.example.com/v5/shapes?x=1", ACCOUNT_TOKEN, signed),
                    request("GET", TARGET, otherToken, signed))) {
                assertEquals(Optional.of(ApproovFailure.BAD_ACCOUNT_SIGNATURE), failure(altered));
            }
        }

        @Test
        void anotherKeysMacOrAnotherAlgorithmsFails() {
            assertEquals(Optional.of(ApproovFailure.BAD_ACCOUNT_SIGNATURE),
                    failure(request("GET", TARGET, ACCOUNT_TOKEN, account("GET", TARGET, ACCOUNT_TOKEN, NEXT_ACCOUNT_KEY).sign())));
            // 32 bytes that are no HMAC at all: zeros, and the SHA-256 of the base (no key).
            MessageSignature signed = account("GET", TARGET, ACCOUNT_TOKEN).sign();
            byte[] unkeyed = MessageSignatureOracle.digest("SHA-256", signed.base().getBytes(StandardCharsets.US_ASCII));
            for (byte[] bytes : List.of(new byte[32], unkeyed)) {
                assertEquals(Optional.of(ApproovFailure.BAD_ACCOUNT_SIGNATURE), failure(request("GET", TARGET, ACCOUNT_TOKEN, null)
                        .header("Signature-Input", signed.signatureInput())
                        .header("Signature", "account=:" + Base64.getEncoder().encodeToString(bytes) + ":")));
            }
        }

        @Test
        void aCachedTokenStillNeedsItsRequestSignedEveryTime() {
            ApproovVerifier verifier = verifier(c -> c);
            assertTrue(verifier.verifyToken(ACCOUNT_TOKEN).isAccepted());
            MessageSignature signed = account("GET", TARGET, ACCOUNT_TOKEN).sign();
            assertEquals(Optional.of(ApproovFailure.BAD_ACCOUNT_SIGNATURE), failure(verifier, request("PUT", TARGET, ACCOUNT_TOKEN, signed)));
            assertVerified(verifier, request("GET", TARGET, ACCOUNT_TOKEN, signed), "account");
        }
    }

    @Nested
    class A6DigestReasonsMonitorModeAndVisibleSuccess {
        static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

        ApproovRequest.Builder post(byte[] body, boolean covered) {
            String digest = MessageSignature.contentDigest(BODY);
            MessageSignature.Builder signature = account("POST", TARGET, ACCOUNT_TOKEN);
            if (covered) {
                signature.cover("content-digest", digest);
            }
            return request("POST", TARGET, ACCOUNT_TOKEN, signature.sign()).header("Content-Digest", digest).body(body);
        }

        @Test
        void theContentDigestIsCheckedAgainstTheRawBodyOnce() {
            assertVerified(ACCOUNT, post(BODY, true), "account");
            byte[] other = "{\"hello\":\"World\"}".getBytes(StandardCharsets.UTF_8);
            assertEquals(Optional.of(ApproovFailure.CONTENT_DIGEST_MISMATCH), failure(post(other, true)));
            ApproovVerifier requiring = verifier(c -> c.requireContentDigest(true));
            assertVerified(requiring, post(BODY, true), "account");
            assertEquals(Optional.of(ApproovFailure.MISSING_CONTENT_DIGEST), failure(requiring, post(BODY, false)));
        }

        @Test
        void everyAccountReasonIsItsOwnWithTheSignatureStage() {
            List<ApproovFailure> account = Arrays.stream(ApproovFailure.values())
                    .filter(f -> f.name().contains("ACCOUNT")).toList();
            assertEquals(11, account.size());
            Set<String> codes = new HashSet<>();
            for (ApproovFailure failure : ApproovFailure.values()) {
                assertTrue(codes.add(failure.code()), failure.code());
            }
            for (ApproovFailure failure : account) {
                assertEquals(ApproovFailure.Stage.MESSAGE_SIGNATURE, failure.stage());
                assertTrue(failure.code().contains("account"), failure.code());
                assertEquals(failure.name().toLowerCase(Locale.ROOT), failure.code());
            }
            // Each shared rule's failure has an account twin that is not the installation's.
            List<ApproovFailure> twins = new ArrayList<>();
            for (ApproovFailure failure : ApproovFailure.values()) {
                ApproovFailure twin = MessageSignatureCheck.Label.ACCOUNT.report(failure);
                assertEquals(failure, MessageSignatureCheck.Label.INSTALL.report(failure));
                if (twin != failure) {
                    assertTrue(twin.code().contains("account"), twin.code());
                    twins.add(twin);
                }
            }
            assertEquals(9, Set.copyOf(twins).size(), twins.toString());
        }

        @Test
        void monitorModeLetsAFailedAccountSignatureThroughWithoutClaims() {
            ApproovConfig monitor = ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).clock(CLOCK)
                    .accountMessageSigningSecretBase64(Base64.getEncoder().encodeToString(ACCOUNT_KEY))
                    .abortOnInvalidMessageSignature(false).build();
            List<String> heard = new ArrayList<>();
            ApproovCheck check = ApproovCheck.builder(monitor).listener(new ApproovListener() {
                @Override
                public void rejected(ApproovRequest request, ApproovFailure failure, boolean enforced) {
                    heard.add(failure.code() + (enforced ? "" : " (monitor)"));
                }
            }).build();
            ApproovDecision decision = check.decide(request("GET", TARGET, ACCOUNT_TOKEN, null).build(),
                    ApproovRequirements.token().withMessageSignature());
            assertInstanceOf(ApproovDecision.LetThrough.class, decision);
            assertEquals(List.of("missing_account_signature (monitor)"), heard);
            ApproovDecision enforced = ApproovCheck.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64)
                    .loggingEnabled(false).clock(CLOCK).accountMessageSigningSecretBase64(Base64.getEncoder()
                            .encodeToString(ACCOUNT_KEY)).build())
                    .decide(request("GET", TARGET, ACCOUNT_TOKEN, null).build(), ApproovRequirements.token().withMessageSignature());
            assertEquals(new ApproovDecision.Refused(ApproovFailure.MISSING_ACCOUNT_SIGNATURE), enforced);
        }

        @Test
        void successNamesTheVerifiedSignaturesAndNothingSecretReachesTheStringForms() {
            ApproovClaims claims = ACCOUNT.verifySigned(accountGet(ACCOUNT_TOKEN).build()).claims().orElseThrow();
            assertEquals(Set.of("account"), claims.verifiedMessageSignatures());
            assertTrue(claims.toString().endsWith("(message signed: account)"), claims.toString());
            String secretBase64Url = Base64.getUrlEncoder().withoutPadding().encodeToString(ACCOUNT_KEY);
            for (String text : List.of(claims.toString(), ACCOUNT.config().toString(),
                    ApproovCheck.create(ACCOUNT.config()).describe())) {
                assertFalse(text.contains(secretBase64Url.substring(0, 12)), text);
                assertFalse(text.contains(new String(ACCOUNT_KEY, StandardCharsets.US_ASCII).substring(0, 12)), text);
            }
            assertTrue(ApproovCheck.create(ACCOUNT.config()).describe().contains(
                    "account when it has none but an mskid ([account key mskid \"msk-1\" (32-byte secret)])"),
                    ApproovCheck.create(ACCOUNT.config()).describe());
        }
    }
}
