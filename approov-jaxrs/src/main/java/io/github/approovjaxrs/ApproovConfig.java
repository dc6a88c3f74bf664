package io.github.approovjaxrs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the Approov check needs to know: the secret, where the token and the binding are, and the policy.
 * Immutable, validated once by {@link Builder#build()}, framework-free.
 *
 * <p>Build it in code with {@link #builder()}, or read the variables of Approov's quickstarts with
 * {@link #fromEnvironment()}:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>variable</th><th>default</th><th>builder method</th></tr>
 *   <tr><td>{@code APPROOV_BASE64_SECRET}</td><td>none: required</td><td>{@link Builder#base64Secret}</td></tr>
 *   <tr><td>{@code APPROOV_TOKEN_HEADER_NAME}</td><td>{@code Approov-Token}</td><td>{@link Builder#tokenHeaderName}</td></tr>
 *   <tr><td>{@code APPROOV_TOKEN_BINDING_HEADER_NAME}</td><td>{@code Authorization}</td>
 *       <td>{@link Builder#bindingHeaderName}</td></tr>
 *   <tr><td>{@code APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN}</td><td>{@code true}</td>
 *       <td>{@link Builder#abortOnInvalidToken}</td></tr>
 *   <tr><td>{@code APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN_BINDING}</td><td>{@code true}</td>
 *       <td>{@link Builder#abortOnInvalidBinding}</td></tr>
 *   <tr><td>{@code APPROOV_LOGGING_ENABLED}</td><td>{@code true}</td><td>{@link Builder#loggingEnabled}</td></tr>
 *   <tr><td>{@code APPROOV_EXPECTED_AUDIENCE}</td><td>unset</td><td>{@link Builder#expectedAudience}</td></tr>
 *   <tr><td>{@code APPROOV_CLOCK_SKEW_SECONDS}</td><td>{@code 0}</td><td>{@link Builder#clockSkew}</td></tr>
 *   <tr><td>{@code APPROOV_TOKEN_CACHE_SIZE}</td><td>{@code 2048}</td><td>{@link Builder#tokenCacheSize}</td></tr>
 * </table>
 *
 * <p>{@link #toString()} never shows the secret, only its length.
 */
public final class ApproovConfig {

    static final String BASE64_SECRET = "APPROOV_BASE64_SECRET";
    static final String TOKEN_HEADER_NAME = "APPROOV_TOKEN_HEADER_NAME";
    static final String BINDING_HEADER_NAME = "APPROOV_TOKEN_BINDING_HEADER_NAME";
    static final String ABORT_ON_INVALID_TOKEN = "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN";
    static final String ABORT_ON_INVALID_BINDING = "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN_BINDING";
    static final String LOGGING_ENABLED = "APPROOV_LOGGING_ENABLED";
    static final String EXPECTED_AUDIENCE = "APPROOV_EXPECTED_AUDIENCE";
    static final String CLOCK_SKEW_SECONDS = "APPROOV_CLOCK_SKEW_SECONDS";
    static final String TOKEN_CACHE_SIZE = "APPROOV_TOKEN_CACHE_SIZE";

    static final int MINIMUM_SECRET_BYTES = 32;
    static final Duration MAXIMUM_CLOCK_SKEW = Duration.ofSeconds(300);
    static final int DEFAULT_TOKEN_CACHE_SIZE = 2048;
    static final int MAXIMUM_TOKEN_CACHE_SIZE = 1 << 20;

    private final byte[] secret;
    private final String tokenHeaderName;
    private final String bindingHeaderName;
    private final boolean abortOnInvalidToken;
    private final boolean abortOnInvalidBinding;
    private final boolean loggingEnabled;
    private final String expectedAudience;
    private final Duration clockSkew;
    private final int tokenCacheSize;
    private final Clock clock;

    private ApproovConfig(Builder builder) {
        this.secret = builder.secret.clone();
        this.tokenHeaderName = builder.tokenHeaderName;
        this.bindingHeaderName = builder.bindingHeaderName;
        this.abortOnInvalidToken = builder.abortOnInvalidToken;
        this.abortOnInvalidBinding = builder.abortOnInvalidBinding;
        this.loggingEnabled = builder.loggingEnabled;
        this.expectedAudience = builder.expectedAudience;
        this.clockSkew = builder.clockSkew;
        this.tokenCacheSize = builder.tokenCacheSize;
        this.clock = builder.clock;
    }

    /** A builder with every default of the table above and no secret. */
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

    byte[] secret() {
        return secret;
    }

    /** The name of the header that carries the token ({@code Approov-Token} by default). */
    public String tokenHeaderName() {
        return tokenHeaderName;
    }

    /** The name of the header whose value {@code pay} binds ({@code Authorization} by default). */
    public String bindingHeaderName() {
        return bindingHeaderName;
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

    /** The clock tokens are judged by; the system UTC clock unless a test set another. */
    public Clock clock() {
        return clock;
    }

    /** The settings, with the secret reduced to its length. */
    @Override
    public String toString() {
        return "ApproovConfig[secret=<" + secret.length + " bytes>"
                + ", tokenHeaderName=" + tokenHeaderName
                + ", bindingHeaderName=" + bindingHeaderName
                + ", abortOnInvalidToken=" + abortOnInvalidToken
                + ", abortOnInvalidBinding=" + abortOnInvalidBinding
                + ", loggingEnabled=" + loggingEnabled
                + ", expectedAudience=" + (expectedAudience == null ? "<none>" : expectedAudience)
                + ", clockSkew=" + clockSkew.toSeconds() + "s"
                + ", tokenCacheSize=" + tokenCacheSize + "]";
    }

    /**
     * Collects settings and validates them all at once in {@link #build()}. Later calls win, so code can read
     * the environment first and then override single settings.
     */
    public static final class Builder {

        private byte[] secret;
        private String tokenHeaderName = "Approov-Token";
        private String bindingHeaderName = "Authorization";
        private boolean abortOnInvalidToken = true;
        private boolean abortOnInvalidBinding = true;
        private boolean loggingEnabled = true;
        private String expectedAudience;
        private Duration clockSkew = Duration.ZERO;
        private int tokenCacheSize = DEFAULT_TOKEN_CACHE_SIZE;
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
            this.secret = decodeSecret(base64Secret, "base64Secret(...)");
            return this;
        }

        /** The account secret as raw bytes (at least 32); the array is copied. */
        public Builder secret(byte[] secret) {
            this.secret = Objects.requireNonNull(secret, "secret").clone();
            problems.remove(BASE64_SECRET);
            return this;
        }

        /** The header that carries the token; matched case-insensitively. */
        public Builder tokenHeaderName(String name) {
            this.tokenHeaderName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The header whose whole value {@code pay} binds; matched case-insensitively. */
        public Builder bindingHeaderName(String name) {
            this.bindingHeaderName = Objects.requireNonNull(name, "name");
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
            String value;
            if ((value = set.apply(BASE64_SECRET)) != null) {
                secret = decodeSecret(value, BASE64_SECRET);
            }
            if ((value = set.apply(TOKEN_HEADER_NAME)) != null) {
                tokenHeaderName = value;
            }
            if ((value = set.apply(BINDING_HEADER_NAME)) != null) {
                bindingHeaderName = value;
            }
            if ((value = set.apply(ABORT_ON_INVALID_TOKEN)) != null) {
                abortOnInvalidToken = parseBoolean(value, ABORT_ON_INVALID_TOKEN, abortOnInvalidToken);
            }
            if ((value = set.apply(ABORT_ON_INVALID_BINDING)) != null) {
                abortOnInvalidBinding = parseBoolean(value, ABORT_ON_INVALID_BINDING, abortOnInvalidBinding);
            }
            if ((value = set.apply(LOGGING_ENABLED)) != null) {
                loggingEnabled = parseBoolean(value, LOGGING_ENABLED, loggingEnabled);
            }
            if ((value = set.apply(EXPECTED_AUDIENCE)) != null) {
                expectedAudience = value;
            }
            if ((value = set.apply(CLOCK_SKEW_SECONDS)) != null) {
                Integer seconds = parseInteger(value, CLOCK_SKEW_SECONDS);
                if (seconds != null) {
                    clockSkew = Duration.ofSeconds(seconds);
                }
            }
            if ((value = set.apply(TOKEN_CACHE_SIZE)) != null) {
                Integer size = parseInteger(value, TOKEN_CACHE_SIZE);
                if (size != null) {
                    tokenCacheSize = size;
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
            if (secret == null) {
                if (!problems.containsKey(BASE64_SECRET)) {
                    all.add(BASE64_SECRET + " is not set: set it to the output of `approov secret -get base64`"
                            + " (environment or .env file), or call base64Secret(...) on the builder.");
                }
            } else if (secret.length < MINIMUM_SECRET_BYTES) {
                all.add("The Approov secret is " + secret.length + " bytes; HS256 needs at least "
                        + MINIMUM_SECRET_BYTES + ": use the account secret from `approov secret -get base64`.");
            }
            checkHeaderName(tokenHeaderName, TOKEN_HEADER_NAME + " (tokenHeaderName)", all);
            checkHeaderName(bindingHeaderName, BINDING_HEADER_NAME + " (bindingHeaderName)", all);
            if (expectedAudience != null && expectedAudience.isBlank()) {
                all.add(EXPECTED_AUDIENCE + " (expectedAudience) is blank: unset it or give the audience.");
            }
            if (clockSkew.isNegative() || clockSkew.compareTo(MAXIMUM_CLOCK_SKEW) > 0) {
                all.add(CLOCK_SKEW_SECONDS + " (clockSkew) must be between 0 and "
                        + MAXIMUM_CLOCK_SKEW.toSeconds() + " seconds; got " + clockSkew.toSeconds() + ".");
            }
            if (tokenCacheSize < 0 || tokenCacheSize > MAXIMUM_TOKEN_CACHE_SIZE) {
                all.add(TOKEN_CACHE_SIZE + " (tokenCacheSize) must be between 0 and "
                        + MAXIMUM_TOKEN_CACHE_SIZE + "; got " + tokenCacheSize + ".");
            }
            if (!all.isEmpty()) {
                throw new ApproovConfigurationException(
                        "Invalid Approov configuration: " + String.join(" ", all));
            }
            return new ApproovConfig(this);
        }

        /**
         * Strict base64: the standard alphabet with padding, canonical (re-encoding gives the same text), so
         * a pasted URL-safe, truncated or whitespace-broken secret fails here instead of verifying nothing.
         * Never puts the value in a message.
         */
        private byte[] decodeSecret(String value, String source) {
            problems.remove(BASE64_SECRET);
            String trimmed = value.strip();
            byte[] decoded = null;
            try {
                decoded = Base64.getDecoder().decode(trimmed);
            } catch (IllegalArgumentException notBase64) {
                // reported below
            }
            if (decoded == null || !Base64.getEncoder().encodeToString(decoded).equals(trimmed)) {
                problems.put(BASE64_SECRET, source + " is not valid base64 (standard alphabet with '=' padding,"
                        + " as printed by `approov secret -get base64`).");
                return null;
            }
            if (decoded.length == 0) {
                problems.put(BASE64_SECRET, source + " is empty: set it to the output of `approov secret -get base64`.");
                return null;
            }
            return decoded;
        }

        private boolean parseBoolean(String value, String name, boolean fallback) {
            String normalized = value.toLowerCase(Locale.ROOT);
            if (normalized.equals("true")) {
                return true;
            }
            if (normalized.equals("false")) {
                return false;
            }
            problems.put(name, name + " must be true or false; got " + shown(value) + ".");
            return fallback;
        }

        private Integer parseInteger(String value, String name) {
            try {
                return Integer.valueOf(value);
            } catch (NumberFormatException notANumber) {
                problems.put(name, name + " must be a whole number; got " + shown(value) + ".");
                return null;
            }
        }

        private static void checkHeaderName(String name, String setting, List<String> problems) {
            if (name.isEmpty() || !name.chars().allMatch(Builder::isTokenChar)) {
                problems.add(setting + " must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~);"
                        + " got " + shown(name) + ".");
            }
        }

        /**
         * A rejected value, quoted only when short: a secret pasted into the wrong variable is at least 44
         * characters of base64 and must not reach a message.
         */
        private static String shown(String value) {
            return value.length() <= 16 ? "\"" + value + "\"" : "a value of " + value.length() + " characters";
        }

        /** RFC 9110 {@code tchar}. */
        private static boolean isTokenChar(int c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
