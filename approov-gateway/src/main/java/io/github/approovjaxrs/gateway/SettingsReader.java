package io.github.approovjaxrs.gateway;

import static io.github.approovjaxrs.core.ApproovConfigurationException.quoteSafely;

import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * What both modes of the jar read alike, the gateway ({@link GatewayConfig}) and the check service
 * ({@link CheckServiceConfig}): where to listen, the binding header under either of its names, and the
 * library's settings with the {@code --demo} rules for Approov's public dummy secret. Problems are collected
 * rather than thrown, so that one run reports every mistake in one line.
 */
abstract class SettingsReader {

    static final String HOST = "HTTP_HOST";
    static final String PORT = "HTTP_PORT";
    static final String DEFAULT_HOST = "127.0.0.1";
    /** The Cloudflare worker's name for the binding header ... */
    static final String BINDING_HEADER_NAME = "APPROOV_BINDING_HEADER_NAME";
    /** ... and the library's, accepted as well. */
    static final String LIBRARY_BINDING_HEADER_NAME = "APPROOV_TOKEN_BINDING_HEADER_NAME";
    /**
     * Approov's public dummy secret, from the quickstarts' TESTING.md. Canonical base64 (the library accepts
     * no other spelling), so a configured value contains this exact text when it holds the dummy secret.
     */
    static final String DUMMY_SECRET_BASE64 =
            "h+CX0tOzdAAR9l15bWAqvq7w9olk66daIH+Xk+IAHhVVHszjDzeGobzNnqyRze3lw/WVyWrc2gZfh3XXfBOmww==";
    /** The dummy secret as `approov secret -get base64url` prints it: a configured value may hold this text too. */
    static final String DUMMY_SECRET_BASE64URL = DUMMY_SECRET_BASE64.replace('+', '-').replace('/', '_').replace("=", "");
    /** The library's variables that configure a key; if none is set, there is no key. */
    static final List<String> KEY_VARIABLES = List.of("APPROOV_BASE64_SECRET", "APPROOV_BASE64URL_SECRET",
            "APPROOV_BASE64_SECRETS", "APPROOV_JWKS_FILE", "APPROOV_PUBLIC_KEY_PEM");
    /** Those of {@link #KEY_VARIABLES} that hold secrets as text, where the dummy secret would show. */
    private static final List<String> SECRET_VARIABLES = KEY_VARIABLES.subList(0, 3);

    final List<String> problems = new ArrayList<>();
    final boolean demo;
    String host = DEFAULT_HOST;
    int port;
    ApproovConfig approov;
    boolean dummySecret;

    private final Function<String, String> environment;
    /** What the messages call this mode, e.g. "the gateway". */
    private final String mode;

    SettingsReader(Function<String, String> environment, boolean demo, String mode, int defaultPort) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.demo = demo;
        this.mode = mode;
        this.port = defaultPort;
    }

    /** The value of {@code name}, stripped; null when unset or blank, as the library reads its own. */
    final String get(String name) {
        String value = environment.apply(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code HTTP_HOST} and {@code HTTP_PORT}. */
    final void readHostAndPort() {
        String hostValue = get(HOST);
        if (hostValue != null) {
            host = hostValue;
        }
        String portValue = get(PORT);
        if (portValue != null) {
            Integer parsed = parseInteger(portValue);
            if (parsed == null || parsed < 0 || parsed > 65535) {
                problems.add(PORT + " must be a port number from 1 to 65535 (or 0 for any free port); got "
                        + quoteSafely(portValue) + ".");
            } else {
                port = parsed;
            }
        }
    }

    /**
     * The library's settings, with the binding header list under either name (the same headers in the same
     * order when both are set), and with {@code --demo} Approov's public dummy secret when no key is
     * configured; the dummy secret, in base64 or base64url, is refused without {@code --demo}.
     */
    final void readApproov() {
        String gatewayName = get(BINDING_HEADER_NAME);
        String libraryName = get(LIBRARY_BINDING_HEADER_NAME);
        if (gatewayName != null && libraryName != null && !headerList(gatewayName).equals(headerList(libraryName))) {
            problems.add(BINDING_HEADER_NAME + " and " + LIBRARY_BINDING_HEADER_NAME + " name different headers ("
                    + quoteSafely(gatewayName) + ", " + quoteSafely(libraryName) + "): set only one of them.");
        }
        String bindingHeader = gatewayName != null ? gatewayName : libraryName;
        boolean noKey = KEY_VARIABLES.stream().map(this::get).allMatch(Objects::isNull);
        boolean configuredDummy = SECRET_VARIABLES.stream().map(this::get)
                .anyMatch(value -> value != null && (value.contains(DUMMY_SECRET_BASE64)
                        || value.contains(DUMMY_SECRET_BASE64URL)));
        if (configuredDummy && !demo) {
            problems.add("The configured Approov secret is Approov's public dummy secret, with which anyone can"
                    + " mint tokens: set APPROOV_BASE64URL_SECRET to your account's secret (`approov secret -get"
                    + " base64url`), or run with --demo to try " + mode + " with it.");
        }
        dummySecret = demo && (noKey || configuredDummy);
        boolean demoFallback = demo && noKey;
        Function<String, String> variables = name -> {
            if (name.equals(LIBRARY_BINDING_HEADER_NAME)) {
                return bindingHeader;
            }
            if (demoFallback && name.equals("APPROOV_BASE64_SECRET")) {
                return DUMMY_SECRET_BASE64;
            }
            return get(name);
        };
        try {
            approov = ApproovConfig.fromEnvironment(variables);
        } catch (ApproovConfigurationException invalid) {
            problems.add(invalid.getMessage() + (noKey ? " (Or run with --demo to try " + mode + " with"
                    + " Approov's public dummy secret.)" : ""));
        }
    }

    /** A comma-separated list of header names as the library reads it: stripped, compared in any case. */
    private static List<String> headerList(String names) {
        return Arrays.stream(names.split(",", -1)).map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * Ends the reading.
     *
     * @throws GatewayConfigException listing every problem found, in one line
     */
    final void failOnProblems() {
        if (!problems.isEmpty()) {
            throw new GatewayConfigException(String.join(" ", problems));
        }
    }

    /** {@code true} or {@code false} in any case; a problem, and {@code fallback}, otherwise. */
    final boolean parseBoolean(String name, String value, boolean fallback) {
        String normalized = value.toLowerCase(Locale.ROOT);
        if (normalized.equals("true") || normalized.equals("false")) {
            return normalized.equals("true");
        }
        problems.add(name + " must be true or false; got " + quoteSafely(value) + ".");
        return fallback;
    }

    static Integer parseInteger(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
