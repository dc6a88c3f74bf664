package io.github.approovjaxrs.gateway;

import static io.github.approovjaxrs.core.ApproovConfigurationException.quoteSafely;

import io.github.approovjaxrs.core.ApproovConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Everything the gateway is told, read once at start-up from the library's lookup (JVM system property, else
 * environment, else {@code .env}) and validated together, so one run reports every mistake in one line.
 *
 * <p>Fails closed: without an upstream or without a key the gateway does not start. Only {@code --demo}
 * supplies defaults for them (the Shapes API on this machine, Approov's public dummy secret), and only
 * {@code --demo} accepts the dummy secret at all, since anyone can mint tokens for it.
 */
final class GatewayConfig {

    static final String UPSTREAM_URL = "APPROOV_UPSTREAM_URL";
    /** The Cloudflare worker's name for the upstream; a bare domain there means https. */
    static final String API_DOMAIN = "API_DOMAIN";
    static final String VERIFICATION_STRATEGY = "APPROOV_VERIFICATION_STRATEGY";
    static final String BINDING_PATH_PREFIXES = "APPROOV_BINDING_PATH_PREFIXES";
    static final String BINDING_HEADER_NAME = SettingsReader.BINDING_HEADER_NAME;
    static final String STRIP_TOKEN_HEADER = "APPROOV_STRIP_TOKEN_HEADER";
    static final String CONNECT_TIMEOUT = "APPROOV_UPSTREAM_CONNECT_TIMEOUT_MILLIS";
    static final String READ_TIMEOUT = "APPROOV_UPSTREAM_READ_TIMEOUT_MILLIS";
    static final String PORT = SettingsReader.PORT;
    static final String WORKER_THREADS = "HTTP_WORKER_THREADS";

    /** Next to the Shapes API's 8002, so both run side by side with their defaults. */
    static final int DEFAULT_PORT = 8003;
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    static final long MAXIMUM_TIMEOUT_MILLIS = Duration.ofHours(1).toMillis();
    /** Each request in flight holds a worker while it waits for and streams the upstream's answer. */
    static final int DEFAULT_WORKER_THREADS = 200;
    static final int MAXIMUM_WORKER_THREADS = 10_000;

    /** {@code --demo}: the Shapes API of the README, on its default port. */
    static final String DEMO_UPSTREAM = "http://127.0.0.1:8002";
    /** {@code --demo}: the Shapes API's {@code /v1/forms} gains the binding check, the rest the token check. */
    static final String DEMO_BINDING_PATH_PREFIXES = "/v1/forms";
    /** Approov's public dummy secret, accepted only with {@code --demo}. */
    static final String DUMMY_SECRET_BASE64 = SettingsReader.DUMMY_SECRET_BASE64;

    /** Which requests must carry a token bound to the binding header, as Approov's Cloudflare worker names it. */
    enum Strategy {
        /** A valid token; bound as well on the paths of {@code APPROOV_BINDING_PATH_PREFIXES}. */
        TOKEN("token"),
        /** A valid token bound to the binding header, on every path. */
        TOKEN_BINDING("token-binding");

        private final String value;

        Strategy(String value) {
            this.value = value;
        }

        String value() {
            return value;
        }
    }

    private final URI upstream;
    private final Strategy strategy;
    private final BindingPolicy bindingPolicy;
    private final boolean stripTokenHeader;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String host;
    private final int port;
    private final int workerThreads;
    private final ApproovConfig approov;
    private final boolean dummySecret;

    private GatewayConfig(Reader read) {
        this.upstream = read.upstream;
        this.strategy = read.strategy;
        this.bindingPolicy = read.bindingPolicy;
        this.stripTokenHeader = read.stripTokenHeader;
        this.connectTimeout = read.connectTimeout;
        this.readTimeout = read.readTimeout;
        this.host = read.host;
        this.port = read.port;
        this.workerThreads = read.workerThreads;
        this.approov = read.approov;
        this.dummySecret = read.dummySecret;
    }

    /**
     * Reads and validates every setting.
     *
     * @param environment name to value, null when unset (e.g. {@link ApproovConfig#environment()})
     * @param demo whether {@code --demo} was given
     * @throws GatewayConfigException listing every problem, each naming its variable and the fix
     */
    static GatewayConfig read(Function<String, String> environment, boolean demo) {
        Reader reader = new Reader(environment, demo);
        reader.readAll();
        reader.failOnProblems();
        return new GatewayConfig(reader);
    }

    /** The upstream's base URL: scheme, authority and a base path without a trailing slash (maybe empty). */
    URI upstream() {
        return upstream;
    }

    Strategy strategy() {
        return strategy;
    }

    BindingPolicy bindingPolicy() {
        return bindingPolicy;
    }

    /** Whether the token header is removed before forwarding (default); the binding header never is. */
    boolean stripTokenHeader() {
        return stripTokenHeader;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * How long the upstream may take to start its answer, counted from the start of the exchange (so a
     * request body's upload counts too: java.net.http has no other timeout), and the longest pause within
     * the answer's body.
     */
    Duration readTimeout() {
        return readTimeout;
    }

    String host() {
        return host;
    }

    /** The port to listen on; 0 picks a free one. */
    int port() {
        return port;
    }

    int workerThreads() {
        return workerThreads;
    }

    ApproovConfig approov() {
        return approov;
    }

    /** True when the key in use is Approov's public dummy secret (only possible with {@code --demo}). */
    boolean usesDummySecret() {
        return dummySecret;
    }

    @Override
    public String toString() {
        return "GatewayConfig[upstream=" + upstream + ", strategy=" + strategy.value()
                + ", binding=" + bindingPolicy.describe() + ", stripTokenHeader=" + stripTokenHeader
                + ", connectTimeout=" + connectTimeout.toMillis() + "ms, readTimeout=" + readTimeout.toMillis()
                + "ms, listen=" + host + ":" + port + ", workerThreads=" + workerThreads
                + ", dummySecret=" + dummySecret + ", " + approov + "]";
    }

    /** Reads one setting after the other, collecting problems instead of stopping at the first. */
    private static final class Reader extends SettingsReader {
        private URI upstream;
        private Strategy strategy = Strategy.TOKEN;
        private BindingPolicy bindingPolicy = BindingPolicy.none();
        private boolean stripTokenHeader = true;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private int workerThreads = DEFAULT_WORKER_THREADS;

        Reader(Function<String, String> environment, boolean demo) {
            super(environment, demo, "the gateway", DEFAULT_PORT);
        }

        void readAll() {
            readUpstream();
            readBinding();
            String strip = get(STRIP_TOKEN_HEADER);
            if (strip != null) {
                stripTokenHeader = parseBoolean(STRIP_TOKEN_HEADER, strip, stripTokenHeader);
            }
            connectTimeout = readMillis(CONNECT_TIMEOUT, connectTimeout);
            readTimeout = readMillis(READ_TIMEOUT, readTimeout);
            readListener();
            readApproov();
        }

        private void readUpstream() {
            String url = get(UPSTREAM_URL);
            String domain = get(API_DOMAIN);
            URI fromUrl = url == null ? null : parseUpstream(UPSTREAM_URL, url);
            URI fromDomain = domain == null ? null
                    : parseUpstream(API_DOMAIN, domain.contains("://") ? domain : "https://" + domain);
            if (fromUrl != null && fromDomain != null && !fromUrl.equals(fromDomain)) {
                problems.add(UPSTREAM_URL + " and " + API_DOMAIN + " name different upstreams ("
                        + quoteSafely(url) + ", " + quoteSafely(domain) + "): set only one of them.");
            }
            upstream = fromUrl != null ? fromUrl : fromDomain;
            if (url == null && domain == null) {
                if (demo) {
                    upstream = parseUpstream(UPSTREAM_URL, DEMO_UPSTREAM);
                } else {
                    problems.add(UPSTREAM_URL + " is not set: set it to the base URL of the API to put behind the"
                            + " gateway, e.g. https://api.example.com (or set " + API_DOMAIN + "=api.example.com,"
                            + " as for Approov's Cloudflare worker).");
                }
            }
        }

        /** An absolute http(s) URL with a host and nothing after its path; null, with a problem, otherwise. */
        private URI parseUpstream(String name, String text) {
            String fix = ": give the base URL of the upstream API, e.g. https://api.example.com or"
                    + " http://127.0.0.1:8002/base; got " + quoteSafely(text) + ".";
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException notAUri) {
                problems.add(name + " is not a URL" + fix);
                return null;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problems.add(name + " must be an http:// or https:// URL" + fix);
                return null;
            }
            if (uri.getHost() == null) {
                problems.add(name + " has no host name" + fix);
                return null;
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add(name + " must not carry credentials, a query or a fragment" + fix);
                return null;
            }
            String basePath = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            return URI.create(scheme + "://" + uri.getRawAuthority() + basePath);
        }

        private void readBinding() {
            String strategyValue = get(VERIFICATION_STRATEGY);
            if (strategyValue != null) {
                String normalized = strategyValue.toLowerCase(Locale.ROOT);
                if (normalized.equals(Strategy.TOKEN.value())) {
                    strategy = Strategy.TOKEN;
                } else if (normalized.equals(Strategy.TOKEN_BINDING.value())) {
                    strategy = Strategy.TOKEN_BINDING;
                } else {
                    problems.add(VERIFICATION_STRATEGY + " must be token or token-binding; got "
                            + quoteSafely(strategyValue) + ".");
                }
            }
            String prefixes = get(BINDING_PATH_PREFIXES);
            if (strategy == Strategy.TOKEN_BINDING) {
                if (prefixes != null) {
                    problems.add(BINDING_PATH_PREFIXES + " is for the token strategy: with " + VERIFICATION_STRATEGY
                            + "=token-binding every path already needs the binding; unset one of them.");
                }
                bindingPolicy = BindingPolicy.everyPath();
                return;
            }
            if (prefixes == null && demo) {
                prefixes = DEMO_BINDING_PATH_PREFIXES;
            }
            if (prefixes != null) {
                List<String> list = new ArrayList<>();
                for (String prefix : prefixes.split(",", -1)) {
                    String trimmed = prefix.strip();
                    if (!trimmed.startsWith("/") || trimmed.contains("?") || trimmed.contains("#")
                            || trimmed.chars().anyMatch(Character::isWhitespace)) {
                        problems.add(BINDING_PATH_PREFIXES + " is a comma-separated list of paths, each starting"
                                + " with /, e.g. /v1/forms,/api/payments; got the entry " + quoteSafely(trimmed) + ".");
                        return;
                    }
                    list.add(trimmed);
                }
                bindingPolicy = BindingPolicy.underPrefixes(list);
            }
        }

        private void readListener() {
            readHostAndPort();
            String threads = get(WORKER_THREADS);
            if (threads != null) {
                Integer parsed = parseInteger(threads);
                if (parsed == null || parsed < 1 || parsed > MAXIMUM_WORKER_THREADS) {
                    problems.add(WORKER_THREADS + " must be a whole number from 1 to " + MAXIMUM_WORKER_THREADS
                            + " (default " + DEFAULT_WORKER_THREADS + "); got " + quoteSafely(threads) + ".");
                } else {
                    workerThreads = parsed;
                }
            }
        }

        private Duration readMillis(String name, Duration fallback) {
            String value = get(name);
            if (value == null) {
                return fallback;
            }
            Integer millis = parseInteger(value);
            if (millis == null || millis < 1 || millis > MAXIMUM_TIMEOUT_MILLIS) {
                problems.add(name + " must be a whole number of milliseconds from 1 to " + MAXIMUM_TIMEOUT_MILLIS
                        + " (default " + fallback.toMillis() + "); got " + quoteSafely(value) + ".");
                return fallback;
            }
            return Duration.ofMillis(millis);
        }
    }
}
