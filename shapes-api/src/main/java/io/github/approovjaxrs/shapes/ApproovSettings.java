package io.github.approovjaxrs.shapes;

import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovConfigurationException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Approov configuration the demo runs with, and the secret its examples are signed with.
 *
 * <p>Unlike the library, which never starts without a key, the demo falls back to Approov's public
 * dummy secret when no key variable ({@code APPROOV_BASE64URL_SECRET}, {@code APPROOV_BASE64_SECRET},
 * {@code APPROOV_BASE64_SECRETS}, {@code APPROOV_JWKS_FILE}, {@code APPROOV_PUBLIC_KEY_PEM}) is set anywhere,
 * and only then: a configured key that is invalid stops start-up with the library's message, so a typo never
 * silently turns into the demo secret.
 *
 * <p>Account message signing: in the dummy-secret demo, when no account message-signing key is configured,
 * the demo generates one for the run (printed by the banner, so that the token tool can sign with it), so that
 * {@code /v5/shapes} shows account signatures at work. With a configured account key it uses that one.
 */
final class ApproovSettings {

    static final String SECRET_VARIABLE = "APPROOV_BASE64_SECRET";
    /** Every variable that configures a key: setting any of them turns the demo fallback off. */
    /** The account secret as `approov secret -get base64url` prints it, which Approov's current quickstarts read. */
    static final String URL_SECRET_VARIABLE = "APPROOV_BASE64URL_SECRET";
    /** Both variables of the account secret, the one the quickstarts read first, for messages. */
    static final String SECRET_VARIABLES = URL_SECRET_VARIABLE + " (or " + SECRET_VARIABLE + ")";
    /** Every variable that configures a key: setting any of them turns the demo fallback off. */
    static final List<String> KEY_VARIABLES = List.of(URL_SECRET_VARIABLE, SECRET_VARIABLE, "APPROOV_BASE64_SECRETS",
            "APPROOV_JWKS_FILE", "APPROOV_PUBLIC_KEY_PEM");
    /** Approov's public dummy secret, from the quickstarts' TESTING.md: anyone can sign tokens with it. */
    static final String DUMMY_SECRET_BASE64 =
            "h+CX0tOzdAAR9l15bWAqvq7w9olk66daIH+Xk+IAHhVVHszjDzeGobzNnqyRze3lw/WVyWrc2gZfh3XXfBOmww==";
    private static final byte[] DUMMY_SECRET = Base64.getDecoder().decode(DUMMY_SECRET_BASE64);
    static final String ACCOUNT_SECRET_BASE64URL_VARIABLE = "APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL";
    static final String ACCOUNT_SECRET_BASE64_VARIABLE = "APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64";
    static final String ACCOUNT_KEY_ID_VARIABLE = "APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID";
    /** Every variable that configures an account message-signing key: any of them turns the generated one off. */
    static final List<String> ACCOUNT_KEY_VARIABLES = List.of(ACCOUNT_SECRET_BASE64URL_VARIABLE,
            ACCOUNT_SECRET_BASE64_VARIABLE, "APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRETS");
    /** The {@code mskid} of example tokens when no key id is configured (the generated key has none: any serves). */
    static final String DEMO_ACCOUNT_KEY_ID = "demo";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the secret in use came from. */
    enum SecretSource {
        /** Keys are configured: an account secret, or other keys (then there may be no secret to sign with). */
        CONFIGURED,
        /** No key variable is set anywhere: the demo uses the public dummy secret. */
        DUMMY_FALLBACK,
        /** The account secret is set, to the public dummy secret (as the quickstarts' examples do). */
        DUMMY_CONFIGURED
    }

    private final ApproovConfig config;
    private final byte[] secret;
    private final SecretSource source;
    private final byte[] accountKey;
    private final boolean accountKeyGenerated;
    private final String accountKeyId;

    private ApproovSettings(ApproovConfig config, byte[] secret, SecretSource source, AccountKey accountKey) {
        this.config = config;
        this.secret = secret;
        this.source = source;
        this.accountKey = accountKey == null ? null : accountKey.secret();
        this.accountKeyGenerated = accountKey != null && accountKey.generated();
        this.accountKeyId = accountKey == null ? null : accountKey.keyId();
    }

    /** The account key the examples sign with: configured (the one secret, with its id) or generated now. */
    private record AccountKey(byte[] secret, boolean generated, String keyId) {
    }

