package io.github.approovjaxrs.core;

import static io.github.approovjaxrs.core.ApproovConfigurationException.quoteSafely;

import io.github.approovjaxrs.core.ApproovConfig.Builder;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The variables {@link ApproovConfig#fromEnvironment()} reads, one line each: the name, the builder method it
 * stands for, how its text is read and checked, and what a refusal says. {@link Builder#readEnvironment} reads
 * them in this order; {@link Builder#build()} checks each setting through its line, however it was set. The
 * README's and the walkthrough's configuration tables are tested against {@link #ALL}.
 *
 * <p>To add a variable: a constant for its name; its line in {@link #ALL} (there are {@link Kind}s for booleans,
 * whole numbers and seconds up to a maximum, header names, an origin, signed components and non-blank text);
 * its builder method, which clears the variable's problem so that a later call wins, and the package-private
 * field the line reads; and its row in the tables of the README, the walkthrough and {@link ApproovConfig}'s
 * Javadoc. {@code ConfigVariablesTest} fails until they all agree.
 */
final class ConfigVariables {

    static final String BASE64_SECRET = "APPROOV_BASE64_SECRET";
    static final String BASE64URL_SECRET = "APPROOV_BASE64URL_SECRET";
    static final String BASE64_SECRETS = "APPROOV_BASE64_SECRETS";
    static final String JWKS_FILE = "APPROOV_JWKS_FILE";
    static final String PUBLIC_KEY_PEM = "APPROOV_PUBLIC_KEY_PEM";
    static final String PUBLIC_KEY_ALGORITHM = "APPROOV_PUBLIC_KEY_ALGORITHM";
    static final String PUBLIC_KEY_ID = "APPROOV_PUBLIC_KEY_ID";
    static final String TOKEN_HEADER_NAME = "APPROOV_TOKEN_HEADER_NAME";
    static final String BINDING_HEADER_NAME = "APPROOV_TOKEN_BINDING_HEADER_NAME";
    static final String ABORT_ON_INVALID_TOKEN = "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN";
    static final String ABORT_ON_INVALID_BINDING = "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN_BINDING";
    static final String LOGGING_ENABLED = "APPROOV_LOGGING_ENABLED";
    static final String EXPECTED_AUDIENCE = "APPROOV_EXPECTED_AUDIENCE";
    static final String CLOCK_SKEW_SECONDS = "APPROOV_CLOCK_SKEW_SECONDS";
    static final String TOKEN_CACHE_SIZE = "APPROOV_TOKEN_CACHE_SIZE";
    static final String STATUS_HEADER_NAME = "APPROOV_STATUS_HEADER_NAME";
    static final String TRACE_ID_HEADER_NAME = "APPROOV_TRACE_ID_HEADER_NAME";
    static final String ABORT_ON_INVALID_MESSAGE_SIGNATURE = "APPROOV_ABORT_REQUEST_ON_INVALID_MESSAGE_SIGNATURE";
    static final String REQUIRE_IPK = "APPROOV_MESSAGE_SIGNING_REQUIRE_IPK";
    static final String REQUIRE_EXPIRES = "APPROOV_MESSAGE_SIGNING_REQUIRE_EXPIRES";
    static final String TOLERANCE_SECONDS = "APPROOV_MESSAGE_SIGNING_TOLERANCE_SECONDS";
    static final String MAX_AGE_SECONDS = "APPROOV_MESSAGE_SIGNING_MAX_AGE_SECONDS";
    static final String PUBLIC_ORIGIN = "APPROOV_MESSAGE_SIGNING_PUBLIC_ORIGIN";
    static final String MAX_BODY_BYTES = "APPROOV_MESSAGE_SIGNING_MAX_BODY_BYTES";
    static final String REQUIRE_CONTENT_DIGEST = "APPROOV_MESSAGE_SIGNING_REQUIRE_CONTENT_DIGEST";
    static final String REQUIRED_COMPONENTS = "APPROOV_MESSAGE_SIGNING_REQUIRED_COMPONENTS";
    static final String ACCOUNT_SECRET_BASE64URL = "APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64URL";
    static final String ACCOUNT_SECRET_BASE64 = "APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRET_BASE64";
    static final String ACCOUNT_KEY_ID = "APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID";
    static final String ACCOUNT_SECRETS = "APPROOV_ACCOUNT_MESSAGE_SIGNING_SECRETS";
    static final String REQUIRE_ACCOUNT_SIGNATURE = "APPROOV_MESSAGE_SIGNING_REQUIRE_ACCOUNT_SIGNATURE";
    static final String REPLAY_STORE_URL = "APPROOV_REPLAY_STORE_URL";
    static final String REPLAY_STORE_MAX_ENTRIES = "APPROOV_REPLAY_STORE_MAX_ENTRIES";
    static final String REPLAY_STORE_TIMEOUT_MILLIS = "APPROOV_REPLAY_STORE_TIMEOUT_MILLIS";

    /** The derived components a required-components setting may name (rule M8, less {@code @query-param}). */
    static final List<String> DERIVED_COMPONENTS = List.of("@method", "@target-uri", "@authority", "@scheme",
            "@path", "@query", "@request-target");

    /** Every variable, in the order they are read; the keys of the key variables join the key set in this order. */
    static final List<Variable> ALL = List.of(
            new Keys(BASE64_SECRET, "base64Secret", (text, variables) -> accountSecret(text)),
            new Keys(BASE64URL_SECRET, "base64UrlSecret", (text, variables) -> accountSecretBase64Url(text)),
            new Keys(BASE64_SECRETS, "addBase64Secret", (text, variables) -> secretList(text)),
            new Keys(JWKS_FILE, "jwksFile", (text, variables) -> jwksFile(text)),
            new Keys(PUBLIC_KEY_PEM, "addPublicKeyPem", ConfigVariables::publicKeyPem),
            new Companion(PUBLIC_KEY_ALGORITHM, "addPublicKeyPem"),
            new Companion(PUBLIC_KEY_ID, "addPublicKeyPem"),
            new Setting<>(TOKEN_HEADER_NAME, "tokenHeaderName", Kind.HEADER_NAME,
                    Builder::tokenHeaderName, b -> b.tokenHeaderName),
            new Setting<>(BINDING_HEADER_NAME, "bindingHeaderNames", Kind.HEADER_NAMES,
                    (b, names) -> b.bindingHeaderNames(names.toArray(String[]::new)), b -> b.bindingHeaderNames),
            new Setting<>(ABORT_ON_INVALID_TOKEN, "abortOnInvalidToken", Kind.BOOLEAN,
                    Builder::abortOnInvalidToken, b -> b.abortOnInvalidToken),
            new Setting<>(ABORT_ON_INVALID_BINDING, "abortOnInvalidBinding", Kind.BOOLEAN,
                    Builder::abortOnInvalidBinding, b -> b.abortOnInvalidBinding),
            new Setting<>(LOGGING_ENABLED, "loggingEnabled", Kind.BOOLEAN,
                    Builder::loggingEnabled, b -> b.loggingEnabled),
            new Setting<>(EXPECTED_AUDIENCE, "expectedAudience", Kind.nonBlank("the audience"),
                    Builder::expectedAudience, b -> b.expectedAudience),
            new Setting<>(CLOCK_SKEW_SECONDS, "clockSkew", Kind.seconds(300),
                    Builder::clockSkew, b -> b.clockSkew),
            new Setting<>(TOKEN_CACHE_SIZE, "tokenCacheSize", Kind.wholeNumber(1 << 20),
                    Builder::tokenCacheSize, b -> b.tokenCacheSize),
            new Setting<>(STATUS_HEADER_NAME, "statusHeaderName", Kind.HEADER_NAME,
                    Builder::statusHeaderName, b -> b.statusHeaderName),
            new Setting<>(TRACE_ID_HEADER_NAME, "traceIdHeaderName", Kind.HEADER_NAME,
                    Builder::traceIdHeaderName, b -> b.traceIdHeaderName),
            new Setting<>(ABORT_ON_INVALID_MESSAGE_SIGNATURE, "abortOnInvalidMessageSignature", Kind.BOOLEAN,
                    Builder::abortOnInvalidMessageSignature, b -> b.abortOnInvalidMessageSignature),
            new Setting<>(REQUIRE_IPK, "requireInstallationKey", Kind.BOOLEAN,
                    Builder::requireInstallationKey, b -> b.requireInstallationKey),
            new Setting<>(REQUIRE_EXPIRES, "requireSignatureExpiry", Kind.BOOLEAN,
                    Builder::requireSignatureExpiry, b -> b.requireSignatureExpiry),
            new Setting<>(TOLERANCE_SECONDS, "signatureTolerance", Kind.seconds(300),
                    Builder::signatureTolerance, b -> b.signatureTolerance),
            new Setting<>(MAX_AGE_SECONDS, "signatureMaxAge", Kind.secondsOrZeroForNoLimit(86_400),
                    Builder::signatureMaxAge, b -> b.signatureMaxAge),
            new Setting<>(PUBLIC_ORIGIN, "publicOrigin", Kind.ORIGIN,
                    Builder::publicOrigin, b -> b.publicOrigin),
            new Setting<>(MAX_BODY_BYTES, "maxBodyBytes", Kind.wholeNumber(1 << 28),
                    Builder::maxBodyBytes, b -> b.maxBodyBytes),
            new Setting<>(REQUIRE_CONTENT_DIGEST, "requireContentDigest", Kind.BOOLEAN,
                    Builder::requireContentDigest, b -> b.requireContentDigest),
            new Setting<>(REQUIRED_COMPONENTS, "requiredSignedComponents", Kind.COMPONENTS,
                    Builder::requiredSignedComponents, b -> b.requiredSignedComponents),
            new Setting<>(ACCOUNT_SECRET_BASE64URL, "accountMessageSigningSecretBase64Url",
                    Kind.accountSecret(ConfigVariables::accountSigningSecretBase64Url),
                    (b, secret) -> b.accountSecret(ACCOUNT_SECRET_BASE64URL, secret), b -> b.accountSecretBase64Url),
            new Setting<>(ACCOUNT_SECRET_BASE64, "accountMessageSigningSecretBase64",
                    Kind.accountSecret(ConfigVariables::accountSigningSecretBase64),
                    (b, secret) -> b.accountSecret(ACCOUNT_SECRET_BASE64, secret), b -> b.accountSecretBase64),
            new Setting<>(ACCOUNT_KEY_ID, "accountMessageSigningKeyId", Kind.nonBlank("the key id tokens carry as mskid"),
                    Builder::accountMessageSigningKeyId, b -> b.accountKeyId),
            new Setting<>(ACCOUNT_SECRETS, "addAccountMessageSigningSecret", Kind.ACCOUNT_SECRETS,
                    Builder::accountSecretList, b -> b.accountSecretList),
            new Setting<>(REQUIRE_ACCOUNT_SIGNATURE, "requireAccountSignature", Kind.BOOLEAN,
                    Builder::requireAccountSignature, b -> b.requireAccountSignature),
            new Setting<>(REPLAY_STORE_URL, "replayStoreUrl", Kind.STORE_URL,
                    Builder::replayStoreUrl, b -> b.replayStoreUrl),
            new Setting<>(REPLAY_STORE_MAX_ENTRIES, "replayStoreMaxEntries",
                    Kind.wholeNumber(1, InMemoryReplayStore.MAX_ENTRIES),
                    Builder::replayStoreMaxEntries, b -> b.replayStoreMaxEntries),
            new Setting<>(REPLAY_STORE_TIMEOUT_MILLIS, "replayStoreTimeout", Kind.milliseconds(1, 1000),
                    Builder::replayStoreTimeout, b -> b.replayStoreTimeout));

    private ConfigVariables() {
    }

    /** Whether problems under {@code setting} (a variable or a builder call) are about keys. */
    static boolean isKeySetting(String setting) {
        return setting.contains("#") || ALL.stream().anyMatch(v -> v instanceof Keys && v.name().equals(setting));
    }

    /** A variable's text refused: the message goes on from the variable's name, e.g. " must be true or false...". */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String afterTheName) {
            super(afterTheName, null, false, false);
        }
    }

    /** One line of the table. */
    sealed interface Variable permits Setting, Keys, Companion {

        /** The variable's name, e.g. {@code APPROOV_TOKEN_HEADER_NAME}. */
        String name();

        /** The builder method that sets the same thing in code. */
        String builderMethod();

        /** Applies {@code text} (set, stripped) to {@code builder}, or records why it cannot. */
        void read(Builder builder, String text, Function<String, String> variables);
    }

    /**
     * A setting of one value: {@code kind} reads the text, {@code set} is the builder method, {@code get} the
     * builder's current value, which {@link #check} judges however it was set.
     */
    record Setting<T>(String name, String builderMethod, Kind<T> kind, BiConsumer<Builder, T> set,
            Function<Builder, T> get) implements Variable {

        @Override
        public void read(Builder builder, String text, Function<String, String> variables) {
            try {
                set.accept(builder, kind.parser().parse(text));
            } catch (Rejected rejected) {
                builder.reject(name, name + rejected.getMessage());
            }
        }

        /** Adds a problem for each thing wrong with the builder's value, naming the variable and the method. */
        void check(Builder builder, List<String> problems) {
            for (String problem : kind.problems().apply(get.apply(builder))) {
                problems.add(name + " (" + builderMethod + ") " + problem);
            }
        }
    }

    /** A variable that gives verification keys; they replace those it gave before. */
    record Keys(String name, String builderMethod, KeyReader reader) implements Variable {

        @Override
        public void read(Builder builder, String text, Function<String, String> variables) {
            try {
                builder.putKeys(name, reader.keys(text, variables));
            } catch (Rejected rejected) {
                builder.reject(name, name + rejected.getMessage());
            }
        }
    }

    /** A variable read by another one's line, such as the algorithm of {@link #PUBLIC_KEY_PEM}. */
    record Companion(String name, String builderMethod) implements Variable {

        @Override
        public void read(Builder builder, String text, Function<String, String> variables) {
            // read where the variable it completes is read
        }
    }

    /** The keys a variable's text gives. */
    @FunctionalInterface
    interface KeyReader {
        List<VerificationKey> keys(String text, Function<String, String> variables) throws Rejected;
    }

    /** A variable's text to a value. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text) throws Rejected;
    }

    /**
     * What a setting holds: how its text is read, and what is wrong with a value (from the text or from code),
     * each problem said after the variable's name and method, e.g. "must be between 0 and 300 seconds; got 301.".
     */
    record Kind<T>(Parser<T> parser, Function<T, List<String>> problems) {

        static final Kind<Boolean> BOOLEAN = new Kind<>(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Rejected(" must be true or false; got " + quoteSafely(text) + ".");
        }, value -> List.of());

        /** An HTTP field name (RFC 9110 {@code token}), matched case-insensitively. */
        static final Kind<String> HEADER_NAME = new Kind<>(text -> text, name -> isToken(name) ? List.of()
                : List.of("must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~); got "
                        + quoteSafely(name) + "."));

        /**
         * HTTP field names separated by commas, in order (Approov's quickstarts bind to
         * {@code Authorization,SessionId}); each once, matched case-insensitively.
         */
        static final Kind<List<String>> HEADER_NAMES = new Kind<>(
                text -> Arrays.stream(text.split(",", -1)).map(String::strip).toList(),
                ApproovRequirements::headerNameProblems);

        /** The origin clients address, {@code https://host[:port]}; or unset. */
        static final Kind<String> ORIGIN = new Kind<>(text -> text, origin -> {
            String problem = origin == null ? null : originProblem(origin);
            return problem == null ? List.of() : List.of(problem + " Set it to the scheme and host clients call,"
                    + " such as https://api.example.com (a port only if not the default).");
        });

        /** Comma-separated header names and derived components, any case (the builder drops empty ones). */
        static final Kind<List<String>> COMPONENTS = new Kind<>(text -> List.of(text.split(",")),
                components -> components.stream().filter(component -> !isComponent(component))
                        .map(component -> "names " + quoteSafely(component) + ": list header names or "
                                + String.join(", ", DERIVED_COMPONENTS) + ", separated by commas.")
                        .toList());

        /**
         * The URL of a shared replay store, {@code scheme://[user:password@]host[:port][/...]}, or unset. Refusals
         * show it only as {@link ReplayStores#redacted} does, without its user name, password or query.
         */
        static final Kind<String> STORE_URL = new Kind<>(text -> text, url -> {
            String problem = url == null ? null : ReplayStores.urlProblem(url);
            return problem == null ? List.of() : List.of(problem);
        });

        /** More account message-signing keys: comma-separated {@code [kid:]secret} entries, each checked as read. */
        static final Kind<List<AccountKey>> ACCOUNT_SECRETS = new Kind<>(ConfigVariables::accountSigningSecretList,
                keys -> List.of());

        /** An account message-signing secret as {@code decoder} reads its text (at least 32 bytes); or unset. */
        static Kind<byte[]> accountSecret(Parser<byte[]> decoder) {
            return new Kind<>(decoder, secret -> List.of());
        }

        /** Free text, or unset; never blank. */
        static Kind<String> nonBlank(String what) {
            return new Kind<>(text -> text, value -> value != null && value.isBlank()
                    ? List.of("is blank: unset it or give " + what + ".") : List.of());
        }

        /** A whole number from 0 to {@code maximum}. */
        static Kind<Integer> wholeNumber(int maximum) {
            return wholeNumber(0, maximum);
        }

        /** A whole number from {@code minimum} to {@code maximum}. */
        static Kind<Integer> wholeNumber(int minimum, int maximum) {
            return new Kind<>(ConfigVariables::parseWholeNumber, value -> value < minimum || value > maximum
                    ? List.of("must be between " + minimum + " and " + maximum + "; got " + value + ".") : List.of());
        }

        /** A duration in whole milliseconds, from {@code minimum} to {@code maximum}. */
        static Kind<Duration> milliseconds(long minimum, long maximum) {
            return new Kind<>(text -> Duration.ofMillis(parseWholeNumber(text)), value -> value.toMillis() < minimum
                    || value.toMillis() > maximum || value.toNanos() % 1_000_000 != 0
                    ? List.of("must be a whole number of milliseconds between " + minimum + " and " + maximum
                            + "; got " + value.toMillis() + ".") : List.of());
        }

        /** A duration in whole seconds, from 0 to {@code maximum}. */
        static Kind<Duration> seconds(long maximum) {
            return seconds("0", maximum);
        }

        /** A duration in whole seconds, from 0 (no limit) to {@code maximum}. */
        static Kind<Duration> secondsOrZeroForNoLimit(long maximum) {
            return seconds("0 (no limit)", maximum);
        }

        private static Kind<Duration> seconds(String lowest, long maximum) {
            return new Kind<>(text -> Duration.ofSeconds(parseWholeNumber(text)), value -> value.isNegative()
                    || value.toSeconds() > maximum ? List.of("must be between " + lowest + " and " + maximum
                    + " seconds; got " + value.toSeconds() + ".") : List.of());
        }
    }

    private static int parseWholeNumber(String text) throws Rejected {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException notANumber) {
            throw new Rejected(" must be a whole number; got " + quoteSafely(text) + ".");
        }
    }

    /**
     * Strict base64: the standard alphabet with padding, canonical (re-encoding gives the same text), so a
     * pasted URL-safe, truncated or whitespace-broken secret fails here instead of verifying nothing. The
     * refusal never holds the value.
     */
    static byte[] strictBase64(String value) throws Rejected {
        String trimmed = value.strip();
        byte[] decoded = null;
        try {
            decoded = Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException notBase64) {
            // refused below
        }
        if (decoded == null || !Base64.getEncoder().encodeToString(decoded).equals(trimmed)) {
            throw new Rejected(" is not valid base64 (standard alphabet with '=' padding, as printed by"
                    + " `approov secret -get base64`)." + (isBase64Url(trimmed) ? " It is base64url, as"
                    + " `approov secret -get base64url` prints the secret: set " + BASE64URL_SECRET
                    + " to it instead." : ""));
        }
        if (decoded.length == 0) {
            throw new Rejected(" is empty: set it to the output of `approov secret -get base64`.");
        }
        return decoded;
    }

    /**
     * Strict base64url, as {@code approov secret -get base64url} prints it and Approov's current quickstarts
     * read it: the URL-safe alphabet, {@code =} padding optional (but right when present), canonical (no
     * non-zero trailing bits). The refusal never holds the value.
     */
    static byte[] strictBase64Url(String value) throws Rejected {
        String trimmed = value.strip();
        String unpadded = trimmed.endsWith("==") ? trimmed.substring(0, trimmed.length() - 2)
                : trimmed.endsWith("=") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        byte[] decoded = null;
        try {
            decoded = Base64.getUrlDecoder().decode(unpadded);
        } catch (IllegalArgumentException notBase64Url) {
            // refused below
        }
        boolean canonical = decoded != null
                && Base64.getUrlEncoder().withoutPadding().encodeToString(decoded).equals(unpadded)
                && (unpadded.equals(trimmed) || Base64.getUrlEncoder().encodeToString(decoded).equals(trimmed));
        if (!canonical) {
            throw new Rejected(" is not valid base64url (URL-safe alphabet with - and _, '=' padding optional, as"
                    + " printed by `approov secret -get base64url`).");
        }
        if (decoded.length == 0) {
            throw new Rejected(" is empty: set it to the output of `approov secret -get base64url`.");
        }
        return decoded;
    }

    private static boolean isBase64Url(String text) {
        try {
            strictBase64Url(text);
            return true;
        } catch (Rejected notBase64Url) {
            return false;
        }
    }

    /** The account message-signing secret in base64url, checked as a key (at least 32 bytes). */
    static byte[] accountSigningSecretBase64Url(String text) throws Rejected {
        return accountSigningSecret(text, ConfigVariables::strictBase64Url,
                " is not valid base64url (the URL-safe alphabet, - and _, padding optional).");
    }

    /** The account message-signing secret in standard base64 with padding, checked as a key. */
    static byte[] accountSigningSecretBase64(String text) throws Rejected {
        return accountSigningSecret(text, ConfigVariables::strictBase64,
                " is not valid base64 (the standard alphabet, + and /, with = padding).");
    }

    /** {@code text} decoded, refused in the words of this key (not of the token secret's), then checked as a key. */
    private static byte[] accountSigningSecret(String text, Parser<byte[]> decoder, String notEncoded) throws Rejected {
        byte[] secret;
        try {
            secret = decoder.parse(text);
        } catch (Rejected wrongEncoding) {
            throw new Rejected(notEncoded);
        }
        AccountKey.of(null, secret);
        return secret;
    }

    /**
     * {@code [kid:]secret} entries separated by commas, each secret in base64url or standard base64 (whichever
     * it is canonical in); refusals name the entry by position only.
     */
    static List<AccountKey> accountSigningSecretList(String text) throws Rejected {
        List<AccountKey> keys = new ArrayList<>();
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            String named = colon < 0 ? "" : entry.substring(0, colon).strip();
            String secretText = entry.substring(colon + 1).strip();
            try {
                byte[] secret;
                try {
                    secret = strictBase64Url(secretText);
                } catch (Rejected notUrlSafe) {
                    secret = accountSigningSecretBase64(secretText);
                }
                keys.add(AccountKey.of(named.isEmpty() ? null : named, secret));
            } catch (Rejected rejected) {
                String why = rejected.getMessage().startsWith(" is not valid base64")
                        ? " is neither base64url nor base64." : rejected.getMessage();
                throw new Rejected(" entry #" + (i + 1) + why);
            }
        }
        return List.copyOf(keys);
    }

    /** Keys that may be refused; a refusal names the problem, never the key. */
    @FunctionalInterface
    interface KeySource {
        List<VerificationKey> keys() throws VerificationKey.InvalidKeyException;
    }

    /** The keys of {@code source}, or a refusal that goes on from the setting's name. */
    static List<VerificationKey> keys(KeySource source) throws Rejected {
        try {
            return source.keys();
        } catch (VerificationKey.InvalidKeyException invalid) {
            throw new Rejected(": " + invalid.getMessage() + ".");
        }
    }

    private static List<VerificationKey> accountSecret(String text) throws Rejected {
        byte[] secret = strictBase64(text);
        return keys(() -> List.of(VerificationKey.secret(null, secret)));
    }

    private static List<VerificationKey> accountSecretBase64Url(String text) throws Rejected {
        byte[] secret = strictBase64Url(text);
        return keys(() -> List.of(VerificationKey.secret(null, secret)));
    }

    /** {@code [kid:]base64} entries separated by commas; refusals name the entry by position only. */
    private static List<VerificationKey> secretList(String text) throws Rejected {
        List<VerificationKey> secrets = new ArrayList<>();
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            String named = colon < 0 ? "" : entry.substring(0, colon).strip();
            String keyId = named.isEmpty() ? null : named;
            try {
                byte[] secret = strictBase64(entry.substring(colon + 1));
                secrets.addAll(keys(() -> List.of(VerificationKey.secret(keyId, secret))));
            } catch (Rejected rejected) {
                throw new Rejected(" entry #" + (i + 1) + rejected.getMessage());
            }
        }
        return List.copyOf(secrets);
    }

    /** A PEM text, or the path of a file holding one, with the key's algorithm and id from their variables. */
    private static List<VerificationKey> publicKeyPem(String text, Function<String, String> variables) throws Rejected {
        // PEM text in a variable often arrives with its newlines escaped as the two characters \n.
        String pem = text.startsWith("-----BEGIN") ? text.replace("\\n", "\n") : readFile(text);
        String algorithm = variables.apply(PUBLIC_KEY_ALGORITHM);
        String keyId = variables.apply(PUBLIC_KEY_ID);
        return keys(() -> VerificationKey.fromPem(algorithm, keyId, pem));
    }

    /** Every key of a local JWKS file; never fetched. */
    private static List<VerificationKey> jwksFile(String path) throws Rejected {
        String json = readFile(path);
        return keys(() -> VerificationKey.fromJwks(json));
    }

    /** The text of a local file; a refusal shows the path only as {@code quoteSafely} allows. */
    static String readFile(String path) throws Rejected {
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException invalid) {
            throw cannotRead(path, invalid);
        }
        return readFile(file);
    }

    /** The text of a local file (UTF-8). */
    static String readFile(Path file) throws Rejected {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            throw cannotRead(file.toString(), unreadable);
        }
    }

    private static Rejected cannotRead(String path, Exception why) {
        return new Rejected(": cannot read " + quoteSafely(path) + " (" + why.getClass().getSimpleName()
                + "); check the path and its permissions.");
    }

    /** Why {@code origin} is not a usable public origin, or null. */
    static String originProblem(String origin) {
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException notAUri) {
            return "is not a URI.";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "must start with https:// or http://.";
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return "needs a host name (and no user name).";
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return "has a port outside 1 to 65535.";
        }
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
        return bare ? null : "must be an origin only: no path, query or fragment.";
    }

    private static boolean isComponent(String component) {
        return component.startsWith("@") ? DERIVED_COMPONENTS.contains(component.toLowerCase(Locale.ROOT))
                : isToken(component);
    }

    /** RFC 9110 {@code token}: a non-empty run of {@code tchar}. */
    static boolean isToken(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }
}
