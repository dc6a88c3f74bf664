package io.github.approovjaxrs.shapes;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.function.Function;

/**
 * Where the server listens: {@code HTTP_HOST} (default {@code 127.0.0.1}, this machine only) and
 * {@code HTTP_PORT} (default 8002, as Approov's walkthroughs; 0 picks a free port).
 */
record ServerAddress(String host, int port) {

    static final String HOST_VARIABLE = "HTTP_HOST";
    static final String PORT_VARIABLE = "HTTP_PORT";
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8002;

    /**
     * Reads both variables from {@code environment}; unset or blank means the default.
     *
     * @throws StartupException when {@code HTTP_PORT} is not a port number
     */
    static ServerAddress read(Function<String, String> environment) {
        String host = environment.apply(HOST_VARIABLE);
        String port = environment.apply(PORT_VARIABLE);
        return new ServerAddress(
                host == null || host.isBlank() ? DEFAULT_HOST : host.strip(),
                port == null || port.isBlank() ? DEFAULT_PORT : parsePort(port.strip()));
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new StartupException(PORT_VARIABLE + " must be a port number from 1 to 65535 (or 0 for any free"
                + " port); got " + quoted(text) + ".");
    }

    /**
     * The host's address, resolved now so that a typo is reported as such rather than as a bind failure.
     *
     * @throws StartupException when the name does not resolve
     */
    InetAddress resolve() {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException unresolvable) {
            throw new StartupException(HOST_VARIABLE + " " + quoted(host) + " cannot be resolved: set it to an"
                    + " IP address or a known host name (default " + DEFAULT_HOST + ").");
        }
    }

    ServerAddress withPort(int actualPort) {
        return new ServerAddress(host, actualPort);
    }

    /** {@code http://host:port/}, with an IPv6 literal in brackets. */
    URI baseUri() {
        return URI.create("http://" + uriHost(host) + ":" + port + "/");
    }

    /**
     * The base URI a client on this machine should call: a wildcard bind ({@code 0.0.0.0}, {@code ::}) is
     * not an address to call, so the loopback address stands in for it.
     */
    URI localClientUri() {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress()) {
                return URI.create("http://" + uriHost(address instanceof Inet6Address ? "::1" : "127.0.0.1")
                        + ":" + port + "/");
            }
        } catch (UnknownHostException unresolvable) {
            // the server could not have started; keep the configured name
        }
        return baseUri();
    }

    private static String uriHost(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** A value for a message: these settings hold no secret, but an absurd value is cut short. */
    private static String quoted(String value) {
        return "\"" + (value.length() <= 64 ? value : value.substring(0, 61) + "...") + "\"";
    }
}
