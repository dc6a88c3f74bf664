package io.github.approovjaxrs.core;

import static io.github.approovjaxrs.core.ConfigVariables.ABORT_ON_INVALID_BINDING;
import static io.github.approovjaxrs.core.ConfigVariables.ABORT_ON_INVALID_MESSAGE_SIGNATURE;
import static io.github.approovjaxrs.core.ConfigVariables.ABORT_ON_INVALID_TOKEN;
import static io.github.approovjaxrs.core.ConfigVariables.ACCOUNT_KEY_ID;
import static io.github.approovjaxrs.core.ConfigVariables.ACCOUNT_SECRETS;
import static io.github.approovjaxrs.core.ConfigVariables.ACCOUNT_SECRET_BASE64;
import static io.github.approovjaxrs.core.ConfigVariables.ACCOUNT_SECRET_BASE64URL;
import static io.github.approovjaxrs.core.ConfigVariables.BASE64URL_SECRET;
import static io.github.approovjaxrs.core.ConfigVariables.BASE64_SECRET;
import static io.github.approovjaxrs.core.ConfigVariables.BINDING_HEADER_NAME;
import static io.github.approovjaxrs.core.ConfigVariables.CLOCK_SKEW_SECONDS;
import static io.github.approovjaxrs.core.ConfigVariables.JWKS_FILE;
import static io.github.approovjaxrs.core.ConfigVariables.LOGGING_ENABLED;
import static io.github.approovjaxrs.core.ConfigVariables.MAX_AGE_SECONDS;
import static io.github.approovjaxrs.core.ConfigVariables.MAX_BODY_BYTES;
import static io.github.approovjaxrs.core.ConfigVariables.PUBLIC_KEY_PEM;
import static io.github.approovjaxrs.core.ConfigVariables.PUBLIC_ORIGIN;
import static io.github.approovjaxrs.core.ConfigVariables.REQUIRED_COMPONENTS;
import static io.github.approovjaxrs.core.ConfigVariables.REQUIRE_ACCOUNT_SIGNATURE;
import static io.github.approovjaxrs.core.ConfigVariables.REQUIRE_CONTENT_DIGEST;
import static io.github.approovjaxrs.core.ConfigVariables.REQUIRE_EXPIRES;
import static io.github.approovjaxrs.core.ConfigVariables.REQUIRE_IPK;
import static io.github.approovjaxrs.core.ConfigVariables.REPLAY_STORE_MAX_ENTRIES;
import static io.github.approovjaxrs.core.ConfigVariables.REPLAY_STORE_TIMEOUT_MILLIS;
import static io.github.approovjaxrs.core.ConfigVariables.REPLAY_STORE_URL;
import static io.github.approovjaxrs.core.ConfigVariables.TOKEN_CACHE_SIZE;
import static io.github.approovjaxrs.core.ConfigVariables.TOLERANCE_SECONDS;

