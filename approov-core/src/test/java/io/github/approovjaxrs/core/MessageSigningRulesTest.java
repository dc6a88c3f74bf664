package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.testing.ApproovTokens;
import io.github.approovjaxrs.testing.MessageSignature;
import io.github.approovjaxrs.testing.TestKeys;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules M1–M14 on the framework-free verifier ({@link ApproovVerifier#verifySigned}), one nested class per
 * rule, each with a test that fails when its rule is removed. Requests are signed in the test with a
 * generated P-256 key, as Approov's SDK signs them; the clock is fixed.
 */
class MessageSigningRulesTest {

    static final long NOW = 1_800_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final String TARGET = "https://api.example.com/v5/shapes?x=1";
    static final KeyPair DEVICE = TestKeys.ec("secp256r1");
    static final String TOKEN = token("\"ipk\":\"" + ApproovTokens.ipk(DEVICE.getPublic()) + "\"");

    /** A token valid an hour past the fixed clock, with these extra JSON members. */
    static String token(String members) {
        return ApproovTokens.sign(ApproovTokens.HS256_HEADER, "{\"exp\":" + (NOW + 3600) + (members.isEmpty() ? "" : "," + members) + "}",
                TestSecret.SECRET);
    }

    static ApproovVerifier verifier(UnaryOperator<ApproovConfig.Builder> settings) {
        return ApproovVerifier.create(settings.apply(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).clock(CLOCK)).build());
    }

    static final ApproovVerifier DEFAULT = verifier(c -> c);

    /** The SDK's default signature of a request: {@code @method}, {@code @target-uri}, the token. */
    static MessageSignature.Builder sdk(String method, String target, String token) {
        return MessageSignature.builder(DEVICE.getPrivate()).created(NOW)
                .cover("@method", method).cover("@target-uri", target).cover("approov-token", token);
    }

    static ApproovRequest.Builder request(String method, String target, String token, MessageSignature signed) {
        ApproovRequest.Builder request = ApproovRequest.builder().method(method).target(URI.create(target))
                .header("Approov-Token", token);
        if (signed != null) {
            request.header("Signature-Input", signed.signatureInput()).header("Signature", signed.signature());
        }
        return request;
    }

    /** A GET of {@link #TARGET} signed as the SDK signs it. */
    static ApproovRequest.Builder signedGet() {
        return request("GET", TARGET, TOKEN, sdk("GET", TARGET, TOKEN).sign());
    }

    static Optional<ApproovFailure> failure(ApproovVerifier verifier, ApproovRequest.Builder request) {
        return verifier.verifySigned(request.build()).failure();
    }

    static Optional<ApproovFailure> failure(ApproovRequest.Builder request) {
        return failure(DEFAULT, request);
    }

    static void assertSigned(ApproovVerifier verifier, ApproovRequest.Builder request) {
        ApproovVerdict verdict = verifier.verifySigned(request.build());
        assertEquals(Optional.empty(), verdict.failure());
        assertTrue(verdict.claims().orElseThrow().isMessageSigned());
    }

    static void assertSigned(ApproovRequest.Builder request) {
        assertSigned(DEFAULT, request);
    }

    @Test
    void aRequestSignedAsTheSdkSignsItPasses() {
        assertSigned(signedGet());
    }

    @Nested
    class M1TheTokenIsCheckedFirst {
        @Test
        void aTokenFailureIsReportedAsTheTokenFailure() {
            String expired = ApproovTokens.sign(ApproovTokens.HS256_HEADER, "{\"exp\":" + (NOW - 10) + ",\"ipk\":\""
                    + ApproovTokens.ipk(DEVICE.getPublic()) + "\"}", TestSecret.SECRET);
            assertEquals(Optional.of(ApproovFailure.EXPIRED),
                    failure(request("GET", TARGET, expired, sdk("GET", TARGET, expired).sign())));
            assertEquals(Optional.of(ApproovFailure.MISSING_TOKEN), failure(ApproovRequest.builder().method("GET")
                    .target(URI.create(TARGET)).header("Signature", "install=:AA==:")));
        }
    }

    @Nested
    class M2TheInstallationKeyIsOptionalUnlessRequired {
        @Test
        void aTokenWithoutIpkPassesAsTokenOnly() {
            String plain = token("");
            ApproovVerdict verdict = DEFAULT.verifySigned(request("GET", TARGET, plain, null).build());
            assertTrue(verdict.isAccepted());
            assertFalse(verdict.claims().orElseThrow().isMessageSigned());
            assertTrue(DEFAULT.verifySigned(request("GET", TARGET, token("\"ipk\":null"), null).build()).isAccepted());
        }

        @Test
        void requiringTheIpkRefusesATokenWithout() {
            ApproovVerifier requiring = verifier(c -> c.requireInstallationKey(true));
            assertEquals(Optional.of(ApproovFailure.MISSING_INSTALLATION_KEY),
                    failure(requiring, request("GET", TARGET, token(""), null)));
            assertSigned(requiring, signedGet());
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "true", "[]", "{}", "\"\""})
        void anIpkThatIsNotAStringFails(String ipk) {
            String odd = token("\"ipk\":" + ipk);
            assertEquals(Optional.of(ApproovFailure.MALFORMED_INSTALLATION_KEY),
                    failure(request("GET", TARGET, odd, sdk("GET", TARGET, odd).sign())));
        }
    }

    @Nested
    class M3TheIpkIsOneCanonicalP256Key {
        static final byte[] DER = DEVICE.getPublic().getEncoded();

        InstallationKey parse(String text) {
            return InstallationKey.parse(text);
        }

        @Test
        void theSdksFormParses() {
            assertTrue(parse(Base64.getEncoder().encodeToString(DER)).key() != null);
        }

        @Test
        void otherSpellingsOfTheSameKeyFail() {
            String canonical = Base64.getEncoder().encodeToString(DER);
            assertEquals(InstallationKey.MALFORMED, parse(Base64.getUrlEncoder().encodeToString(DER).replace('=', ' ').strip()));
            assertEquals(InstallationKey.MALFORMED, parse(canonical.replace("=", "")));
            assertEquals(InstallationKey.MALFORMED, parse(" " + canonical));
            assertEquals(InstallationKey.MALFORMED, parse(Base64.getMimeEncoder().encodeToString(DER)));
        }

        @Test
        void trailingBytesAfterTheKeyFail() {
            byte[] longer = Arrays.copyOf(DER, DER.length + 1);
            assertEquals(InstallationKey.MALFORMED, parse(Base64.getEncoder().encodeToString(longer)));
        }

        @Test
        void aPointOffTheCurveFails() {
            byte[] off = DER.clone();
            off[off.length - 1] ^= 1; // y changes, x stays: the point leaves the curve
            assertEquals(InstallationKey.MALFORMED, parse(Base64.getEncoder().encodeToString(off)));
        }

        @Test
        void otherCurvesAndKeyTypesFail() {
            for (KeyPair other : List.of(TestKeys.ec("secp384r1"), TestKeys.rsa(2048))) {
                assertEquals(InstallationKey.MALFORMED,
                        parse(Base64.getEncoder().encodeToString(other.getPublic().getEncoded())));
            }
        }

        @Test
        void overlongValuesFailBeforeDecoding() {
            assertEquals(InstallationKey.MALFORMED, parse("A".repeat(InstallationKey.MAX_LENGTH + 4)));
        }

        @Test
        void theKeyIsParsedOncePerCachedToken() {
            ApproovClaims first = DEFAULT.verifyToken(TOKEN).claims().orElseThrow();
            ApproovClaims again = DEFAULT.verifyToken(TOKEN).claims().orElseThrow();
            assertSame(first, again);
            assertSame(first.installationKey(), again.installationKey());
            assertEquals("InstallationKey[P-256]", first.installationKey().toString());
        }
    }

    @Nested
    class M4TheFieldsAreDictionariesWithAnInstallMember {
        @Test
        void missingFieldsOrMembersAreAMissingSignature() {
            MessageSignature signed = sdk("GET", TARGET, TOKEN).sign();
            assertEquals(Optional.of(ApproovFailure.MISSING_MESSAGE_SIGNATURE), failure(request("GET", TARGET, TOKEN, null)
                    .header("Signature", signed.signature())));
            assertEquals(Optional.of(ApproovFailure.MISSING_MESSAGE_SIGNATURE), failure(request("GET", TARGET, TOKEN, null)
                    .header("Signature-Input", signed.signatureInput())));
            assertEquals(Optional.of(ApproovFailure.MISSING_MESSAGE_SIGNATURE), failure(request("GET", TARGET, TOKEN, null)
                    .header("Signature-Input", signed.signatureInput().replace("install=", "account="))
                    .header("Signature", signed.signature().replace("install=", "account="))));
        }

        @Test
        void otherLabelsAreIgnoredAndLinesAreJoined() {
            MessageSignature signed = sdk("GET", TARGET, TOKEN).sign();
            assertSigned(request("GET", TARGET, TOKEN, null)
                    .header("Signature-Input", "account=(\"@method\");created=1")
                    .header("Signature-Input", signed.signatureInput())
                    .header("Signature", signed.signature() + ", account=:AAAA:"));
        }

        @Test
        void aFieldThatIsNoDictionaryIsMalformed() {
            MessageSignature signed = sdk("GET", TARGET, TOKEN).sign();
            assertEquals(Optional.of(ApproovFailure.MALFORMED_MESSAGE_SIGNATURE), failure(request("GET", TARGET, TOKEN, null)
                    .header("Signature-Input", signed.signatureInput() + ",")
                    .header("Signature", signed.signature())));
            assertEquals(Optional.of(ApproovFailure.MALFORMED_MESSAGE_SIGNATURE), failure(request("GET", TARGET, TOKEN, null)
                    .header("Signature-Input", signed.signatureInput())
                    .header("Signature", "install=:" + "A".repeat(10))));
        }
    }

    @Nested
    class M5TheInputIsAnInnerListOfStringsWithAlgCreatedExpires {
        @Test
        void componentsMustBeStringsWithoutDuplicates() {
            MessageSignature duplicate = sdk("GET", TARGET, TOKEN).cover("@method", "GET").sign();
            assertEquals(Optional.of(ApproovFailure.MALFORMED_MESSAGE_SIGNATURE), failure(request("GET", TARGET, TOKEN, duplicate)));
            MessageSignature token = sdk("GET", TARGET, TOKEN).coverIdentifier("method", "GET").sign();
            assertEquals(Optional.of(ApproovFailure.MALFORMED_MESSAGE_SIGNATURE), failure(request("GET", TARGET, TOKEN, token)));
            assertEquals(Optional.of(ApproovFailure.MALFORMED_MESSAGE_SIGNATURE), failure(request("GET", TARGET, TOKEN, null)
                    .header("Signature-Input", "install=\"@method\";alg=\"ecdsa-p256-sha256\";created=1")
                    .header("Signature", "install=:AA==:")));
        }

        @ParameterizedTest
        @ValueSource(strings = {";created=" + NOW + ";expires=" + (NOW + 15),
                ";alg=\"rsa-pss-sha512\";created=" + NOW + ";expires=" + (NOW + 15),
                ";alg=ecdsa-p256-sha256;created=" + NOW + ";expires=" + (NOW + 15),
                ";alg=\"ECDSA-P256-SHA256\";created=" + NOW + ";expires=" + (NOW + 15)})
        void algMustBeExactlyEcdsaP256Sha256(String parameters) {
            MessageSignature signed = sdk("GET", TARGET, TOKEN).parameters(parameters).sign();
            assertEquals(Optional.of(ApproovFailure.MESSAGE_SIGNATURE_ALGORITHM_NOT_ALLOWED),
                    failure(request("GET", TARGET, TOKEN, signed)));
        }

        @ParameterizedTest
        @ValueSource(strings = {";alg=\"ecdsa-p256-sha256\";expires=" + (NOW + 15),
                ";alg=\"ecdsa-p256-sha256\";created=\"" + NOW + "\";expires=" + (NOW + 15),
                ";alg=\"ecdsa-p256-sha256\";created=" + NOW + ".5;expires=" + (NOW + 15),
                ";alg=\"ecdsa-p256-sha256\";created=" + NOW,
                ";alg=\"ecdsa-p256-sha256\";created=" + NOW + ";expires=?1"})
        void createdAndExpiresMustBeIntegers(String parameters) {
            MessageSignature signed = sdk("GET", TARGET, TOKEN).parameters(parameters).sign();
            assertEquals(Optional.of(ApproovFailure.MALFORMED_MESSAGE_SIGNATURE), failure(request("GET", TARGET, TOKEN, signed)));
        }

        @Test
        void expiresMayBeOptionalAndOtherParametersStayInTheBase() {
            MessageSignature noExpiry = sdk("GET", TARGET, TOKEN)
                    .parameters(";alg=\"ecdsa-p256-sha256\";created=" + NOW).sign();
            assertSigned(verifier(c -> c.requireSignatureExpiry(false)), request("GET", TARGET, TOKEN, noExpiry));
            MessageSignature extra = sdk("GET", TARGET, TOKEN).parameters(";keyid=\"k\";alg=\"ecdsa-p256-sha256\""
                    + ";created=" + NOW + ";nonce=\"n0\";expires=" + (NOW + 15) + ";tag=\"t\"").sign();
            assertSigned(request("GET", TARGET, TOKEN, extra));
        }
    }

    @Nested
    class M6TimeWithToleranceAndMaximumAge {
        Optional<ApproovFailure> signedAt(long created, long expires, ApproovVerifier verifier) {
            return failure(verifier, request("GET", TARGET, TOKEN, sdk("GET", TARGET, TOKEN)
                    .created(created).expires(expires).sign()));
        }

        @Test
        void createdMayLieInTheFutureByTheToleranceOnly() {
            assertEquals(Optional.empty(), signedAt(NOW + 60, NOW + 75, DEFAULT));
            assertEquals(Optional.of(ApproovFailure.MESSAGE_SIGNATURE_NOT_YET_VALID), signedAt(NOW + 61, NOW + 76, DEFAULT));
        }

        @Test
        void expiresMayHavePassedByTheToleranceOnly() {
            assertEquals(Optional.empty(), signedAt(NOW - 75, NOW - 60, DEFAULT));
            assertEquals(Optional.of(ApproovFailure.MESSAGE_SIGNATURE_EXPIRED), signedAt(NOW - 76, NOW - 61, DEFAULT));
            assertEquals(Optional.empty(), signedAt(NOW - 76, NOW - 61, verifier(c -> c.signatureTolerance(Duration.ofSeconds(61)))));
        }

        @Test
        void expiresBeforeCreatedIsMalformed() {
            assertEquals(Optional.of(ApproovFailure.MALFORMED_MESSAGE_SIGNATURE), signedAt(NOW, NOW - 1, DEFAULT));
        }

        @Test
        void aSignatureOlderThanTheMaximumAgeFailsEvenIfNotExpired() {
            assertEquals(Optional.empty(), signedAt(NOW - 360, NOW + 100, DEFAULT));
            assertEquals(Optional.of(ApproovFailure.MESSAGE_SIGNATURE_EXPIRED), signedAt(NOW - 361, NOW + 100, DEFAULT));
            assertEquals(Optional.empty(), signedAt(NOW - 361, NOW + 100, verifier(c -> c.signatureMaxAge(Duration.ZERO))));
        }
    }

    @Nested
    class M7MethodTokenAndTargetMustBeCovered {
        Optional<ApproovFailure> covering(ApproovVerifier verifier, MessageSignature.Builder signature) {
            return failure(verifier, request("GET", TARGET, TOKEN, signature.sign()).header("Authorization", "Bearer x"));
        }

        MessageSignature.Builder signature() {
            return MessageSignature.builder(DEVICE.getPrivate()).created(NOW);
        }

        @Test
        void withoutTheMethodTheTokenOrATargetItFails() {
            assertEquals(Optional.of(ApproovFailure.REQUIRED_COMPONENT_NOT_COVERED), covering(DEFAULT,
                    signature().cover("@target-uri", TARGET).cover("approov-token", TOKEN)));
            assertEquals(Optional.of(ApproovFailure.REQUIRED_COMPONENT_NOT_COVERED), covering(DEFAULT,
                    signature().cover("@method", "GET").cover("@target-uri", TARGET)));
            assertEquals(Optional.of(ApproovFailure.REQUIRED_COMPONENT_NOT_COVERED), covering(DEFAULT,
                    signature().cover("@method", "GET").cover("@authority", "api.example.com").cover("@query", "?x=1")
                            .cover("approov-token", TOKEN)));
        }

        @Test
        void pathOrRequestTargetServeAsTheTarget() {
            assertEquals(Optional.empty(), covering(DEFAULT, signature().cover("@method", "GET")
                    .cover("@path", "/v5/shapes").cover("approov-token", TOKEN)));
            assertEquals(Optional.empty(), covering(DEFAULT, signature().cover("approov-token", TOKEN)
                    .cover("@request-target", "/v5/shapes?x=1").cover("@method", "GET")));
        }

        @Test
        void configuredComponentsMustBeCoveredToo() {
            ApproovVerifier strict = verifier(c -> c.requiredSignedComponents(List.of("Authorization", "@authority")));
            assertEquals(Optional.of(ApproovFailure.REQUIRED_COMPONENT_NOT_COVERED), covering(strict, sdk("GET", TARGET, TOKEN)));
            assertEquals(Optional.empty(), covering(strict, sdk("GET", TARGET, TOKEN).cover("authorization", "Bearer x")
                    .cover("@authority", "api.example.com")));
        }

        @Test
        void theTokenHeaderIsTheConfiguredOneLowerCased() {
            ApproovVerifier custom = verifier(c -> c.tokenHeaderName("X-App-Token"));
            MessageSignature signed = MessageSignature.builder(DEVICE.getPrivate()).created(NOW).cover("@method", "GET")
                    .cover("@target-uri", TARGET).cover("x-app-token", TOKEN).sign();
            assertSigned(custom, ApproovRequest.builder().method("GET").target(URI.create(TARGET))
                    .header("X-App-Token", TOKEN).header("Signature-Input", signed.signatureInput())
                    .header("Signature", signed.signature()));
        }
    }

    @Nested
    class M8OnlyKnownComponentsFromTheRequest {
        Optional<ApproovFailure> with(String identifier, String value, String... headers) {
            ApproovRequest.Builder request = request("GET", TARGET, TOKEN,
                    sdk("GET", TARGET, TOKEN).coverIdentifier(identifier, value).sign());
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return failure(request);
        }

        @Test
        void everySupportedComponentIsDerived() {
            assertSigned(request("GET", TARGET, TOKEN, sdk("GET", TARGET, TOKEN)
                    .cover("@authority", "api.example.com").cover("@scheme", "https").cover("@path", "/v5/shapes")
                    .cover("@query", "?x=1").cover("@request-target", "/v5/shapes?x=1")
                    .coverIdentifier("\"@query-param\";name=\"x\"", "1").cover("x-extra", "a").sign())
                    .header("X-Extra", "a"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"@status\"", "\"@signature-params\"", "\"@unknown\"", "\"x-extra\";sf",
                "\"x-extra\";bs", "\"@method\";req", "\"X-Extra\"", "\"@query-param\"", "\"@query-param\";name=x"})
        void otherComponentsOrParametersFail(String identifier) {
            assertEquals(Optional.of(ApproovFailure.UNSUPPORTED_MESSAGE_COMPONENT), with(identifier, "a", "X-Extra", "a"));
        }

        @Test
        void aCoveredHeaderOrQueryParameterThatIsMissingFails() {
            assertEquals(Optional.of(ApproovFailure.MISSING_MESSAGE_COMPONENT), with("\"x-extra\"", "a"));
            assertEquals(Optional.of(ApproovFailure.MISSING_MESSAGE_COMPONENT), with("\"@query-param\";name=\"y\"", ""));
        }

        @Test
        void aValueOutsidePrintableAsciiFails() {
            assertEquals(Optional.of(ApproovFailure.UNSUPPORTED_MESSAGE_COMPONENT),
                    with("\"x-extra\"", "caf\u00e9", "X-Extra", "caf\u00e9"));
            assertEquals(Optional.of(ApproovFailure.UNSUPPORTED_MESSAGE_COMPONENT),
                    with("\"x-extra\"", "a\nb", "X-Extra", "a\nb"));
        }

        @Test
        void repeatedHeaderLinesAreJoinedInOrder() {
            MessageSignature signed = sdk("GET", TARGET, TOKEN).cover("x-extra", "one, two").sign();
            assertSigned(request("GET", TARGET, TOKEN, signed).header("X-Extra", "one").header("X-Extra", " two "));
            assertEquals(Optional.of(ApproovFailure.BAD_MESSAGE_SIGNATURE),
                    failure(request("GET", TARGET, TOKEN, signed).header("X-Extra", "two").header("X-Extra", "one")));
        }
    }

    @Nested
    class M9OriginFromConfigurationPathAndQueryRaw {
        static final String PUBLIC = "https://api.example.com/v5/shapes";
        static final String SEEN_BEHIND_PROXY = "http://10.0.0.5:8080/v5/shapes";

        @Test
        void behindAProxyThePublicOriginIsSigned() {
            MessageSignature signed = sdk("GET", PUBLIC, TOKEN).cover("@authority", "api.example.com")
                    .cover("@scheme", "https").sign();
            assertEquals(Optional.of(ApproovFailure.BAD_MESSAGE_SIGNATURE),
                    failure(request("GET", SEEN_BEHIND_PROXY, TOKEN, signed)));
            assertSigned(verifier(c -> c.publicOrigin("HTTPS://API.example.com:443")),
                    request("GET", SEEN_BEHIND_PROXY, TOKEN, signed));
        }

        @Test
        void forwardedHeadersAreNeverTrusted() {
            MessageSignature signed = sdk("GET", PUBLIC, TOKEN).sign();
            assertEquals(Optional.of(ApproovFailure.BAD_MESSAGE_SIGNATURE), failure(request("GET", SEEN_BEHIND_PROXY, TOKEN, signed)
                    .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "api.example.com")
                    .header("X-Forwarded-Port", "443").header("Forwarded", "proto=https;host=api.example.com")));
        }

        @Test
        void percentEncodedPathsAndQueriesAreSignedAsReceived() {
            String raw = "https://api.example.com/v5/a%2Fb%20c/%7euser?q=%41%2B+b&e=%C3%A9";
            MessageSignature signed = sdk("GET", raw, TOKEN).cover("@path", "/v5/a%2Fb%20c/%7euser")
                    .cover("@query", "?q=%41%2B+b&e=%C3%A9").coverIdentifier("\"@query-param\";name=\"q\"", "A%2B%20b").sign();
            assertSigned(request("GET", raw, TOKEN, signed));
            MessageSignature decoded = sdk("GET", "https://api.example.com/v5/a/b c/~user?q=A+ b&e=\u00e9", TOKEN).sign();
            assertEquals(Optional.of(ApproovFailure.BAD_MESSAGE_SIGNATURE), failure(request("GET", raw, TOKEN, decoded)));
        }

        @Test
        void schemeAndHostAreNormalizedAndTheDefaultPortDropped() {
            MessageSignature signed = sdk("GET", TARGET, TOKEN).cover("@authority", "api.example.com").sign();
            assertSigned(request("GET", "HTTPS://API.Example.com:443/v5/shapes?x=1", TOKEN, signed));
        }
    }

    @Nested
    class M10TheSignatureIs64BytesInEitherSpelling {
        MessageSignature signed = sdk("GET", TARGET, TOKEN).sign();

        Optional<ApproovFailure> withSignature(String value) {
            return failure(request("GET", TARGET, TOKEN, null).header("Signature-Input", signed.signatureInput())
                    .header("Signature", value));
        }

        @Test
        void theRfcByteSequenceAndTheAndroidStringBothVerify() {
            assertEquals(Optional.empty(), withSignature(signed.signature()));
            assertEquals(Optional.empty(), withSignature(signed.signatureAsString()));
        }

        @Test
        void otherLengthsSpellingsAndTypesFail() {
            String base64 = Base64.getEncoder().encodeToString(signed.bytes());
            // The same 64 bytes with a non-zero pad bit: decoders accept it, one spelling per value does not.
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            String padBit = base64.substring(0, 85) + alphabet.charAt(alphabet.indexOf(base64.charAt(85)) ^ 1) + "==";
            assertTrue(Arrays.equals(signed.bytes(), Base64.getDecoder().decode(padBit)));
            for (String value : List.of("install=\"" + base64.replace("=", "") + "\"",
                    "install=\"" + padBit + "\"", "install=\"" + base64.replace('A', '-').replace('/', '_') + "-\"",
                    "install=:" + Base64.getEncoder().encodeToString(Arrays.copyOf(signed.bytes(), 63)) + ":",
                    "install=:" + Base64.getEncoder().encodeToString(Arrays.copyOf(signed.bytes(), 65)) + ":",
                    "install=abc", "install=1", "install=(:" + base64 + ":)")) {
                assertEquals(Optional.of(ApproovFailure.MALFORMED_MESSAGE_SIGNATURE), withSignature(value), value);
            }
        }
    }

    @Nested
    class M11TheSignatureVerifiesOverTheRebuiltBase {
        @Test
        void anyChangeToACoveredComponentFails() {
            MessageSignature signed = sdk("GET", TARGET, TOKEN).sign();
            String otherToken = token("\"ipk\":\"" + ApproovTokens.ipk(DEVICE.getPublic()) + "\",\"did\":\"x\"");
            for (ApproovRequest.Builder altered : List.of(request("DELETE", TARGET, TOKEN, signed),
                    request("GET", TARGET + "&y=2", TOKEN, signed), request("GET", "http://api.example.com/v5/shapes?x=1", TOKEN, signed),
                    request("GET", TARGET, otherToken, signed))) {
                assertEquals(Optional.of(ApproovFailure.BAD_MESSAGE_SIGNATURE), failure(altered));
            }
        }

        @Test
        void anotherKeysSignatureFails() {
            MessageSignature other = MessageSignature.builder(TestKeys.ec("secp256r1").getPrivate()).created(NOW)
                    .cover("@method", "GET").cover("@target-uri", TARGET).cover("approov-token", TOKEN).sign();
            assertEquals(Optional.of(ApproovFailure.BAD_MESSAGE_SIGNATURE), failure(request("GET", TARGET, TOKEN, other)));
        }

        @Test
        void rOrSOutsideOneToNMinusOneFails() {
            MessageSignature signed = sdk("GET", TARGET, TOKEN).sign();
            byte[] order = VerificationKey.P256_ORDER.toByteArray(); // 33 bytes: a leading zero
            for (int half = 0; half < 2; half++) {
                for (byte[] value : List.of(new byte[32], Arrays.copyOfRange(order, 1, 33))) {
                    byte[] bytes = signed.bytes().clone();
                    System.arraycopy(value, 0, bytes, half * 32, 32);
                    assertEquals(Optional.of(ApproovFailure.BAD_MESSAGE_SIGNATURE), failure(request("GET", TARGET, TOKEN, null)
                            .header("Signature-Input", signed.signatureInput())
                            .header("Signature", "install=:" + Base64.getEncoder().encodeToString(bytes) + ":")));
                }
            }
            // s + n is s again modulo n: a malleable spelling that must not verify.
            byte[] bytes = signed.bytes().clone();
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64)).add(VerificationKey.P256_ORDER);
            if (s.bitLength() <= 256) {
                byte[] wide = s.toByteArray();
                System.arraycopy(wide, wide.length - 32, bytes, 32, 32);
                assertEquals(Optional.of(ApproovFailure.BAD_MESSAGE_SIGNATURE), failure(request("GET", TARGET, TOKEN, null)
                        .header("Signature-Input", signed.signatureInput())
                        .header("Signature", "install=:" + Base64.getEncoder().encodeToString(bytes) + ":")));
            }
        }

        @Test
        void aCachedTokenStillNeedsItsRequestSignedEveryTime() {
            ApproovVerifier verifier = verifier(c -> c);
            assertTrue(verifier.verifyToken(TOKEN).isAccepted()); // now cached
            MessageSignature signed = sdk("GET", TARGET, TOKEN).sign();
            assertEquals(Optional.of(ApproovFailure.BAD_MESSAGE_SIGNATURE), failure(verifier, request("PUT", TARGET, TOKEN, signed)));
            assertEquals(Optional.of(ApproovFailure.MISSING_MESSAGE_SIGNATURE), failure(verifier, request("GET", TARGET, TOKEN, null)));
            assertSigned(verifier, request("GET", TARGET, TOKEN, signed));
        }
    }

    @Nested
    class M12TheContentDigestMatchesTheBody {
        static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

        ApproovRequest.Builder post(byte[] body, String digest, boolean covered) {
            MessageSignature.Builder signature = sdk("POST", TARGET, TOKEN);
            if (covered) {
                signature.cover("content-digest", digest);
            }
            ApproovRequest.Builder request = request("POST", TARGET, TOKEN, signature.sign()).body(body);
            return digest == null ? request : request.header("Content-Digest", digest);
        }

        @Test
        void aCoveredDigestOfTheBodyPasses() {
            assertSigned(post(BODY, MessageSignature.contentDigest(BODY), true));
        }

        @Test
        void anotherBodyFailsWhetherTheDigestIsCoveredOrNot() {
            byte[] other = "{\"hello\":\"world!\"}".getBytes(StandardCharsets.UTF_8);
            assertEquals(Optional.of(ApproovFailure.CONTENT_DIGEST_MISMATCH), failure(post(other, MessageSignature.contentDigest(BODY), true)));
            assertEquals(Optional.of(ApproovFailure.CONTENT_DIGEST_MISMATCH), failure(post(other, MessageSignature.contentDigest(BODY), false)));
        }

        @Test
        void sha512IsCheckedAndUnknownAlgorithmsAloneFail() throws Exception {
            String sha512 = "sha-512=:" + Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-512").digest(BODY)) + ":";
            assertSigned(post(BODY, sha512 + ", md5=:AAAA:", true));
            String otherSha512 = "sha-512=:" + Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-512").digest(new byte[1])) + ":";
            assertEquals(Optional.of(ApproovFailure.CONTENT_DIGEST_MISMATCH),
                    failure(post(BODY, MessageSignature.contentDigest(BODY) + ", " + otherSha512, true)));
            assertEquals(Optional.of(ApproovFailure.MALFORMED_CONTENT_DIGEST), failure(post(BODY, "md5=:AAAA:", true)));
            assertEquals(Optional.of(ApproovFailure.MALFORMED_CONTENT_DIGEST), failure(post(BODY, "sha-256=\"abc\"", true)));
            assertEquals(Optional.of(ApproovFailure.MALFORMED_CONTENT_DIGEST), failure(post(BODY, "sha-256", true)));
        }

        @Test
        void aBodyOverTheLimitFailsAsTooLarge() {
            ApproovVerifier small = verifier(c -> c.maxBodyBytes(BODY.length - 1));
            assertEquals(Optional.of(ApproovFailure.MESSAGE_BODY_TOO_LARGE),
                    failure(small, post(BODY, MessageSignature.contentDigest(BODY), true)));
            assertSigned(verifier(c -> c.maxBodyBytes(BODY.length)), post(BODY, MessageSignature.contentDigest(BODY), true));
        }

        @Test
        void withoutADigestTheBodyIsNeverRead() {
            ApproovRequest.Builder request = request("POST", TARGET, TOKEN, sdk("POST", TARGET, TOKEN).sign())
                    .body(limit -> {
                        throw new IOException("must not be read");
                    });
            assertSigned(request);
            ApproovRequest.Builder unreadable = post(BODY, MessageSignature.contentDigest(BODY), true).body(limit -> {
                throw new IOException("client went away");
            });
            assertEquals(Optional.of(ApproovFailure.MESSAGE_BODY_UNREADABLE), failure(unreadable));
        }

        @Test
        void requiringADigestRefusesNonEmptyBodiesWithoutACoveredOne() {
            ApproovVerifier requiring = verifier(c -> c.requireContentDigest(true));
            assertEquals(Optional.of(ApproovFailure.MISSING_CONTENT_DIGEST), failure(requiring, post(BODY, null, false)));
            assertEquals(Optional.of(ApproovFailure.MISSING_CONTENT_DIGEST),
                    failure(requiring, post(BODY, MessageSignature.contentDigest(BODY), false)));
            assertSigned(requiring, post(BODY, MessageSignature.contentDigest(BODY), true));
            assertSigned(requiring, post(new byte[0], null, false));
        }

        /** A proxy's check service sees the headers only: the digest is the origin's to compare. */
        @Test
        void withoutTheBodyADigestIsCheckedForItsFormButNotCompared() {
            byte[] other = "{\"hello\":\"world!\"}".getBytes(StandardCharsets.UTF_8);
            String digest = MessageSignature.contentDigest(BODY);
            assertSigned(post(other, digest, true).bodyUnavailable());
            assertEquals(Optional.of(ApproovFailure.CONTENT_DIGEST_MISMATCH),
                    failure(post(other, digest, true).bodyUnavailable().body(other)), "the last of the two wins");
            assertEquals(Optional.of(ApproovFailure.MALFORMED_CONTENT_DIGEST),
                    failure(post(BODY, "md5=:AAAA:", true).bodyUnavailable()));
            assertEquals(Optional.of(ApproovFailure.MALFORMED_CONTENT_DIGEST),
                    failure(post(BODY, "sha-256=\"abc\"", true).bodyUnavailable()));
            ApproovRequest.Builder neverRead = post(BODY, digest, true).body(limit -> {
                throw new IOException("must not be read");
            }).bodyUnavailable();
            assertSigned(neverRead);
            ApproovVerifier small = verifier(c -> c.maxBodyBytes(1));
            assertSigned(small, post(BODY, digest, true).bodyUnavailable());
        }

        @Test
        void withoutTheBodyRequiringADigestAsksForACoveredOneOnEveryRequest() {
            ApproovVerifier requiring = verifier(c -> c.requireContentDigest(true));
            assertEquals(Optional.of(ApproovFailure.MISSING_CONTENT_DIGEST),
                    failure(requiring, post(new byte[0], null, false).bodyUnavailable()), "the body may not be empty");
            assertEquals(Optional.of(ApproovFailure.MISSING_CONTENT_DIGEST),
                    failure(requiring, post(BODY, MessageSignature.contentDigest(BODY), false).bodyUnavailable()));
            assertSigned(requiring, post(BODY, MessageSignature.contentDigest(BODY), true).bodyUnavailable());
        }
    }

    @Nested
    class M13FailuresAreValuesWithTheirOwnSwitch {
        @Test
        void everyMessageSigningReasonHasAStableCodeAndTheSignatureStage() {
            List<ApproovFailure> signing = Arrays.stream(ApproovFailure.values())
                    .filter(f -> f.stage() == ApproovFailure.Stage.MESSAGE_SIGNATURE).toList();
            assertEquals(29, signing.size()); // 16 of the installation signature, 11 of the account one (A1-A6), 2 of R3-R4
            for (ApproovFailure failure : signing) {
                assertEquals(failure.name().toLowerCase(java.util.Locale.ROOT), failure.code());
                assertEquals(ApproovFailure.Stage.MESSAGE_SIGNATURE, failure.stage());
                assertTrue(failure.isEnforcedBy(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).build()));
                assertFalse(failure.isEnforcedBy(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).abortOnInvalidMessageSignature(false).build()));
                assertTrue(failure.isEnforcedBy(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).abortOnInvalidToken(false)
                        .abortOnInvalidBinding(false).build()));
            }
        }

        @Test
        void nothingFromTheRequestReachesTheStringForms() {
            ApproovRequest request = signedGet().header("Authorization", "Bearer secret-value").build();
            assertEquals("ApproovRequest[GET /v5/shapes]", request.toString());
            ApproovClaims claims = DEFAULT.verifySigned(signedGet().build()).claims().orElseThrow();
            assertFalse(claims.toString().contains(ApproovTokens.ipk(DEVICE.getPublic()).substring(0, 20)), claims.toString());
        }

        @Test
        void aRequestWithoutAnAbsoluteTargetIsRefusedAtBuildTime() {
            assertThrows(IllegalStateException.class, () -> ApproovRequest.builder().method("GET")
                    .target(URI.create("/v5/shapes")).build());
        }
    }

    @Nested
    class M14SuccessIsVisibleAndReplayInsideTheWindowIsAccepted {
        @Test
        void theClaimsSayTheRequestWasSigned() {
            ApproovClaims claims = DEFAULT.verifySigned(signedGet().build()).claims().orElseThrow();
            assertTrue(claims.isMessageSigned());
            assertTrue(claims.toString().endsWith("(message signed: install)"), claims.toString());
            assertEquals(java.util.Set.of("install"), claims.verifiedMessageSignatures());
            assertFalse(DEFAULT.verifyToken(TOKEN).claims().orElseThrow().isMessageSigned());
        }

        @Test
        void theSameSignedRequestIsAcceptedAgainWithinItsWindow() {
            // Documented: no nonce store, as none of Approov's servers keeps one; the window is seconds.
            ApproovRequest.Builder request = signedGet();
            assertSigned(request);
            assertSigned(request);
        }
    }
}
