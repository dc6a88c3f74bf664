package io.github.approovjaxrs.gateway;

import io.github.approovjaxrs.ApproovFeature;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The running gateway: Grizzly, Jersey, the Approov feature and the forwarder, wired; and a graceful stop. */
final class Gateway implements AutoCloseable {

    /** How long requests in flight may take to finish on shutdown. */
    static final long GRACE_SECONDS = 5;

    private final HttpServer server;
    private final Upstream upstream;
    private final URI clientUri;
    private boolean stopped;

    private Gateway(HttpServer server, Upstream upstream, URI clientUri) {
        this.server = server;
        this.upstream = upstream;
        this.clientUri = clientUri;
    }

    /**
     * Starts listening as {@code config} says.
     *
     * @throws GatewayConfigException when the host does not resolve or the address cannot be listened on
     */
    static Gateway start(GatewayConfig config) {
        InetAddress address = resolve(config.host());
        Upstream upstream = new Upstream(config.upstream(), config.connectTimeout(), config.readTimeout());
        String dropped = config.stripTokenHeader() ? config.approov().tokenHeaderName() : null;
        GrizzlyHttpContainer jersey;
        try {
            jersey = ContainerFactory.createContainer(GrizzlyHttpContainer.class,
                    application(config, new Forwarding(upstream, dropped)));
        } catch (RuntimeException cannotBuild) { // e.g. the library refusing jose4j's unsafe system properties
            upstream.close();
            throw cannotBuild;
        }
        // No handler here: Jersey's goes in behind the guard.
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(
                URI.create("http://" + uriHost(config.host()) + ":" + config.port() + "/"),
                (GrizzlyHttpContainer) null, false, null, false);
        server.getServerConfiguration().addHttpHandler(new BadRequestGuard(jersey), "/");
        // Otherwise Grizzly drops the body of a GET, a DELETE or an OPTIONS, which the upstream may expect.
        server.getServerConfiguration().setAllowPayloadForUndefinedHttpMethods(true);
        NetworkListener listener = server.getListeners().iterator().next();
        // A forwarded request holds its worker until the upstream's answer is relayed: Grizzly's default of
        // two per core would let a few slow answers stall every other client.
        listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                .setPoolName("approov-gateway-worker")
                .setCorePoolSize(Math.min(config.workerThreads(), 2 * Runtime.getRuntime().availableProcessors()))
                .setMaxPoolSize(config.workerThreads())
                .setDaemon(true));
        try {
            server.start();
        } catch (IOException cannotListen) {
            server.shutdownNow();
            upstream.close();
            throw new GatewayConfigException("Cannot listen on " + config.host() + ":" + config.port() + " ("
                    + cannotListen.getMessage() + "): set " + GatewayConfig.HOST + " to an address of this machine"
                    + " and " + GatewayConfig.PORT + " to a free port (0 picks one).");
        }
        return new Gateway(server, upstream, clientUri(address, config.host(), listener.getPort()));
    }

    /** The Jersey application: the catch-all resource, the library's feature, and exact Content-Types. */
    static ResourceConfig application(GatewayConfig config, Forwarding forwarding) {
        return new ResourceConfig()
                // A class given its parts as properties rather than an instance: Jersey warns, wrongly, that a
                // resource instance "will be ignored" (eclipse-ee4j/jersey#3700).
                .register(GatewayResource.class)
                .property(GatewayResource.BINDING_POLICY, config.bindingPolicy())
                .property(GatewayResource.FORWARDING, forwarding)
                .register(new ExactContentType())
                .register(ApproovFeature.create(config.approov()))
                // Nobody needs /application.wadl here, and without JAXB Jersey would warn about it at start-up.
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                // The upstream's Location: /next goes back as it is, not made absolute against the gateway.
                .property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true)
                // Relay the first bytes at once instead of holding up to 8 KiB to compute a Content-Length.
                .property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
    }

    /** The base URI a client on this machine calls, with the actual port (also when 0 was asked for). */
    URI clientUri() {
        return clientUri;
    }

    /** Stops taking connections, lets requests in flight finish (up to {@link #GRACE_SECONDS}), then stops. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            server.shutdown(GRACE_SECONDS, TimeUnit.SECONDS).get(GRACE_SECONDS + 5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            server.shutdownNow();
        } catch (InterruptedException interrupted) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            upstream.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException unresolvable) {
            throw new GatewayConfigException(GatewayConfig.HOST + " \"" + host + "\" cannot be resolved: set it"
                    + " to an IP address or a known host name (default " + GatewayConfig.DEFAULT_HOST + ").");
        }
    }

    /** A wildcard bind (0.0.0.0, ::) is no address to call: the loopback address stands in for it. */
    private static URI clientUri(InetAddress address, String host, int port) {
        String callable = address.isAnyLocalAddress() ? (address instanceof Inet6Address ? "::1" : "127.0.0.1") : host;
        return URI.create("http://" + uriHost(callable) + ":" + port + "/");
    }

    private static String uriHost(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
