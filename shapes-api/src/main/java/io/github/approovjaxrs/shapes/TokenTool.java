package io.github.approovjaxrs.shapes;

import io.github.approovjaxrs.core.ApproovConfigurationException;
import io.github.approovjaxrs.testing.AppInstallation;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code java -jar shapes-api.jar token [options]}: mints an example Approov token, as
 * {@code approov token -genExample} does, and prints only the token, so that {@code $(...)} captures it.
 * Exit status 0, 1 when the configuration is invalid, 2 for a usage error.
 *
 * <p>It speaks the Approov CLI's spelling as well as its own ({@code -genExample <api-domain>},
 * {@code -type valid|invalid}, {@code -setDataHashInToken <value>}, {@code -genLongLived <issuer>,<duration>},
 * each also as {@code -name=value} or {@code --name}, as the CLI's Go flags take them), so that a script written
 * for {@code approov token}, such as Approov's quickstart test harness, runs against it through a wrapper that
 * passes the same arguments.
 */
final class TokenTool {

    static final int OK = 0;
    static final int INVALID_CONFIGURATION = 1;
    static final int USAGE_ERROR = 2;

    static final Duration DEFAULT_EXPIRES_IN = Duration.ofHours(1);
    /** Claims the options own: numbers, or the binding. */
    private static final Set<String> RESERVED_CLAIMS = Set.of("exp", "iat", "pay", "ipk");
    /** The Approov CLI's spellings, as its Go flags take them with one dash or two, and what they stand for. */
    private static final Map<String, String> CLI_SPELLINGS = Map.of(
            "-genExample", "-genExample", "--genExample", "-genExample",
            "-type", "--type",
            "-setDataHashInToken", "-setDataHashInToken", "--setDataHashInToken", "-setDataHashInToken",
            "-genLongLived", "-genLongLived", "--genLongLived", "-genLongLived");
    /** How long a printed signed request stays valid when the server sets no maximum age. */
    static final Duration DEFAULT_SIGNATURE_LIFETIME = Duration.ofMinutes(5);

    static final String USAGE = """
            Usage: java -jar shapes-api/target/shapes-api.jar token [options]

            Mints an example Approov token (like `approov token -genExample`) and prints only the token.

            Options:
              --expires-in <duration>  lifetime: 30s, 10m, 2h, 1d (default 1h); 0 or negative: already expired
              --expired                the same as --type expired
              --type valid|expired|invalid
                                       valid (default): exp <duration> from now
                                       expired: exp <duration> ago (default 1h ago)
                                       invalid: exp from now, signed with a wrong key (as -type invalid)
              --bind <value>           bind the token to this Authorization header value, scheme included:
                                       adds pay = base64(SHA-256(value)) (as -setDataHashInToken); for an
                                       endpoint bound to several headers, their values concatenated in order
                                       with no separator, e.g. --bind 'Bearer 0123456789abcdefsession-7' 
              --claim <name>=<value>   add or replace a string claim (repeatable); exp, iat and pay are
                                       set by the options above
              --kid <id>               put a key id in the header (as `approov secret -setKeyID`)
              --key <file>             sign with this PKCS#8 PEM private key (RSA or EC P-256) instead of
                                       the secret, for servers configured with its public key
              --alg RS256|PS256|ES256  the algorithm for --key (default: RS256 for RSA, ES256 for EC)
              --install-key <file>     the app installation's key: a PKCS#8 PEM P-256 private key (openssl
                                       genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256); the token
                                       carries its public key as ipk, as Approov's message signing does
              --signed-curl <url>      print a curl line for this exact URL instead of the token: the token
                                       carries an ipk (of --install-key, else of a key pair made now) and the
                                       request is signed with that key as Approov's SDK signs (RFC 9421)
              --account-key <key>      with --signed-curl: sign with this account message-signing key
                                       (base64url or base64, at least 32 bytes), as Approov's SDK signs
                                       under the label account; the token names it (mskid: the configured
                                       APPROOV_ACCOUNT_MESSAGE_SIGNING_KEY_ID, else "demo", or --claim
                                       mskid=...) and carries no ipk unless --install-key is given (then
                                       both signatures are sent)
              --method <method>        the method of --signed-curl (default GET, or POST with --data)
              --data <body>            the body of --signed-curl, sent as JSON with its Content-Digest
              --help                   show this help

            The Approov CLI's spellings work too, so scripts written for `approov token` run unchanged:
              -genExample <api-domain>           a valid token, 1 hour (any API domain: this tool signs
                                                 every one with the secret below)
              -type valid|invalid                as --type
              -setDataHashInToken <value>        as --bind
              -genLongLived <issuer>,<duration>  a token with iss <issuer>, valid for <duration> (30d, 1y)
            e.g. -setDataHashInToken 'ExampleAuthToken==ContentDigest==' -genExample example.com

            Without --key the token is signed HS256 with the account secret, APPROOV_BASE64URL_SECRET or
            APPROOV_BASE64_SECRET (system property, environment or .env file in the working directory), else,
            when no key is configured at all, with Approov's public dummy secret, which the demo server falls
            back to.

            Examples:
              curl -i -H "Approov-Token: $(java -jar shapes-api/target/shapes-api.jar token)" \\
                  http://127.0.0.1:8002/v2/shapes
              curl -i -H "Approov-Token: $(java -jar shapes-api/target/shapes-api.jar token --bind 'Bearer 0123456789abcdef')" \\
                  -H 'Authorization: Bearer 0123456789abcdef' http://127.0.0.1:8002/v2/forms
              java -jar shapes-api/target/shapes-api.jar token --signed-curl http://127.0.0.1:8002/v5/shapes
              java -jar shapes-api/target/shapes-api.jar token --signed-curl http://127.0.0.1:8002/v5/shapes \\
                  --data '{"hello":"world"}'
              java -jar shapes-api/target/shapes-api.jar token --signed-curl http://127.0.0.1:8002/v5/shapes \\
                  --account-key <the key the server's banner printed>
            (A signed curl line is valid for the server's APPROOV_MESSAGE_SIGNING_MAX_AGE_SECONDS, 5 minutes
            by default.)
            """;

