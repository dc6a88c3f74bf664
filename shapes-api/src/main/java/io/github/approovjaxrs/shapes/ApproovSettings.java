package io.github.approovjaxrs.shapes;

import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovConfigurationException;
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
 */
final class ApproovSettings {

    static final String SECRET_VARIABLE = "APPROOV_BASE64_SECRET";
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

    private ApproovSettings(ApproovConfig config, byte[] secret, SecretSource source) {
        this.config = config;
        this.secret = secret;
        this.source = source;
    }

    /**
     * Reads the library's {@code APPROOV_*} variables from {@code environment}.
     *
     * @throws ApproovConfigurationException from the library, naming the variable to fix
     */
    static ApproovSettings read(Function<String, String> environment) {
        // "Set nowhere" exactly as the library reads it: null or blank.
        if (KEY_VARIABLES.stream().map(environment).allMatch(value -> value == null || value.isBlank())) {
            ApproovConfig config = ApproovConfig.builder()
                    .readEnvironment(environment)
                    .base64Secret(DUMMY_SECRET_BASE64)
                    .build();
            return new ApproovSettings(config, DUMMY_SECRET.clone(), SecretSource.DUMMY_FALLBACK);
        }
        ApproovConfig config = ApproovConfig.fromEnvironment(environment); // validates every key first
        // Valid and, when both are set, the same secret: the library refuses anything else.
        String configured = environment.apply(SECRET_VARIABLE);
        String configuredUrl = environment.apply(URL_SECRET_VARIABLE);
        byte[] secret = configured != null && !configured.isBlank() ? Base64.getDecoder().decode(configured.strip())
                : configuredUrl != null && !configuredUrl.isBlank() ? Base64.getUrlDecoder().decode(configuredUrl.strip())
                : null;
        if (secret == null) {
            return new ApproovSettings(config, null, SecretSource.CONFIGURED);
        }
        return new ApproovSettings(config, secret,
                Arrays.equals(secret, DUMMY_SECRET) ? SecretSource.DUMMY_CONFIGURED : SecretSource.CONFIGURED);
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

    /** True when anyone can mint tokens this server accepts, so printing example tokens gives nothing away. */
    boolean usesPublicDummySecret() {
        return source != SecretSource.CONFIGURED;
    }

    @Override
    public String toString() {
        return "ApproovSettings[" + source + ", " + config + "]";
    }
}