import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the Approov check needs to know: the keys, where the token and the binding are, and the policy.
 * Immutable, validated once by {@link Builder#build()}, framework-free.
 *
 * <p>Build it in code with {@link #builder()}, or read the variables of Approov's quickstarts with
 * {@link #fromEnvironment()}:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>variable</th><th>default</th><th>builder method</th></tr>
 *   <tr><td>{@code APPROOV_BASE64_SECRET}</td><td>none: a key is required</td><td>{@link Builder#base64Secret}</td></tr>
 *   <tr><td>{@code APPROOV_BASE64URL_SECRET}</td><td>none: the same secret in base64url</td>
 *       <td>{@link Builder#base64UrlSecret}</td></tr>
 *   <tr><td>{@code APPROOV_BASE64_SECRETS}</td><td>unset</td><td>{@link Builder#addBase64Secret}</td></tr>
 *   <tr><td>{@code APPROOV_JWKS_FILE}</td><td>unset</td><td>{@link Builder#jwksFile}</td></tr>
 *   <tr><td>{@code APPROOV_PUBLIC_KEY_PEM} (+ {@code _ALGORITHM}, {@code _ID})</td><td>unset</td>
 *       <td>{@link Builder#addPublicKeyPem}</td></tr>
 *   <tr><td>{@code APPROOV_TOKEN_HEADER_NAME}</td><td>{@code Approov-Token}</td><td>{@link Builder#tokenHeaderName}</td></tr>
 *   <tr><td>{@code APPROOV_TOKEN_BINDING_HEADER_NAME}</td><td>{@code Authorization}</td>
 *       <td>{@link Builder#bindingHeaderNames}</td></tr>
 *   <tr><td>{@code APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN}</td><td>{@code true}</td>
 *       <td>{@link Builder#abortOnInvalidToken}</td></tr>
 *   <tr><td>{@code APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN_BINDING}</td><td>{@code true}</td>
 *       <td>{@link Builder#abortOnInvalidBinding}</td></tr>
 *   <tr><td>{@code APPROOV_LOGGING_ENABLED}</td><td>{@code true}</td><td>{@link Builder#loggingEnabled}</td></tr>
 *   <tr><td>{@code APPROOV_EXPECTED_AUDIENCE}</td><td>unset</td><td>{@link Builder#expectedAudience}</td></tr>
 *   <tr><td>{@code APPROOV_CLOCK_SKEW_SECONDS}</td><td>{@code 0}</td><td>{@link Builder#clockSkew}</td></tr>
 *   <tr><td>{@code APPROOV_TOKEN_CACHE_SIZE}</td><td>{@code 2048}</td><td>{@link Builder#tokenCacheSize}</td></tr>
 *   <tr><td>{@code APPROOV_STATUS_HEADER_NAME}</td><td>{@code Approov-Status}</td>
 *       <td>{@link Builder#statusHeaderName}</td></tr>
 *   <tr><td>{@code APPROOV_TRACE_ID_HEADER_NAME}</td><td>{@code Approov-TraceID}</td>
 *       <td>{@link Builder#traceIdHeaderName}</td></tr>
 * </table>
 *
 * <p>Message signing (endpoints that require it, such as {@code @ApproovSigned} ones; rules M1–M14):
 *
 * <table>
 *   <caption>Message-signing settings</caption>
 *   <tr><th>variable</th><th>default</th><th>builder method</th></tr>
 *   <tr><td>{@code APPROOV_ABORT_REQUEST_ON_INVALID_MESSAGE_SIGNATURE}</td><td>{@code true}</td>
 *       <td>{@link Builder#abortOnInvalidMessageSignature}</td></tr>
 *   <tr><td>{@code APPROOV_MESSAGE_SIGNING_REQUIRE_IPK}</td><td>{@code false}</td>
 *       <td>{@link Builder#requireInstallationKey}</td></tr>
 *   <tr><td>{@code APPROOV_MESSAGE_SIGNING_REQUIRE_EXPIRES}</td><td>{@code true}</td>
 *       <td>{@link Builder#requireSignatureExpiry}</td></tr>
 *   <tr><td>{@code APPROOV_MESSAGE_SIGNING_TOLERANCE_SECONDS}</td><td>{@code 60}</td>
 *       <td>{@link Builder#signatureTolerance}</td></tr>
 *   <tr><td>{@code APPROOV_MESSAGE_SIGNING_MAX_AGE_SECONDS}</td><td>{@code 300} (0: no limit)</td>
 *       <td>{@link Builder#signatureMaxAge}</td></tr>
 *   <tr><td>{@code APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN}</td><td>unset: the request URI's</td>
 *       <td>{@link Builder#publicOrigin}</td></tr>
 *   <tr><td>{@code APPROOV_MESSAGE_SIGNING_MAX_BODY_BYTES}</td><td>{@code 1048576}</td>
 *       <td>{@link Builder#maxBodyBytes}</td></tr>
 *   <tr><td>{@code APPROOV_MESSAGE_SIGNING_REQUIRE_CONTENT_DIGEST}</td><td>{@code false}</td>
 *       <td>{@link Builder#requireContentDigest}</td></tr>
 *   <tr><td>{@code APPROOV_MESSAGE_SIGNING_REQUIRED_COMPONENTS}</td><td>unset</td>
 *       <td>{@link Builder#requiredSignedComponents}</td></tr>
 *   <tr><td>{@code APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL}</td><td>unset</td>
 *       <td>{@link Builder#accountMessageSigningSecretBase64Url}</td></tr>
 *   <tr><td>{@code APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64}</td><td>unset</td>
 *       <td>{@link Builder#accountMessageSigningSecretBase64}</td></tr>
 *   <tr><td>{@code APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID}</td><td>unset</td>
 *       <td>{@link Builder#accountMessageSigningKeyId}</td></tr>
 *   <tr><td>{@code APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRETS}</td><td>unset</td>
 *       <td>{@link Builder#addAccountMessageSigningSecret}</td></tr>
 *   <tr><td>{@code APPROOV_MESSAGE_SIGNING_REQUIRE_ACCOUNT_SIGNATURE}</td><td>{@code false}</td>
 *       <td>{@link Builder#requireAccountSignature}</td></tr>
 * </table>
 *
 * <p>Single-use signed requests (endpoints that require them, such as {@code @ApproovSigned(singleUse = true)}
 * ones; rules R1–R4):
 *
 * <table>
 *   <caption>Replay-store settings</caption>
 *   <tr><th>variable</th><th>default</th><th>builder method</th></tr>
 *   <tr><td>{@code APPROOV_REPLAY_STORE_URL}</td><td>unset: in memory</td><td>{@link Builder#replayStoreUrl}</td></tr>
 *   <tr><td>{@code APPROOV_REPLAY_STORE_MAX_ENTRIES}</td><td>{@code 100000}</td>
 *       <td>{@link Builder#replayStoreMaxEntries}</td></tr>
 *   <tr><td>{@code APPROOV_REPLAY_STORE_TIMEOUT_MILLIS}</td><td>{@code 50}</td>
 *       <td>{@link Builder#replayStoreTimeout}</td></tr>
 * </table>
 *
 * <p>Account signatures (label {@code account}, {@code hmac-sha256}): with an account message-signing key
 * configured, a signed endpoint requires the installation signature when the token has {@code ipk}, the
 * account signature when it has none but names an account key ({@code mskid}), and both on every request
 * with {@link Builder#requireAccountSignature}; a token with neither (Approov's fail-over tokens) passes as
 * token-only unless that or {@link Builder#requireInstallationKey} says otherwise. Several account keys
 * (rotation) are told apart by their key ids, which the token's {@code mskid} names.
 *
 * <p>Keys: the account secret is the zero-configuration default, in base64 ({@code APPROOV_BASE64_SECRET},
 * {@code approov secret -get base64}) or in base64url ({@code APPROOV_BASE64URL_SECRET},
 * {@code approov secret -get base64url}, as Approov's current quickstarts read it); both may be set only to
 * the same secret. The binding may cover several headers ({@code APPROOV_TOKEN_BINDING_HEADER_NAME} a
 * comma-separated list: their values are concatenated in order before hashing). For secret
 * rotation, {@code APPROOV_BASE64_SECRETS} adds more HS256 secrets as a comma-separated list of
 * {@code [kid:]base64} entries; for asymmetric tokens, {@code APPROOV_JWKS_FILE} names a local JWKS file
 * (oct, RSA and EC keys) and {@code APPROOV_PUBLIC_KEY_PEM} holds a PEM public key or certificate, or the
 * path of a file holding one ({@code APPROOV_PUBLIC_KEY_ALGORITHM}: RS256, PS256 or ES256, default by key
 * type; {@code APPROOV_PUBLIC_KEY_ID}: its {@code kid}). Every key is bound to one algorithm; see
 * {@link KeySet} for how a token's {@code alg} and {@code kid} choose among them. Nothing is ever fetched.
 *
 * <p>{@link #toString()} never shows key material, only each key's algorithm, id and size.
 */
public final class ApproovConfig {

    static final int DEFAULT_TOKEN_CACHE_SIZE = 2048;
    static final Duration DEFAULT_SIGNATURE_TOLERANCE = Duration.ofSeconds(60);
    static final Duration DEFAULT_SIGNATURE_MAX_AGE = Duration.ofSeconds(300);
    static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    static final int DEFAULT_REPLAY_STORE_MAX_ENTRIES = 100_000;
    static final Duration DEFAULT_REPLAY_STORE_TIMEOUT = Duration.ofMillis(50);

    private final List<VerificationKey> keys;
    private final String tokenHeaderName;
    private final List<String> bindingHeaderNames;
    private final boolean abortOnInvalidToken;
    private final boolean abortOnInvalidBinding;
    private final boolean loggingEnabled;
    private final String expectedAudience;
    private final Duration clockSkew;
    private final int tokenCacheSize;
    private final String statusHeaderName;
    private final String traceIdHeaderName;
    private final Clock clock;
    private final boolean abortOnInvalidMessageSignature;
    private final boolean requireInstallationKey;
    private final boolean requireSignatureExpiry;
    private final Duration signatureTolerance;
    private final Duration signatureMaxAge;
    private final String publicOrigin;
    private final int maxBodyBytes;
    private final boolean requireContentDigest;
    private final List<String> requiredSignedComponents;
    private final List<AccountKey> accountKeys;
    private final boolean requireAccountSignature;
    private final String replayStoreUrl;
    private final int replayStoreMaxEntries;
    private final Duration replayStoreTimeout;

    private ApproovConfig(Builder builder, List<AccountKey> accountKeys) {
        this.keys = builder.keys();
        this.tokenHeaderName = builder.tokenHeaderName;
        this.bindingHeaderNames = List.copyOf(builder.bindingHeaderNames);
        this.abortOnInvalidToken = builder.abortOnInvalidToken;
        this.abortOnInvalidBinding = builder.abortOnInvalidBinding;
        this.loggingEnabled = builder.loggingEnabled;
        this.expectedAudience = builder.expectedAudience;
        this.clockSkew = builder.clockSkew;
        this.tokenCacheSize = builder.tokenCacheSize;
        this.statusHeaderName = builder.statusHeaderName;
        this.traceIdHeaderName = builder.traceIdHeaderName;
        this.clock = builder.clock;
        this.abortOnInvalidMessageSignature = builder.abortOnInvalidMessageSignature;
        this.requireInstallationKey = builder.requireInstallationKey;
        this.requireSignatureExpiry = builder.requireSignatureExpiry;
        this.signatureTolerance = builder.signatureTolerance;
        this.signatureMaxAge = builder.signatureMaxAge;
        this.publicOrigin = builder.publicOrigin == null ? null : normalizedOrigin(URI.create(builder.publicOrigin.strip()));
        this.maxBodyBytes = builder.maxBodyBytes;
        this.requireContentDigest = builder.requireContentDigest;
        this.requiredSignedComponents = builder.requiredSignedComponents.stream()
                .map(component -> component.toLowerCase(Locale.ROOT)).toList();
        this.accountKeys = List.copyOf(accountKeys);
        this.requireAccountSignature = builder.requireAccountSignature;
        this.replayStoreUrl = builder.replayStoreUrl == null ? null : builder.replayStoreUrl.strip();
        this.replayStoreMaxEntries = builder.replayStoreMaxEntries;
        this.replayStoreTimeout = builder.replayStoreTimeout;
    }

    /** {@code scheme://authority} of a validated origin, normalized as the signature base needs it. */
    private static String normalizedOrigin(URI origin) {
        String scheme = SignatureBase.normalizeScheme(origin.getScheme());
        return scheme + "://" + SignatureBase.normalizeAuthority(scheme, origin.getRawAuthority());
    }

    /** A builder with every default of the table above and no key. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the configuration the way Approov's quickstarts do: each variable from a JVM system property of
     * the same name, else the process environment, else a {@code .env} file in the working directory.
     *
     * @throws ApproovConfigurationException naming the variable to fix, when one is missing or invalid
     */
    public static ApproovConfig fromEnvironment() {
        return builder().readEnvironment().build();
    }

    /**
     * Reads the configuration from {@code variables} alone (name to value, null when unset): the seam for
     * tests, and for applications that keep settings elsewhere.
     *
     * @throws ApproovConfigurationException naming the variable to fix, when one is missing or invalid
     */
    public static ApproovConfig fromEnvironment(Function<String, String> variables) {
        return builder().readEnvironment(variables).build();
    }

    /**
     * The lookup {@link #fromEnvironment()} uses: a JVM system property of the name, else the process
     * environment, else the {@code .env} file in the working directory (read once, now). For an
     * application's own settings, such as its port, so that they come from the same places as Approov's.
     * Returns null for a name set nowhere.
     *
     * @throws ApproovConfigurationException if the {@code .env} file exists but is unreadable or malformed
     */
    public static Function<String, String> environment() {
        return environment(Path.of(".env"));
    }

    static Function<String, String> environment(Path dotEnvFile) {
        Map<String, String> dotEnv = DotEnvFile.read(dotEnvFile);
        return name -> {
            String value = System.getProperty(name);
            if (value == null) {
                value = System.getenv(name);
            }
            return value != null ? value : dotEnv.get(name);
        };
    }

    /** The verification keys, each bound to one algorithm; never empty. */
    List<VerificationKey> keys() {
        return keys;
    }

    /** The name of the header that carries the token ({@code Approov-Token} by default). */
    public String tokenHeaderName() {
        return tokenHeaderName;
    }

    /**
     * The headers whose values {@code pay} binds, in order ({@code [Authorization]} by default): an endpoint
     * that requires the binding without naming its own headers reads these, concatenates their values with no
     * separator, and compares base64(SHA-256) of that with {@code pay}.
     */
    public List<String> bindingHeaderNames() {
        return bindingHeaderNames;
    }

    /** False in monitor mode: a request with an invalid token is logged and let through. */
    public boolean abortOnInvalidToken() {
        return abortOnInvalidToken;
    }

    /** False in monitor mode for the binding: a binding mismatch is logged and let through. */
    public boolean abortOnInvalidBinding() {
        return abortOnInvalidBinding;
    }

    /** Whether each decision is logged (through {@link System.Logger}, logger {@code io.github.approovjaxrs}). */
    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    /** The audience a token's {@code aud} must contain, if one is configured. */
    public Optional<String> expectedAudience() {
        return Optional.ofNullable(expectedAudience);
    }

    /** The leeway allowed on {@code exp} and {@code nbf} (0 to 300 seconds; default 0). */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** How many verified tokens are remembered so a reused token is not parsed again (0: no cache). */
    public int tokenCacheSize() {
        return tokenCacheSize;
    }

    /**
     * The header in which Approov's SDK reports how fetching the token went ({@code Approov-Status} by
     * default): its value, when it is a known one, goes into rejection log lines and listener events.
     */
    public String statusHeaderName() {
        return statusHeaderName;
    }

    /**
     * The header in which Approov's SDK sends its trace id ({@code Approov-TraceID} by default): its value,
     * when short and safe, goes into rejection log lines and listener events.
     */
    public String traceIdHeaderName() {
        return traceIdHeaderName;
    }

    /** The clock tokens are judged by; the system UTC clock unless a test set another. */
    public Clock clock() {
        return clock;
    }

    /** False in monitor mode for message signatures: a request whose signature fails is logged and let through. */
    public boolean abortOnInvalidMessageSignature() {
        return abortOnInvalidMessageSignature;
    }

    /** Whether a token without {@code ipk} fails on signed endpoints (default false: it passes as token-only). */
    public boolean requireInstallationKey() {
        return requireInstallationKey;
    }

    /** Whether a message signature must carry {@code expires} (default true, as Approov's SDK sends it). */
    public boolean requireSignatureExpiry() {
        return requireSignatureExpiry;
    }

    /** The leeway on a signature's {@code created} and {@code expires} (default 60 seconds). */
    public Duration signatureTolerance() {
        return signatureTolerance;
    }

    /** How long after {@code created} a signature is accepted, plus the tolerance; zero: no limit (default 300 s). */
    public Duration signatureMaxAge() {
        return signatureMaxAge;
    }

    /**
     * The scheme and authority clients address, e.g. {@code https://api.example.com}, for a server behind a
     * TLS proxy; empty: the request URI the server saw. Normalized: lower case, no default port.
     */
    public Optional<String> publicOrigin() {
        return Optional.ofNullable(publicOrigin);
    }

    /** The largest body read to check a {@code Content-Digest} (default 1 MiB). */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Whether a non-empty body needs a {@code Content-Digest} covered by the signature (default false). */
    public boolean requireContentDigest() {
        return requireContentDigest;
    }

    /**
     * Components every message signature must cover beyond {@code @method}, the token header and the target
     * (rule M7), lower-cased; empty by default.
     */
    public List<String> requiredSignedComponents() {
        return requiredSignedComponents;
    }

    /** The account message-signing keys (label {@code account}), each with its key id; empty when none. */
    List<AccountKey> accountKeys() {
        return accountKeys;
    }

    /**
     * Whether every request to a signed endpoint needs a valid account signature, besides the installation
     * signature when its token has {@code ipk} (default false: only a token without {@code ipk} that names an
     * account key needs one).
     */
    public boolean requireAccountSignature() {
        return requireAccountSignature;
    }

    /**
     * The URL of the shared store of single-use requests; empty: they are remembered in memory. It may hold a
     * password: never log it ({@link #toString()} and {@link ApproovCheck#describe()} show it without one).
     */
    Optional<String> replayStoreUrl() {
        return Optional.ofNullable(replayStoreUrl);
    }

    /** How many single-use requests the in-memory store remembers at most (default 100,000). */
    int replayStoreMaxEntries() {
        return replayStoreMaxEntries;
    }

    /** How long a request waits for a shared replay store's answer before it is refused with 503 (default 50 ms). */
    Duration replayStoreTimeout() {
        return replayStoreTimeout;
    }

    /** The settings, with each key reduced to its algorithm, id and size, and no password. */
    @Override
    public String toString() {
        return "ApproovConfig[keys=" + keys.stream().map(VerificationKey::describe).toList()
                + ", tokenHeaderName=" + tokenHeaderName
                + ", bindingHeaderNames=" + bindingHeaderNames
                + ", abortOnInvalidToken=" + abortOnInvalidToken
                + ", abortOnInvalidBinding=" + abortOnInvalidBinding
                + ", loggingEnabled=" + loggingEnabled
                + ", expectedAudience=" + (expectedAudience == null ? "<none>" : expectedAudience)
                + ", clockSkew=" + clockSkew.toSeconds() + "s"
                + ", tokenCacheSize=" + tokenCacheSize
                + ", statusHeaderName=" + statusHeaderName
                + ", traceIdHeaderName=" + traceIdHeaderName
                + ", abortOnInvalidMessageSignature=" + abortOnInvalidMessageSignature
                + ", requireInstallationKey=" + requireInstallationKey
                + ", requireSignatureExpiry=" + requireSignatureExpiry
                + ", signatureTolerance=" + signatureTolerance.toSeconds() + "s"
                + ", signatureMaxAge=" + signatureMaxAge.toSeconds() + "s"
                + ", publicOrigin=" + (publicOrigin == null ? "<request URI>" : publicOrigin)
                + ", maxBodyBytes=" + maxBodyBytes
                + ", requireContentDigest=" + requireContentDigest
                + ", requiredSignedComponents=" + requiredSignedComponents
                + ", accountKeys=" + accountKeys.stream().map(AccountKey::describe).toList()
                + ", requireAccountSignature=" + requireAccountSignature
                + ", replayStore=" + (replayStoreUrl == null ? "in memory, at most " + replayStoreMaxEntries + " entries"
                        : ReplayStores.redacted(replayStoreUrl) + ", timeout " + replayStoreTimeout.toMillis() + "ms") + "]";
    }

    /**
     * Collects settings and validates them all at once in {@link #build()}. Later calls win, so code can read
     * the environment first and then override single settings.
     */
    public static final class Builder {

        /** Keys by the setting that gave them, so a later call for the same setting replaces them. */
        private final Map<String, List<VerificationKey>> keysBySetting = new LinkedHashMap<>();
        private int addedKeys;
        // Package-private: ConfigVariables reads them to check each setting, however it was set.
        String tokenHeaderName = "Approov-Token";
        List<String> bindingHeaderNames = List.of("Authorization");
        boolean abortOnInvalidToken = true;
        boolean abortOnInvalidBinding = true;
        boolean loggingEnabled = true;
        String expectedAudience;
        Duration clockSkew = Duration.ZERO;
        int tokenCacheSize = DEFAULT_TOKEN_CACHE_SIZE;
        String statusHeaderName = "Approov-Status";
        String traceIdHeaderName = "Approov-TraceID";
        boolean abortOnInvalidMessageSignature = true;
        boolean requireInstallationKey;
        boolean requireSignatureExpiry = true;
        Duration signatureTolerance = DEFAULT_SIGNATURE_TOLERANCE;
        Duration signatureMaxAge = DEFAULT_SIGNATURE_MAX_AGE;
        String publicOrigin;
        int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        boolean requireContentDigest;
        List<String> requiredSignedComponents = List.of();
        byte[] accountSecretBase64Url;
        byte[] accountSecretBase64;
        String accountKeyId;
        List<AccountKey> accountSecretList = List.of();
        private final Map<String, AccountKey> addedAccountKeys = new LinkedHashMap<>();
        boolean requireAccountSignature;
        String replayStoreUrl;
        int replayStoreMaxEntries = DEFAULT_REPLAY_STORE_MAX_ENTRIES;
        Duration replayStoreTimeout = DEFAULT_REPLAY_STORE_TIMEOUT;
        private Clock clock = Clock.systemUTC();
        /** Problems found while reading values, by setting, reported together by build(); a later value clears one. */
        private final Map<String, String> problems = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The account secret as printed by {@code approov secret -get base64}: standard base64 with padding,
         * decoding to at least 32 bytes.
         */
        public Builder base64Secret(String base64Secret) {
            Objects.requireNonNull(base64Secret, "base64Secret");
            addBase64Secret(BASE64_SECRET, "base64Secret(...)", null, base64Secret);
            return this;
        }

        /**
         * The account secret as printed by {@code approov secret -get base64url} (and read by Approov's current
         * quickstarts): the URL-safe alphabet, padding optional, decoding to at least 32 bytes. With
         * {@link #base64Secret} as well, both must hold the same secret.
         */
        public Builder base64UrlSecret(String base64UrlSecret) {
            Objects.requireNonNull(base64UrlSecret, "base64UrlSecret");
            try {
                byte[] secret = ConfigVariables.strictBase64Url(base64UrlSecret);
                addKeys(BASE64URL_SECRET, "base64UrlSecret(...)", () -> List.of(VerificationKey.secret(null, secret)));
            } catch (ConfigVariables.Rejected notBase64Url) {
                reject(BASE64URL_SECRET, "base64UrlSecret(...)" + notBase64Url.getMessage());
            }
            return this;
        }

        /** The account secret as raw bytes (at least 32); the array is copied. */
        public Builder secret(byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            byte[] copy = secret.clone();
            addKeys(BASE64_SECRET, "secret(...)", () -> List.of(VerificationKey.secret(null, copy)));
            return this;
        }

        /**
         * Adds another HS256 secret, e.g. the next account secret during rotation.
         *
         * @param keyId the {@code kid} tokens signed with it carry ({@code approov secret -setKeyID}), or null
         * @param base64Secret standard base64 with padding, at least 32 bytes decoded
         */
        public Builder addBase64Secret(String keyId, String base64Secret) {
            Objects.requireNonNull(base64Secret, "base64Secret");
            addBase64Secret("addBase64Secret#" + (++addedKeys), "addBase64Secret(...)", keyId, base64Secret);
            return this;
        }

        /** Adds another HS256 secret as raw bytes (at least 32; copied). */
        public Builder addSecret(String keyId, byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            byte[] copy = secret.clone();
            addKeys("addSecret#" + (++addedKeys), "addSecret(...)", () -> List.of(VerificationKey.secret(keyId, copy)));
            return this;
        }

        /**
         * Adds a public key that verifies asymmetric tokens.
         *
         * @param algorithm RS256, PS256 or ES256; null for the key type's default (RSA: RS256, EC: ES256)
         * @param keyId its {@code kid}, or null
         * @param key an RSA key of at least 2048 bits or an EC key on P-256
         */
        public Builder addPublicKey(String algorithm, String keyId, java.security.PublicKey key) {
            Objects.requireNonNull(key, "key");
            String setting = "addPublicKey#" + (++addedKeys);
            addKeys(setting, "addPublicKey(...)", () -> List.of(VerificationKey.publicKey(algorithm, keyId, key)));
            return this;
        }

        /**
         * Adds the public keys of a PEM text ({@code -----BEGIN PUBLIC KEY-----} or {@code CERTIFICATE} blocks).
         *
         * @param algorithm RS256, PS256 or ES256; null for the key type's default
         * @param keyId the {@code kid} of the (single) key, or null
         * @param pem the PEM text
         */
        public Builder addPublicKeyPem(String algorithm, String keyId, String pem) {
            Objects.requireNonNull(pem, "pem");
            addKeys("addPublicKeyPem#" + (++addedKeys), "addPublicKeyPem(...)",
                    () -> VerificationKey.fromPem(algorithm, keyId, pem));
            return this;
        }

        /**
         * Adds every key of a JWKS document ({@code {"keys":[...]}}: oct keys for HS256, RSA keys naming
         * {@code alg} RS256 or PS256, EC P-256 keys for ES256). Public keys only: private members are refused.
         */
        public Builder jwks(String json) {
            Objects.requireNonNull(json, "json");
            addKeys("jwks#" + (++addedKeys), "jwks(...)", () -> VerificationKey.fromJwks(json));
            return this;
        }

        /** Adds every key of the local JWKS file {@code file} (see {@link #jwks(String)}); never fetched. */
        public Builder jwksFile(Path file) {
            Objects.requireNonNull(file, "file");
            String setting = "jwksFile#" + (++addedKeys);
            try {
                String json = ConfigVariables.readFile(file);
                addKeys(setting, "jwksFile(...)", () -> VerificationKey.fromJwks(json));
            } catch (ConfigVariables.Rejected unreadable) {
                reject(setting, "jwksFile(...)" + unreadable.getMessage());
            }
            return this;
        }

        private void addBase64Secret(String setting, String source, String keyId, String base64Secret) {
            try {
                byte[] secret = ConfigVariables.strictBase64(base64Secret);
                addKeys(setting, source, () -> List.of(VerificationKey.secret(keyId, secret)));
            } catch (ConfigVariables.Rejected notBase64) {
                reject(setting, source + notBase64.getMessage());
            }
        }

        private void addKeys(String setting, String source, ConfigVariables.KeySource keys) {
            try {
                putKeys(setting, ConfigVariables.keys(keys));
            } catch (ConfigVariables.Rejected refused) {
                reject(setting, source + refused.getMessage());
            }
        }

        /** The keys {@code setting} gives, in place of those it gave before. */
        void putKeys(String setting, List<VerificationKey> keys) {
            problems.remove(setting);
            keysBySetting.remove(setting);
            keysBySetting.put(setting, keys);
        }

        /** Records why {@code setting} is refused; build() reports it unless a later value clears it. */
        void reject(String setting, String problem) {
            keysBySetting.remove(setting);
            problems.put(setting, problem);
        }

        /** Every key given, the account secret once even when it was given in base64 and in base64url. */
        private List<VerificationKey> keys() {
            boolean twice = sameAccountSecretTwice();
            return keysBySetting.entrySet().stream().filter(e -> !(twice && e.getKey().equals(BASE64URL_SECRET)))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        /** The header that carries the token; matched case-insensitively. */
        public Builder tokenHeaderName(String name) {
            this.tokenHeaderName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The headers whose values {@code pay} binds, in order; matched case-insensitively. One header
         * ({@code "Authorization"}, the default) binds its whole value; several
         * ({@code "Authorization", "SessionId"}) bind their values concatenated with no separator. Each header
         * once.
         */
        public Builder bindingHeaderNames(String... names) {
            Objects.requireNonNull(names, "names");
            this.bindingHeaderNames = Arrays.stream(names).map(name -> Objects.requireNonNull(name, "name")).toList();
            return this;
        }

        /** {@code false} selects monitor mode for the token: failures are logged, requests go on. */
        public Builder abortOnInvalidToken(boolean abort) {
            this.abortOnInvalidToken = abort;
            problems.remove(ABORT_ON_INVALID_TOKEN);
            return this;
        }

        /** {@code false} selects monitor mode for the binding: mismatches are logged, requests go on. */
        public Builder abortOnInvalidBinding(boolean abort) {
            this.abortOnInvalidBinding = abort;
            problems.remove(ABORT_ON_INVALID_BINDING);
            return this;
        }

        /** Whether each decision is logged; rejections at INFO, monitor-mode pass-throughs at WARNING. */
        public Builder loggingEnabled(boolean enabled) {
            this.loggingEnabled = enabled;
            problems.remove(LOGGING_ENABLED);
            return this;
        }

        /** When set, a token must carry {@code aud} equal to, or an array containing, this value. */
        public Builder expectedAudience(String audience) {
            this.expectedAudience = audience;
            return this;
        }

        /** Leeway on {@code exp} and {@code nbf} for servers whose clocks drift; 0 to 300 seconds. */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = Objects.requireNonNull(skew, "skew");
            problems.remove(CLOCK_SKEW_SECONDS);
            return this;
        }

        /** How many verified tokens to remember (rounded up to a power of two; 0 turns the cache off). */
        public Builder tokenCacheSize(int size) {
            this.tokenCacheSize = size;
            problems.remove(TOKEN_CACHE_SIZE);
            return this;
        }

        /** The header of the client's {@code Approov-Status} report, if the app sends it under another name. */
        public Builder statusHeaderName(String name) {
            this.statusHeaderName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The header of the client's {@code Approov-TraceID}, if the app sends it under another name. */
        public Builder traceIdHeaderName(String name) {
            this.traceIdHeaderName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * {@code false} selects monitor mode for message signatures: failures on signed
         * endpoints are logged and the requests go on (without claims).
         */
        public Builder abortOnInvalidMessageSignature(boolean abort) {
            this.abortOnInvalidMessageSignature = abort;
            problems.remove(ABORT_ON_INVALID_MESSAGE_SIGNATURE);
            return this;
        }

        /**
         * {@code true} refuses tokens without {@code ipk} on signed endpoints; by default they pass as
         * token-only, since Approov's fail-over tokens carry no {@code ipk}.
         */
        public Builder requireInstallationKey(boolean require) {
            this.requireInstallationKey = require;
            problems.remove(REQUIRE_IPK);
            return this;
        }

        /** {@code false} accepts message signatures without {@code expires} (then only the maximum age bounds them). */
        public Builder requireSignatureExpiry(boolean require) {
            this.requireSignatureExpiry = require;
            problems.remove(REQUIRE_EXPIRES);
            return this;
        }

        /** Leeway for device clocks on a signature's {@code created} and {@code expires}; 0 to 300 seconds. */
        public Builder signatureTolerance(Duration tolerance) {
            this.signatureTolerance = Objects.requireNonNull(tolerance, "tolerance");
            problems.remove(TOLERANCE_SECONDS);
            return this;
        }

        /** How old (from {@code created}) a signature may be, plus the tolerance; 0 (no limit) to one day. */
        public Builder signatureMaxAge(Duration maxAge) {
            this.signatureMaxAge = Objects.requireNonNull(maxAge, "maxAge");
            problems.remove(MAX_AGE_SECONDS);
            return this;
        }

        /**
         * The origin clients sign, e.g. {@code https://api.example.com}, for a server behind a proxy that
         * terminates TLS or rewrites {@code Host}; null: the request URI the server saw. Never taken from
         * {@code X-Forwarded-*} or {@code Forwarded}, which any client can send.
         */
        public Builder publicOrigin(String origin) {
            this.publicOrigin = origin;
            problems.remove(PUBLIC_ORIGIN);
            return this;
        }

        /** The largest body read to check a {@code Content-Digest}; 0 to 268435456 bytes. */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            problems.remove(MAX_BODY_BYTES);
            return this;
        }

        /** {@code true} requires a covered {@code Content-Digest} on every non-empty signed body. */
        public Builder requireContentDigest(boolean require) {
            this.requireContentDigest = require;
            problems.remove(REQUIRE_CONTENT_DIGEST);
            return this;
        }

        /**
         * Components every message signature must cover in addition to {@code @method}, the token header and
         * one of {@code @target-uri}/{@code @path}/{@code @request-target}: header names (any case) or
         * {@code @authority}, {@code @query}, ...; e.g. {@code List.of("authorization", "content-digest")}.
         */
        public Builder requiredSignedComponents(List<String> components) {
            this.requiredSignedComponents = components.stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
            problems.remove(REQUIRED_COMPONENTS);
            return this;
        }

        /**
         * The account message-signing secret in URL-safe base64 (padding optional), decoding to at least 32
         * bytes: the key Approov's SDK signs {@code account} signatures with. Replaces an account secret set
         * before in either encoding.
         */
        public Builder accountMessageSigningSecretBase64Url(String base64url) {
            Objects.requireNonNull(base64url, "base64url");
            return primaryAccountSecret(ACCOUNT_SECRET_BASE64URL, "accountMessageSigningSecretBase64Url(...)",
                    () -> ConfigVariables.accountSigningSecretBase64Url(base64url));
        }

        /**
         * The account message-signing secret in standard base64 with padding, decoding to at least 32 bytes.
         * Replaces an account secret set before in either encoding.
         */
        public Builder accountMessageSigningSecretBase64(String base64) {
            Objects.requireNonNull(base64, "base64");
            return primaryAccountSecret(ACCOUNT_SECRET_BASE64, "accountMessageSigningSecretBase64(...)",
                    () -> ConfigVariables.accountSigningSecretBase64(base64));
        }

        /**
         * The key id of the account secret set by {@link #accountMessageSigningSecretBase64Url} or
         * {@link #accountMessageSigningSecretBase64}: a token must then name it as {@code mskid} (unless another
         * key without an id is configured); null: no id, any {@code mskid} is accepted.
         */
        public Builder accountMessageSigningKeyId(String keyId) {
            this.accountKeyId = keyId;
            problems.remove(ACCOUNT_KEY_ID);
            return this;
        }

        /**
         * Adds another account message-signing key, e.g. the next one during rotation.
         *
         * @param keyId the {@code mskid} tokens name it by, or null for a key that serves any {@code mskid}
         * @param secret at least 32 bytes; copied
         */
        public Builder addAccountMessageSigningSecret(String keyId, byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            String setting = "addAccountMessageSigningSecret#" + (++addedKeys);
            try {
                addedAccountKeys.put(setting, AccountKey.of(keyId, secret));
            } catch (ConfigVariables.Rejected refused) {
                problems.put(setting, "addAccountMessageSigningSecret(...)" + refused.getMessage());
            }
            return this;
        }

        /**
         * {@code true} requires a valid account signature on every request to a signed endpoint, besides the
         * installation signature when the token has {@code ipk}; needs an account key.
         */
        public Builder requireAccountSignature(boolean require) {
            this.requireAccountSignature = require;
            problems.remove(REQUIRE_ACCOUNT_SIGNATURE);
            return this;
        }

        /**
         * The store that remembers single-use signed requests for a fleet, e.g. {@code redis://redis.internal:6379}
         * or, with TLS and a password, {@code rediss://:password@redis.internal:6380/0}; its scheme chooses the
         * store module on the class path ({@code approov-replay-redis} for {@code redis} and {@code rediss}).
         * Null: each server remembers them in memory. The password never reaches a message or a log.
         */
        public Builder replayStoreUrl(String url) {
            this.replayStoreUrl = url;
            problems.remove(REPLAY_STORE_URL);
            return this;
        }

        /**
         * How many single-use requests the in-memory store remembers at most, 1 to 10,000,000: each entry is a
         * fixed size (a 32-byte digest and a deadline), so this bounds its memory too. When all are live, new
         * single-use requests get 503 until entries expire.
         */
        public Builder replayStoreMaxEntries(int entries) {
            this.replayStoreMaxEntries = entries;
            problems.remove(REPLAY_STORE_MAX_ENTRIES);
            return this;
        }

        /**
         * How long a request waits for a shared replay store's answer, 1 to 1000 ms in whole milliseconds: past it,
         * the request is refused with 503 and the store is given a rest before it is asked again.
         */
        public Builder replayStoreTimeout(Duration timeout) {
            this.replayStoreTimeout = Objects.requireNonNull(timeout, "timeout");
            problems.remove(REPLAY_STORE_TIMEOUT_MILLIS);
            return this;
        }

        /** The secret of an account-secret variable, as read (null: none); a read refusal is recorded by its line. */
        void accountSecret(String variable, byte[] secret) {
            if (variable.equals(ACCOUNT_SECRET_BASE64URL)) {
                accountSecretBase64Url = secret;
            } else {
                accountSecretBase64 = secret;
            }
            problems.remove(variable);
        }

        /** The keys of {@code APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRETS}, replacing those it gave before. */
        void accountSecretList(List<AccountKey> keys) {
            this.accountSecretList = keys == null ? List.of() : List.copyOf(keys);
            problems.remove(ACCOUNT_SECRETS);
        }

        private Builder primaryAccountSecret(String variable, String source, SecretSource decode) {
            String other = variable.equals(ACCOUNT_SECRET_BASE64URL) ? ACCOUNT_SECRET_BASE64 : ACCOUNT_SECRET_BASE64URL;
            accountSecret(other, null); // a call in code replaces the secret, in whichever encoding it came
            try {
                accountSecret(variable, decode.secret());
            } catch (ConfigVariables.Rejected refused) {
                accountSecret(variable, null);
                problems.put(variable, source + refused.getMessage());
            }
            return this;
        }

        /** A secret decoded from text, or why not. */
        @FunctionalInterface
        private interface SecretSource {
            byte[] secret() throws ConfigVariables.Rejected;
        }

        /** The account keys the settings give, in order: the one secret with its id, the list, those added. */
        private List<AccountKey> accountKeys(List<String> problemsFound) {
            List<AccountKey> keys = new ArrayList<>();
            if (accountSecretBase64Url != null && accountSecretBase64 != null) {
                problemsFound.add(ACCOUNT_SECRET_BASE64URL + " and " + ACCOUNT_SECRET_BASE64 + " are both set: set"
                        + " one of them (the same secret in either encoding).");
            }
            byte[] secret = accountSecretBase64Url != null ? accountSecretBase64Url : accountSecretBase64;
            if (secret == null && accountKeyId != null) {
                problemsFound.add(ACCOUNT_KEY_ID + " (accountMessageSigningKeyId) is set but no account message-signing"
                        + " secret is: set " + ACCOUNT_SECRET_BASE64URL + " too, or unset it.");
            } else if (secret != null) {
                try {
                    keys.add(AccountKey.of(accountKeyId, secret));
                } catch (ConfigVariables.Rejected refused) {
                    problemsFound.add(ACCOUNT_KEY_ID + " (accountMessageSigningKeyId)" + refused.getMessage());
                }
            }
            keys.addAll(accountSecretList);
            keys.addAll(addedAccountKeys.values());
            Set<String> ids = new HashSet<>();
            boolean withoutId = false;
            for (AccountKey key : keys) {
                if (key.keyId() == null ? withoutId : !ids.add(key.keyId())) {
                    problemsFound.add(key.keyId() == null ? "Two account message-signing keys have no key id: at most"
                            + " one may serve tokens whatever their mskid; give the others their ids."
                            : "Two account message-signing keys have the key id "
                            + ApproovConfigurationException.quoteSafely(key.keyId()) + ": key ids must be unique.");
                }
                withoutId |= key.keyId() == null;
            }
            if (requireAccountSignature && keys.isEmpty() && !problems.keySet().stream()
                    .anyMatch(setting -> setting.equals(ACCOUNT_SECRET_BASE64URL) || setting.equals(ACCOUNT_SECRET_BASE64)
                            || setting.equals(ACCOUNT_SECRETS) || setting.startsWith("addAccountMessageSigningSecret#"))) {
                problemsFound.add(REQUIRE_ACCOUNT_SIGNATURE + " (requireAccountSignature) is true but no account"
                        + " message-signing key is configured: set " + ACCOUNT_SECRET_BASE64URL + ".");
            }
            return keys;
        }

        /** The clock to judge {@code exp} and {@code nbf} by; for tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Applies every variable that is set: a JVM system property of the variable's name wins over the
         * process environment, which wins over the {@code .env} file in the working directory.
         */
        public Builder readEnvironment() {
            return readEnvironment(Path.of(".env"));
        }

        /** {@link #readEnvironment()} with the {@code .env} file at {@code dotEnvFile}. */
        Builder readEnvironment(Path dotEnvFile) {
            return readEnvironment(environment(dotEnvFile));
        }

        /** Applies every variable that {@code variables} knows; null or blank means unset. */
        public Builder readEnvironment(Function<String, String> variables) {
            Objects.requireNonNull(variables, "variables");
            Function<String, String> set = name -> {
                String value = variables.apply(name);
                return value == null || value.isBlank() ? null : value.strip();
            };
            for (ConfigVariables.Variable variable : ConfigVariables.ALL) {
                String value = set.apply(variable.name());
                if (value != null) {
                    variable.read(this, value, set);
                }
            }
            return this;
        }

        /**
         * Validates every setting and returns the configuration.
         *
         * @throws ApproovConfigurationException listing each problem with the variable or method to fix
         */
        public ApproovConfig build() {
            List<String> all = new ArrayList<>(problems.values());
            String secrets = oneAccountSecret();
            if (secrets != null) {
                all.add(secrets);
            }
            List<VerificationKey> keys = keys();
            if (keys.isEmpty() && problems.keySet().stream().noneMatch(ConfigVariables::isKeySetting)) {
                all.add(BASE64URL_SECRET + " or " + BASE64_SECRET + " is not set: set " + BASE64URL_SECRET
                        + " to the output of `approov secret -get base64url` (or " + BASE64_SECRET + " to the output"
                        + " of `approov secret -get base64`), in the environment or a .env file, or call"
                        + " base64UrlSecret(...) or base64Secret(...) on the builder. (For asymmetric tokens, set "
                        + JWKS_FILE + " or " + PUBLIC_KEY_PEM + " instead.)");
            }
            Set<String> keyIds = new HashSet<>();
            for (VerificationKey key : keys) {
                if (key.keyId() != null && !keyIds.add(key.keyId())) {
                    all.add("Two configured keys have the key id " + ApproovConfigurationException.quoteSafely(key.keyId())
                            + ": key ids must be unique.");
                }
            }
            for (ConfigVariables.Variable variable : ConfigVariables.ALL) {
                if (variable instanceof ConfigVariables.Setting<?> setting) {
                    setting.check(this, all);
                }
            }
            if (bindingHeaderNames.stream().anyMatch(tokenHeaderName::equalsIgnoreCase)) {
                all.add(BINDING_HEADER_NAME + " (bindingHeaderNames) names the token header "
                        + ApproovConfigurationException.quoteSafely(tokenHeaderName) + ": a token cannot be bound to"
                        + " itself; name the headers it is bound to, such as Authorization.");
            }
            List<AccountKey> accountKeys = accountKeys(all);
            if (!all.isEmpty()) {
                throw new ApproovConfigurationException(
                        "Invalid Approov configuration: " + String.join(" ", all));
            }
            return new ApproovConfig(this, accountKeys);
        }

        /**
         * The account secret may come in base64 and in base64url (Approov's CLI prints both): set twice, the
         * two must be the same secret. Returns the problem when they differ, naming the variables and never
         * the values.
         */
        private String oneAccountSecret() {
            if (!sameAccountSecretTwice() && keysBySetting.containsKey(BASE64_SECRET)
                    && keysBySetting.containsKey(BASE64URL_SECRET)) {
                return BASE64_SECRET + " (base64Secret) and " + BASE64URL_SECRET + " (base64UrlSecret) are both set"
                        + " and hold different secrets: set only one of them, to your account's secret ("
                        + BASE64URL_SECRET + " is the output of `approov secret -get base64url`).";
            }
            return null;
        }

        /** Whether the account secret is set both in base64 and in base64url, to the same bytes. */
        private boolean sameAccountSecretTwice() {
            List<VerificationKey> base64 = keysBySetting.get(BASE64_SECRET);
            List<VerificationKey> base64Url = keysBySetting.get(BASE64URL_SECRET);
            return base64 != null && base64Url != null
                    && MessageDigest.isEqual(base64.get(0).key().getEncoded(), base64Url.get(0).key().getEncoded());
        }
    }
}
