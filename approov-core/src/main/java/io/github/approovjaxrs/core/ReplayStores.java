package io.github.approovjaxrs.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Which {@link ReplayStore} a check uses when its builder was given none: the in-memory one, or the store that
 * {@code APPROOV_REPLAY_STORE_URL} names, opened by the {@link ReplayStoreFactory} on the class path that knows
 * the URL's scheme. Found with {@link ServiceLoader}, so that the core depends on no store's client library: an
 * application that wants Redis adds {@code approov-replay-redis} and sets the variable, and one that does not
 * gets no Redis client at all.
 */
final class ReplayStores {

    private ReplayStores() {
    }

    /** The store {@code config} asks for: opened from its URL, else in memory. */
    static ReplayStore open(ApproovConfig config) {
        String url = config.replayStoreUrl().orElse(null);
        if (url == null) {
            return new InMemoryReplayStore(config.replayStoreMaxEntries(), System::nanoTime);
        }
        String scheme = URI.create(url.strip()).getScheme().toLowerCase(Locale.ROOT);
        ReplayStoreFactory factory = factoryFor(scheme);
        if (factory == null) {
            throw new ApproovConfigurationException(ConfigVariables.REPLAY_STORE_URL + " names a " + scheme
                    + ":// store (" + redacted(url) + "), but no replay store for " + scheme + " is on the class"
                    + " path: add io.github.approovjaxrs:approov-replay-redis to the application, or unset the"
                    + " variable to remember single-use requests in memory.");
        }
        return factory.open(url.strip(), config.replayStoreTimeout());
    }

    /**
     * The first factory for {@code scheme}: from the thread's context class loader (an application server's
     * web application), else this library's.
     */
    private static ReplayStoreFactory factoryFor(String scheme) {
        Set<ClassLoader> loaders = new LinkedHashSet<>();
        if (Thread.currentThread().getContextClassLoader() != null) {
            loaders.add(Thread.currentThread().getContextClassLoader());
        }
        loaders.add(ReplayStores.class.getClassLoader());
        for (ClassLoader loader : loaders) {
            try {
                for (ReplayStoreFactory factory : ServiceLoader.load(ReplayStoreFactory.class, loader)) {
                    if (factory.schemes().contains(scheme)) {
                        return factory;
                    }
                }
            } catch (ServiceConfigurationError broken) {
                throw new ApproovConfigurationException("A replay store on the class path cannot be loaded ("
                        + broken.getClass().getSimpleName() + "); check the approov-replay-* jars.");
            }
        }
        return null;
    }

    /**
     * Why {@code url} cannot name a store (said without the URL's user name, password or query), or null: it
     * must be an absolute URI with a scheme and a host.
     */
    static String urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException notAUri) {
            return "is not a URL (a value of " + url.length() + " characters); write it as"
                    + " redis://host:6379, rediss://:password@host:6380/0 (TLS), with any special character of the"
                    + " password percent-encoded.";
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return "needs a scheme and a host, such as redis://redis.internal:6379; got " + redacted(url) + ".";
        }
        return null;
    }

    /**
     * {@code url} as a message or a log may show it: the scheme, a mark where a user name or password was, the
     * host, the port and the path; never the user information or the query. A URL that does not parse is shown
     * by its length only.
     */
    static String redacted(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException notAUri) {
            return "a value of " + url.length() + " characters";
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return "a value of " + url.length() + " characters";
        }
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + (uri.getRawUserInfo() != null ? "***@" : "")
                + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + path(uri.getRawPath());
    }

    /** A database number such as {@code /0} as it is; any other path as {@code /...}. */
    private static String path(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return "";
        }
        return rawPath.matches("/[0-9]{1,5}") ? rawPath : "/...";
    }
}
