package io.github.approovjaxrs;

import io.github.approovjaxrs.conformance.AttackMatrix;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovConfigurationException;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Start-up safety (SECURITY.md, promise 3), at the entry points an application calls to start:
 * {@link ApproovFeature#fromEnvironment()} (JVM system properties, here) and
 * {@link ApproovFeature#create(ApproovConfig)} over {@link ApproovConfig#fromEnvironment(java.util.function.Function)}.
 * A missing secret, one that is not strict base64, one under 32 bytes, jose4j's two unsafe system
 * properties, and every invalid message-signing setting each stop start-up with a message that names the
 * setting and the fix, and the message, its causes and its stack trace hold the secret in no encoding. {@code ApproovConfigTest} covers the same
 * rules at the configuration layer, one message at a time; this class is the table across entry points.
 */
class StartupSafetyTest {

    static final String SECRET_VARIABLE = "APPROOV_BASE64_SECRET";
    static final List<String> UNSAFE_JOSE4J_PROPERTIES =
            List.of("org.jose4j.jws.default-allow-none", "org.jose4j.jws.getPayload-skip-verify");
    /** A strong, valid secret, used where start-up must fail for another reason. */
    static final String GOOD_SECRET = Base64.getEncoder().encodeToString(
            "startup-safety-secret-startup-safety-secret".getBytes(StandardCharsets.US_ASCII));

    /** Each bad secret, its name, and a word its refusal must contain. */
    static Stream<Arguments> badSecrets() {
        byte[] real = Base64.getDecoder().decode(GOOD_SECRET);
        return Stream.of(
                Arguments.of("not base64 at all", "this is not base64!", "not valid base64"),
                Arguments.of("the base64url alphabet", Base64.getUrlEncoder().encodeToString(sixtyFourBytesWithDashes()),
                        "not valid base64"),
                Arguments.of("missing its padding", Base64.getEncoder().withoutPadding().encodeToString(real), "not valid base64"),
                Arguments.of("a space inside", GOOD_SECRET.substring(0, 20) + " " + GOOD_SECRET.substring(20), "not valid base64"),
                Arguments.of("with non-zero trailing bits", AttackMatrix.withTrailingBitsPadded(GOOD_SECRET), "not valid base64"),
                Arguments.of("a line break inside", GOOD_SECRET.substring(0, 20) + "\n" + GOOD_SECRET.substring(20), "not valid base64"),
                Arguments.of("only padding", "====", "not valid base64"),
                Arguments.of("1 byte", Base64.getEncoder().encodeToString(new byte[] {7}), "at least 32"),
                Arguments.of("16 bytes", Base64.getEncoder().encodeToString(printableSecret(16)), "at least 32"),
                Arguments.of("31 bytes", Base64.getEncoder().encodeToString(printableSecret(31)), "at least 32"));
    }

    @ParameterizedTest(name = "secret {0}: refused by ApproovFeature.fromEnvironment()")
    @MethodSource("badSecrets")
    void badSecretInASystemPropertyStopsStartUp(String name, String secret, String reason) {
        ApproovConfigurationException refusal = withSystemProperty(SECRET_VARIABLE, secret,
                () -> assertThrows(ApproovConfigurationException.class, ApproovFeature::fromEnvironment));
        assertClearAndSecretFree(refusal, reason, secret);
    }

    @ParameterizedTest(name = "secret {0}: refused by ApproovFeature.create(fromEnvironment(...))")
    @MethodSource("badSecrets")
    void badSecretInTheEnvironmentStopsStartUp(String name, String secret, String reason) {
        ApproovConfigurationException refusal = assertThrows(ApproovConfigurationException.class,
                () -> ApproovFeature.create(ApproovConfig.fromEnvironment(Map.of(SECRET_VARIABLE, secret)::get)));
        assertClearAndSecretFree(refusal, reason, secret);
    }

    @ParameterizedTest(name = "secret {0}: refused in a rotation list")
    @MethodSource("badSecrets")
    void badSecretInTheRotationListStopsStartUp(String name, String secret, String reason) {
        ApproovConfigurationException refusal = assertThrows(ApproovConfigurationException.class,
                () -> ApproovFeature.create(ApproovConfig.fromEnvironment(Map.of("APPROOV_BASE64_SECRETS",
                        "next:" + secret)::get)));
        assertTrue(refusal.getMessage().contains("APPROOV_BASE64_SECRETS"), refusal.getMessage());
        assertSecretFree(refusal, secret);
    }

    @Test
    void shortRawSecretStopsStartUpWithItsLengthOnly() {
        byte[] secret = printableSecret(20);
        ApproovConfigurationException refusal = assertThrows(ApproovConfigurationException.class,
                () -> ApproovFeature.create(ApproovConfig.builder().secret(secret).build()));
        assertTrue(refusal.getMessage().contains("20 bytes") && refusal.getMessage().contains("at least 32"),
                refusal.getMessage());
        assertSecretFree(refusal, Base64.getEncoder().encodeToString(secret));
    }

    @Test
    void missingSecretStopsStartUpSayingWhereToGetIt() {
        ApproovConfigurationException refusal = assertThrows(ApproovConfigurationException.class,
                () -> ApproovFeature.create(ApproovConfig.fromEnvironment(name -> null)));
        assertTrue(refusal.getMessage().contains(SECRET_VARIABLE + " is not set"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("approov secret -get base64"), refusal.getMessage());
    }

    @Test
    void blankSecretCountsAsMissing() {
        ApproovConfigurationException refusal = withSystemProperty(SECRET_VARIABLE, "  \t ",
                () -> assertThrows(ApproovConfigurationException.class, ApproovFeature::fromEnvironment));
        assertTrue(refusal.getMessage().contains(SECRET_VARIABLE + " is not set"), refusal.getMessage());
    }

    @ParameterizedTest(name = "{0}=true stops start-up")
    @ValueSource(strings = {"org.jose4j.jws.default-allow-none", "org.jose4j.jws.getPayload-skip-verify"})
    void unsafeJose4jPropertyStopsStartUpWithAValidSecret(String property) {
        for (String value : List.of("true", "TRUE", " True ")) {
            ApproovConfigurationException refusal = withSystemProperty(property, value,
                    () -> withSystemProperty(SECRET_VARIABLE, GOOD_SECRET,
                            () -> assertThrows(ApproovConfigurationException.class, ApproovFeature::fromEnvironment)));
            assertTrue(refusal.getMessage().contains(property), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("Remove -D" + property), refusal.getMessage());
            assertSecretFree(refusal, GOOD_SECRET);
        }
    }

    @Test
    void jose4jPropertiesSetToFalseAllowStartUp() {
        for (String property : UNSAFE_JOSE4J_PROPERTIES) {
            ApproovFeature feature = withSystemProperty(property, "false",
                    () -> withSystemProperty(SECRET_VARIABLE, GOOD_SECRET, ApproovFeature::fromEnvironment));
            assertTrue(feature.check().config().toString().contains("HS256"), property);
        }
    }

    /** One invalid value of each message-signing setting (approov-core tests every rule of each). */
    static Stream<Arguments> invalidMessageSigningSettings() {
        return Stream.of(
                Arguments.of("APPROOV_ABORT_REQUEST_ON_INVALID_MESSAGE_SIGNATURE", "no", "must be true or false"),
                Arguments.of("APPROOV_MESSAGE_SIGNING_REQUIRE_IPK", "1", "must be true or false"),
                Arguments.of("APPROOV_MESSAGE_SIGNING_REQUIRE_EXPIRES", "yes", "must be true or false"),
                Arguments.of("APPROOV_MESSAGE_SIGNING_REQUIRE_CONTENT_DIGEST", "on", "must be true or false"),
                Arguments.of("APPROOV_MESSAGE_SIGNING_TOLERANCE_SECONDS", "301", "must be between 0 and 300 seconds"),
                Arguments.of("APPROOV_MESSAGE_SIGNING_MAX_AGE_SECONDS", "5.5", "must be a whole number"),
                Arguments.of("APPROOV_MESSAGE_SIGNING_MAX_BODY_BYTES", "-1", "must be between 0 and 268435456"),
                Arguments.of("APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN", "https://api.example.com/v1",
                        "Set it to the scheme and host clients call"),
                Arguments.of("APPROOV_MESSAGE_SIGNING_REQUIRED_COMPONENTS", "@status", "list header names or @method"));
    }

    /**
     * The message-signing settings refuse at the entry points too: each invalid value of
     * {@link #invalidMessageSigningSettings()}, beside a valid secret, stops
     * {@link ApproovFeature#fromEnvironment()} (as a system property) and {@link ApproovFeature#create} over
     * the environment, with a message naming the variable and what it accepts, and never the secret.
     */
    @ParameterizedTest(name = "{0}={1} stops start-up")
    @MethodSource("invalidMessageSigningSettings")
    void anInvalidMessageSigningSettingStopsStartUpAtEveryEntryPoint(String name, String value, String accepts) {
        ApproovConfigurationException fromProperties = withSystemProperty(name, value,
                () -> withSystemProperty(SECRET_VARIABLE, GOOD_SECRET,
                        () -> assertThrows(ApproovConfigurationException.class, ApproovFeature::fromEnvironment)));
        ApproovConfigurationException fromEnvironment = assertThrows(ApproovConfigurationException.class,
                () -> ApproovFeature.create(ApproovConfig.fromEnvironment(Map.of(SECRET_VARIABLE, GOOD_SECRET, name, value)::get)));
        for (ApproovConfigurationException refusal : List.of(fromProperties, fromEnvironment)) {
            String message = refusal.getMessage();
            assertTrue(message.startsWith("Invalid Approov configuration: "), message);
            assertTrue(message.contains(name) && message.contains(accepts), "names " + name + " and says \"" + accepts + "\": "
                    + message);
            assertSecretFree(refusal, GOOD_SECRET);
        }
    }

    @Test
    void aStartedConfigurationNeverShowsItsSecret() {
        ApproovFeature feature = withSystemProperty(SECRET_VARIABLE, GOOD_SECRET, ApproovFeature::fromEnvironment);
        String text = feature.check().config().toString();
        for (String encoding : encodings(GOOD_SECRET)) {
            assertFalse(text.contains(encoding), text);
        }
        assertTrue(text.contains("43-byte secret"), text);
    }

    // ---- helpers ----

    static void assertClearAndSecretFree(ApproovConfigurationException refusal, String reason, String secret) {
        String message = refusal.getMessage();
        assertTrue(message.startsWith("Invalid Approov configuration: "), message);
        assertTrue(message.contains(SECRET_VARIABLE), "names the variable: " + message);
        assertTrue(message.contains(reason), "says what is wrong (" + reason + "): " + message);
        assertTrue(message.contains("approov secret -get base64"), "says how to fix it: " + message);
        assertSecretFree(refusal, secret);
    }

    /** Neither the message, nor any cause, nor the printed stack trace holds the secret in any encoding. */
    static void assertSecretFree(Throwable refusal, String secret) {
        StringWriter printed = new StringWriter();
        refusal.printStackTrace(new PrintWriter(printed));
        String everything = printed.toString();
        for (String encoding : encodings(secret)) {
            assertFalse(everything.contains(encoding), "the refusal shows the secret (" + encoding + "): " + everything);
        }
    }

    /** The secret as given, decoded and re-encoded every usual way, and 12-character prefixes of each. */
    static List<String> encodings(String secret) {
        List<String> encodings = new ArrayList<>();
        String given = secret.strip();
        if (given.length() >= 8) {
            encodings.add(given);
        }
        byte[] bytes = null;
        try {
            bytes = Base64.getMimeDecoder().decode(given);
        } catch (IllegalArgumentException notDecodable) {
            // only the text as given can leak
        }
        if (bytes != null && bytes.length >= 6) {
            encodings.add(Base64.getEncoder().encodeToString(bytes));
            encodings.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            encodings.add(HexFormat.of().formatHex(bytes));
            encodings.add(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        List<String> withPrefixes = new ArrayList<>(encodings);
        for (String encoding : encodings) {
            if (encoding.length() > 12) {
                withPrefixes.add(encoding.substring(0, 12));
            }
        }
        return withPrefixes;
    }

    static <T> T withSystemProperty(String name, String value, Supplier<T> action) {
        String previous = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return action.get();
        } finally {
            if (previous == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, previous);
            }
        }
    }

    /** Each bad base64url secret ({@code APPROOV_BASE64URL_SECRET}), its name, and a word its refusal must contain. */
    static Stream<Arguments> badBase64UrlSecrets() {
        byte[] real = Base64.getDecoder().decode(GOOD_SECRET);
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(real);
        return Stream.of(
                Arguments.of("the standard alphabet", Base64.getEncoder().encodeToString(sixtyFourBytesWithDashes()),
                        "not valid base64url"),
                Arguments.of("wrong padding", url + "=", "not valid base64url"),
                Arguments.of("a space inside", url.substring(0, 20) + " " + url.substring(20), "not valid base64url"),
                Arguments.of("non-zero trailing bits", AttackMatrix.withTrailingBitsPadded(GOOD_SECRET).replace('+', '-').replace('/', '_'),
                        "not valid base64url"),
                Arguments.of("31 bytes", Base64.getUrlEncoder().withoutPadding().encodeToString(printableSecret(31)),
                        "at least 32"));
    }

    @ParameterizedTest(name = "base64url secret {0}: refused by ApproovFeature.create(fromEnvironment(...))")
    @MethodSource("badBase64UrlSecrets")
    void badBase64UrlSecretStopsStartUp(String name, String secret, String reason) {
        ApproovConfigurationException refusal = assertThrows(ApproovConfigurationException.class,
                () -> ApproovFeature.create(ApproovConfig.fromEnvironment(Map.of("APPROOV_BASE64URL_SECRET", secret)::get)));
        assertTrue(refusal.getMessage().contains("APPROOV_BASE64URL_SECRET") && refusal.getMessage().contains(reason),
                refusal.getMessage());
        assertSecretFree(refusal, secret);
    }

    @Test
    void twoDifferentAccountSecretsStopStartUpShowingNeither() {
        String other = Base64.getUrlEncoder().withoutPadding().encodeToString(printableSecret(40));
        ApproovConfigurationException refusal = assertThrows(ApproovConfigurationException.class,
                () -> ApproovFeature.create(ApproovConfig.fromEnvironment(Map.of(SECRET_VARIABLE, GOOD_SECRET,
                        "APPROOV_BASE64URL_SECRET", other)::get)));
        assertTrue(refusal.getMessage().contains("are both set and hold different secrets"), refusal.getMessage());
        assertSecretFree(refusal, GOOD_SECRET);
        assertSecretFree(refusal, other);
    }

    @ParameterizedTest(name = "binding headers \"{0}\": refused")
    @ValueSource(strings = {"Authorization,authorization", "Authorization,", "Authorization,Approov-Token"})
    void aBindingHeaderListedTwiceEmptyOrTheTokenHeaderStopsStartUp(String names) {
        ApproovConfigurationException refusal = assertThrows(ApproovConfigurationException.class,
                () -> ApproovFeature.create(ApproovConfig.fromEnvironment(Map.of(SECRET_VARIABLE, GOOD_SECRET,
                        "APPROOV_TOKEN_BINDING_HEADER_NAME", names)::get)));
        assertTrue(refusal.getMessage().contains("APPROOV_TOKEN_BINDING_HEADER_NAME (bindingHeaderNames)"),
                refusal.getMessage());
    }

    /** 64 bytes whose base64 has {@code -} and {@code _} in the URL alphabet, so it is not standard base64. */
    static byte[] sixtyFourBytesWithDashes() {
        byte[] bytes = new byte[64];
        java.util.Arrays.fill(bytes, (byte) 0xFB);
        return bytes;
    }

    /** A secret of {@code length} recognisable, printable bytes. */
    static byte[] printableSecret(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }
}