    enum Type { VALID, EXPIRED, INVALID }

    /** What the command line asked for; null means "not given". */
    record Options(boolean help, Type type, Duration expiresIn, String binding, Map<String, String> claims,
            String keyId, Path keyFile, String algorithm, Path installKeyFile, String signedCurl, String method,
            String data, byte[] accountKey) {
    }

    private TokenTool() {
    }

    /**
     * Runs the tool.
     *
     * @param environment read only once the options are valid, so {@code --help} works whatever the settings
     */
    static int run(List<String> args, Supplier<Function<String, String>> environment, Clock clock,
            PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException usage) {
            err.println("token: " + usage.getMessage());
            err.println();
            err.print(USAGE);
            return USAGE_ERROR;
        }
        if (options.help()) {
            out.print(USAGE);
            return OK;
        }
        ApproovSettings settings;
        try {
            settings = ApproovSettings.read(environment.get());
        } catch (ApproovConfigurationException invalid) {
            err.println("token: " + invalid.getMessage());
            return INVALID_CONFIGURATION;
        }
        PrivateKey privateKey = null;
        String algorithm = "HS256";
        AppInstallation installation = null;
        URI signedUrl = null;
        try {
            if (options.installKeyFile() != null) {
                installation = AppInstallation.of(PrivateKeyFile.read(options.installKeyFile()));
            } else if (options.signedCurl() != null && options.accountKey() == null) {
                installation = AppInstallation.create();
            }
            if (options.signedCurl() != null) {
                signedUrl = SignedRequest.normalized(options.signedCurl());
            }
            if (options.keyFile() != null) {
                privateKey = PrivateKeyFile.read(options.keyFile());
                algorithm = options.algorithm() != null ? options.algorithm() : PrivateKeyFile.defaultAlgorithm(privateKey);
                PrivateKeyFile.checkAlgorithm(privateKey, algorithm);
                ApproovTokens.signedWith(privateKey, algorithm); // refuses, too, an ES256 key off P-256
            }
        } catch (IllegalArgumentException unusable) {
            err.println("token: " + unusable.getMessage());
            return USAGE_ERROR;
        }
        if (privateKey != null) {
            String token = mint(options, settings, clock.instant(), privateKey, algorithm, installation);
            out.println(signedUrl == null ? token : signedCurl(options, settings, clock.instant(), token, installation,
                    signedUrl));
            return OK;
        }
        if (settings.secret().isEmpty()) {
            err.println("token: no " + ApproovSettings.SECRET_VARIABLES + " to sign with: this configuration has"
                    + " only other keys; pass --key <private key PEM> (and --kid) for them.");
            return INVALID_CONFIGURATION;
        }
        switch (settings.source()) {
            case DUMMY_FALLBACK -> err.println("token: no " + ApproovSettings.SECRET_VARIABLES + " configured:"
                    + " signed with Approov's public dummy secret (demo only).");
            case DUMMY_CONFIGURED -> err.println("token: the configured secret is Approov's public dummy secret"
                    + " (demo only).");
            case CONFIGURED -> { }
        }
        String token = mint(options, settings, clock.instant(), null, algorithm, installation);
        out.println(signedUrl == null ? token : signedCurl(options, settings, clock.instant(), token, installation,
                signedUrl));
        return OK;
    }

    /**
     * The curl line of a request signed with the installation key, the account key of {@code --account-key}, or
     * both, as the SDK signs it; valid for the server's maximum signature age (or
     * {@link #DEFAULT_SIGNATURE_LIFETIME} when it sets none).
     */
    static String signedCurl(Options options, ApproovSettings settings, Instant now, String token,
            AppInstallation installation, URI url) {
        byte[] body = options.data() == null ? null : options.data().getBytes(StandardCharsets.UTF_8);
        String method = options.method() != null ? options.method() : body == null ? "GET" : "POST";
        Map<String, String> headers = new LinkedHashMap<>();
        if (options.binding() != null) {
            // The bound value goes in the (first) binding header; for several, send the others yourself.
            headers.put(settings.config().bindingHeaderNames().get(0), options.binding());
        }
        return SignedRequest.sign(installation, options.accountKey(), method, url, settings.config().tokenHeaderName(),
                token, headers, body, now, signatureLifetime(settings).toSeconds()).curl();
    }

    /** How long printed signatures stay valid: as long as the server accepts them, 5 minutes at most. */
    static Duration signatureLifetime(ApproovSettings settings) {
        Duration maxAge = settings.config().signatureMaxAge();
        return maxAge.isZero() || maxAge.compareTo(DEFAULT_SIGNATURE_LIFETIME) > 0 ? DEFAULT_SIGNATURE_LIFETIME : maxAge;
    }

    /** The token the options describe, HS256 with the settings' secret. */
    static String mint(Options options, ApproovSettings settings, Instant now) {
        return mint(options, settings, now, null, "HS256", null);
    }

    /**
     * The token the options describe, signed with {@code privateKey} when given, else the settings' secret;
     * carrying the {@code ipk} of {@code installation} when given.
     */
    static String mint(Options options, ApproovSettings settings, Instant now, PrivateKey privateKey,
            String algorithm, AppInstallation installation) {
        Type type = effectiveType(options);
        Duration expiresIn = options.expiresIn() != null ? options.expiresIn() : DEFAULT_EXPIRES_IN;
        Instant expiresAt = type == Type.EXPIRED ? now.minus(expiresIn.abs()) : now.plus(expiresIn);
        // An expired token was issued before it expired, as a real one: an hour before, the default lifetime.
        Instant issuedAt = expiresAt.isAfter(now) ? now : expiresAt.minus(DEFAULT_EXPIRES_IN);
        ApproovTokens.Builder token = (privateKey != null ? ApproovTokens.signedWith(privateKey, algorithm)
                : ApproovTokens.hs256(settings.secret().orElseThrow())).issuedAt(issuedAt).expiresAt(expiresAt);
        // A server that expects an audience refuses tokens without it: make "valid" mean valid for it.
        if (settings.config().expectedAudience().isPresent()) {
            token = token.claim("aud", settings.config().expectedAudience().get());
        }
        if (options.binding() != null) {
            token = token.boundTo(options.binding());
        }
        for (Map.Entry<String, String> claim : options.claims().entrySet()) {
            token = token.claim(claim.getKey(), claim.getValue());
        }
        if (installation != null) {
            token = token.installationKey(installation.publicKey());
        }
        if (options.accountKey() != null && !options.claims().containsKey("mskid")) {
            token = token.accountKeyId(settings.accountKeyId());
        }
        if (options.keyId() != null) {
            token = token.keyId(options.keyId());
        }
        return (type == Type.INVALID ? token.withWrongSignature() : token).mint();
    }

    /** The type asked for, or EXPIRED when a non-positive lifetime was given without one. */
    private static Type effectiveType(Options options) {
        if (options.type() != null) {
            return options.type();
        }
        boolean alreadyExpired = options.expiresIn() != null
                && (options.expiresIn().isNegative() || options.expiresIn().isZero());
        return alreadyExpired ? Type.EXPIRED : Type.VALID;
    }

    /**
     * Parses the command line; {@code --name value} and {@code --name=value} both work.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    static Options parse(List<String> args) {
        boolean help = false;
        Type type = null;
        Duration expiresIn = null;
        String binding = null;
        Map<String, String> claims = new LinkedHashMap<>();
        String keyId = null;
        Path keyFile = null;
        String algorithm = null;
        Path installKeyFile = null;
        String signedCurl = null;
        String method = null;
        String data = null;
        String apiDomain = null;
        byte[] accountKey = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("-") && equals > 0) {
                name = arg.substring(0, equals);
                inlineValue = arg.substring(equals + 1);
            }
            name = CLI_SPELLINGS.getOrDefault(name, name);
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--expired" -> {
                    noValue(name, inlineValue);
                    type = once(name, type, Type.EXPIRED);
                }
                case "--type" -> type = once(name, type, parseType(
                        inlineValue != null ? inlineValue : valueAfter(args, ++i, name)));
                case "--expires-in" -> expiresIn = once("--expires-in/-genLongLived", expiresIn, ExpiryDuration.parse(
                        inlineValue != null ? inlineValue : valueAfter(args, ++i, name)));
                case "--bind", "-setDataHashInToken" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, ++i, name);
                    if (value.isEmpty()) {
                        throw new IllegalArgumentException(name + " needs the whole header value, e.g."
                                + " 'Bearer 0123456789abcdef'");
                    }
                    binding = once("--bind/-setDataHashInToken", binding, value);
                }
                case "-genExample" -> {
                    String domain = inlineValue != null ? inlineValue : valueAfter(args, ++i, name);
                    if (domain.isEmpty() || domain.startsWith("-") || domain.chars().anyMatch(c -> c <= ' ')) {
                        throw new IllegalArgumentException("-genExample takes the API domain, e.g. example.com");
                    }
                    apiDomain = once(name, apiDomain, domain);
                }
                case "-genLongLived" -> {
                    String value = inlineValue != null ? inlineValue : valueAfter(args, ++i, name);
                    int comma = value.lastIndexOf(',');
                    if (comma <= 0 || value.substring(0, comma).isBlank()) {
                        throw new IllegalArgumentException("-genLongLived takes <issuer>,<duration>, e.g."
                                + " api.example.com,30d");
                    }
                    expiresIn = once("--expires-in/-genLongLived", expiresIn,
                            ExpiryDuration.parse(name, value.substring(comma + 1)));
                    addClaim("iss=" + value.substring(0, comma), claims);
                }
                case "--claim" -> addClaim(inlineValue != null ? inlineValue : valueAfter(args, ++i, name), claims);
                case "--kid" -> keyId = once(name, keyId, inlineValue != null ? inlineValue : valueAfter(args, ++i, name));
                case "--key" -> keyFile = once(name, keyFile,
                        Path.of(inlineValue != null ? inlineValue : valueAfter(args, ++i, name)));
                case "--alg" -> algorithm = once(name, algorithm, parseAlgorithm(
                        inlineValue != null ? inlineValue : valueAfter(args, ++i, name)));
                case "--install-key" -> installKeyFile = once(name, installKeyFile,
                        Path.of(inlineValue != null ? inlineValue : valueAfter(args, ++i, name)));
                case "--signed-curl" -> signedCurl = once(name, signedCurl,
                        inlineValue != null ? inlineValue : valueAfter(args, ++i, name));
                case "--method" -> method = once(name, method, parseMethod(
                        inlineValue != null ? inlineValue : valueAfter(args, ++i, name)));
                case "--data" -> data = once(name, data, inlineValue != null ? inlineValue : valueAfter(args, ++i, name));
                case "--account-key" -> accountKey = once(name, accountKey, parseAccountKey(
                        inlineValue != null ? inlineValue : valueAfter(args, ++i, name)));
                default -> throw new IllegalArgumentException("unknown option \"" + arg + "\"");
            }
        }
        boolean nonPositive = expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero());
        if (!help && nonPositive && (type == Type.VALID || type == Type.INVALID)) {
            throw new IllegalArgumentException("--type " + type.name().toLowerCase(Locale.ROOT)
                    + " needs a positive --expires-in; use --type expired for an expired token");
        }
        if (!help && algorithm != null && keyFile == null) {
            throw new IllegalArgumentException("--alg needs --key: without a private key the token is HS256");
        }
        if (!help && (method != null || data != null || accountKey != null) && signedCurl == null) {
            throw new IllegalArgumentException((method != null ? "--method" : data != null ? "--data" : "--account-key")
                    + " needs --signed-curl <url>");
        }
        return new Options(help, type, expiresIn, binding, Collections.unmodifiableMap(claims), // in order given
                keyId, keyFile, algorithm, installKeyFile, signedCurl, method, data, accountKey);
    }

    /** An HTTP method token, as curl sends it: upper case by convention, any RFC 9110 tchar allowed. */
    private static String parseMethod(String value) {
        boolean token = !value.isEmpty() && value.chars().allMatch(c -> (c < 128 && Character.isLetterOrDigit(c))
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
        if (!token) {
            throw new IllegalArgumentException("--method takes an HTTP method such as GET or POST; got \"" + value + "\"");
        }
        return value;
    }

    /**
     * An account message-signing key in base64url (padding optional) or standard base64, at least 32 bytes; the
     * refusal never repeats it.
     */
    static byte[] parseAccountKey(String value) {
        String text = value.strip();
        byte[] key = null;
        for (Base64.Decoder decoder : List.of(Base64.getUrlDecoder(), Base64.getDecoder())) {
            try {
                key = key != null ? key : decoder.decode(text);
            } catch (IllegalArgumentException notThisAlphabet) {
                // try the other one
            }
        }
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("--account-key takes the account message-signing key in base64url or"
                    + " base64, at least 32 bytes (the banner of the demo server prints one)");
        }
        return key;
    }

    private static Type parseType(String value) {
        return switch (value) {
            case "valid" -> Type.VALID;
            case "expired" -> Type.EXPIRED;
            case "invalid" -> Type.INVALID;
            case "failover" -> throw new IllegalArgumentException("--type failover is the Approov CLI's, for"
                    + " tokens of its failover service; this tool mints valid, expired or invalid ones");
            default -> throw new IllegalArgumentException("--type takes valid, expired or invalid; got \""
                    + value + "\"");
        };
    }

    private static String parseAlgorithm(String value) {
        String algorithm = value.toUpperCase(Locale.ROOT);
        if (!List.of("RS256", "PS256", "ES256").contains(algorithm)) {
            throw new IllegalArgumentException("--alg takes RS256, PS256 or ES256; got \"" + value + "\"");
        }
        return algorithm;
    }

    private static void addClaim(String nameEqualsValue, Map<String, String> claims) {
        int equals = nameEqualsValue.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("--claim takes name=value, e.g. --claim iss=example.com");
        }
        String name = nameEqualsValue.substring(0, equals);
        if (RESERVED_CLAIMS.contains(name)) {
            throw new IllegalArgumentException("--claim cannot set \"" + name + "\": use --expires-in, --type,"
                    + " --bind or --install-key");
        }
        if (claims.putIfAbsent(name, nameEqualsValue.substring(equals + 1)) != null) {
            throw new IllegalArgumentException("--claim " + name + " given twice");
        }
    }

    private static String valueAfter(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static void noValue(String option, String inlineValue) {
        if (inlineValue != null) {
            throw new IllegalArgumentException(option + " takes no value");
        }
    }

    private static <T> T once(String option, T previous, T value) {
        if (previous != null) {
            throw new IllegalArgumentException(option + (option.equals("--expired") || option.equals("--type")
                    ? " and --type/--expired given together or twice" : " given twice"));
        }
        return value;
    }
}
