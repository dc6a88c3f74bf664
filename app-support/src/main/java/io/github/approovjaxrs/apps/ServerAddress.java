package io.github.approovjaxrs.apps;

import static io.github.approovjaxrs.core.ApproovConfigurationException.quoteSafely;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.function.Function;

/**
 * Where an app listens: {@code HTTP_HOST} (default {@code 127.0.0.1}, this machine only) and
 * {@code HTTP_PORT} (each app has its own default; 0 picks a free port).
 *
 * @param host a host name or IP address literal
 * @param port a port from 0 to 65535
 */
public record ServerAddress(String host, int port) {

    /** The variable that names the address to listen on. */
    public static final String HOST_VARIABLE = "HTTP_HOST";
    /** The variable that names the port to listen on. */
    public static final String PORT_VARIABLE = "HTTP_PORT";
    /** This machine only: an app is reachable from elsewhere only when told so. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /**
     * Reads both variables from {@code environment}; unset or blank means the default.
     *
     * @param defaultPort the app's port when {@code HTTP_PORT} is unset
     * @throws StartupException when {@code HTTP_PORT} is not a port number
     */
    public static ServerAddress read(Function<String, String> environment, int defaultPort) {
        String host = environment.apply(HOST_VARIABLE);
        String port = environment.apply(PORT_VARIABLE);
        return new ServerAddress(
                host == null || host.isBlank() ? DEFAULT_HOST : host.strip(),
                port == null || port.isBlank() ? defaultPort : parsePort(port.strip()));
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
                + " port); got " + quoteSafely(text) + ".");
    }

    /**
     * The host's address, resolved now so that a typo is reported as such rather than as a bind failure.
     *
     * @throws StartupException when the name does not resolve
     */
    public InetAddress resolve() {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException unresolvable) {
            throw new StartupException(HOST_VARIABLE + " cannot be resolved: set it to an IP address or a known"
                    + " host name (default " + DEFAULT_HOST + "); got " + quoteSafely(host) + ".");
        }
    }

    /** The same host with another port: the one the server got when 0 was asked for. */
    public ServerAddress withPort(int actualPort) {
        return new ServerAddress(host, actualPort);
    }

    /** {@code http://host:port/}, with an IPv6 literal in brackets. */
    public URI baseUri() {
        return URI.create("http://" + uriHost(host) + ":" + port + "/");
    }

    /**
     * The base URI a client on this machine should call: a wildcard bind ({@code 0.0.0.0}, {@code ::}) is
     * not an address to call, so the loopback address stands in for it.
     */
    public URI localClientUri() {
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
}