    /**
     * Reads the library's {@code APPROOV_*} variables from {@code environment}.
     *
     * @throws ApproovConfigurationException from the library, naming the variable to fix
     */
    static ApproovSettings read(Function<String, String> environment) {
        // "Set nowhere" exactly as the library reads it: null or blank.
        boolean noAccountKey = ACCOUNT_KEY_VARIABLES.stream().map(environment).allMatch(ApproovSettings::unset);
        if (KEY_VARIABLES.stream().map(environment).allMatch(ApproovSettings::unset)) {
            ApproovConfig.Builder builder = ApproovConfig.builder()
                    .readEnvironment(environment)
                    .base64Secret(DUMMY_SECRET_BASE64);
            AccountKey generated = noAccountKey ? generateAccountKey(builder) : null;
            ApproovConfig config = builder.build(); // validates the account key, if configured, before it is read
            return new ApproovSettings(config, DUMMY_SECRET.clone(), SecretSource.DUMMY_FALLBACK,
                    generated != null ? generated : configuredAccountKey(environment));
        }
        String configured = environment.apply(SECRET_VARIABLE);
        String configuredUrl = environment.apply(URL_SECRET_VARIABLE);
        byte[] secret = !unset(configured) ? decodeIfValid(configured, Base64.getDecoder())
                : !unset(configuredUrl) ? decodeIfValid(configuredUrl, Base64.getUrlDecoder()) : null;
        if (secret != null && Arrays.equals(secret, DUMMY_SECRET)) {
            ApproovConfig.Builder builder = ApproovConfig.builder().readEnvironment(environment);
            AccountKey generated = noAccountKey ? generateAccountKey(builder) : null;
            ApproovConfig config = builder.build();
            return new ApproovSettings(config, secret, SecretSource.DUMMY_CONFIGURED,
                    generated != null ? generated : configuredAccountKey(environment));
        }
        // Validates every key first, and that both secret variables, when both are set, hold the same secret.
        ApproovConfig config = ApproovConfig.fromEnvironment(environment);
        return new ApproovSettings(config, secret, SecretSource.CONFIGURED, configuredAccountKey(environment));
    }

    private static boolean unset(String value) {
        return value == null || value.isBlank();
    }

    /** The bytes of a secret, or null when {@code decoder} refuses it (the library then says what is wrong). */
    private static byte[] decodeIfValid(String encoded, Base64.Decoder decoder) {
        try {
            return decoder.decode(encoded.strip());
        } catch (IllegalArgumentException invalid) {
            return null;
        }
    }

    /** A fresh 32-byte account key for this run, without key id, added to {@code builder}. */
    private static AccountKey generateAccountKey(ApproovConfig.Builder builder) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        builder.accountMessageSigningSecretBase64Url(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
        return new AccountKey(key, true, null);
    }

    /** The configured account secret (either encoding) with its key id, read after the library validated it. */
    private static AccountKey configuredAccountKey(Function<String, String> environment) {
        String url = environment.apply(ACCOUNT_SECRET_BASE64URL_VARIABLE);
        String standard = environment.apply(ACCOUNT_SECRET_BASE64_VARIABLE);
        String keyId = environment.apply(ACCOUNT_KEY_ID_VARIABLE);
        byte[] key = !unset(url) ? Base64.getUrlDecoder().decode(url.strip())
                : !unset(standard) ? Base64.getDecoder().decode(standard.strip()) : null;
        return key == null ? null : new AccountKey(key, false, unset(keyId) ? null : keyId.strip());
    }

    ApproovConfig config() {
        return config;
    }

    /**
     * The account secret ({@code APPROOV_BASE64URL_SECRET} or {@code APPROOV_BASE64_SECRET}) to sign example
     * tokens with, if there is one; never print a token signed with it unless it is the dummy. Empty when only
     * other keys are configured.
     */
    Optional<byte[]> secret() {
        return Optional.ofNullable(secret).map(byte[]::clone);
    }

    SecretSource source() {
        return source;
    }

    /**
     * The account message-signing key the examples sign with: generated for this run in the dummy-secret demo
     * when none is configured, else the configured one (its one secret variable); empty when there is none.
     */
    Optional<byte[]> accountKey() {
        return Optional.ofNullable(accountKey).map(byte[]::clone);
    }

    /** True when {@link #accountKey()} was generated for this run, so printing it gives nothing away. */
    boolean accountKeyGenerated() {
        return accountKeyGenerated;
    }

    /** The {@code mskid} example tokens carry: the configured key id, else {@link #DEMO_ACCOUNT_KEY_ID}. */
    String accountKeyId() {
        return accountKeyId != null ? accountKeyId : DEMO_ACCOUNT_KEY_ID;
    }

    /** True when anyone can mint tokens this server accepts, so printing example tokens gives nothing away. */
    boolean usesPublicDummySecret() {
        return source != SecretSource.CONFIGURED;
    }

    @Override
    public String toString() {
        return "ApproovSettings[" + source + ", " + config + "]";
    }
}
