package io.github.approovjaxrs.gateway;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.apps.MalformedRequestGuard;
import io.github.approovjaxrs.apps.RunningServer;
import io.github.approovjaxrs.apps.ServerAddress;
import io.github.approovjaxrs.apps.StartupException;
import java.net.URI;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The running gateway: Grizzly, Jersey, the Approov feature and the forwarder, wired; and a graceful stop. */
final class Gateway implements AutoCloseable {

    private final RunningServer server;
    private final Upstream upstream;

    private Gateway(RunningServer server, Upstream upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /**
     * Starts listening as {@code config} says.
     *
     * @throws StartupException when the host does not resolve or the address cannot be listened on
     */
    static Gateway start(GatewayConfig config) {
        ServerAddress address = new ServerAddress(config.host(), config.port());
        address.resolve(); // a typo in HTTP_HOST is reported before anything is built
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
        MalformedRequestGuard guard = MalformedRequestGuard.servingOnly(jersey, GatewayResource.METHODS,
                GatewayError.BAD_REQUEST.body(), GatewayError.METHOD_NOT_ALLOWED.body());
        try {
            return new Gateway(RunningServer.start(address, guard, server -> {
                // Otherwise Grizzly drops the body of a GET, a DELETE or an OPTIONS, which the upstream may expect.
                server.getServerConfiguration().setAllowPayloadForUndefinedHttpMethods(true);
                NetworkListener listener = server.getListeners().iterator().next();
                // A forwarded request holds its worker until the upstream's answer is relayed: Grizzly's default
                // of two per core would let a few slow answers stall every other client.
                listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                        .setPoolName("approov-gateway-worker")
                        .setCorePoolSize(Math.min(config.workerThreads(),
                                2 * Runtime.getRuntime().availableProcessors()))
                        .setMaxPoolSize(config.workerThreads())
                        .setDaemon(true));
            }), upstream);
        } catch (StartupException cannotListen) {
            upstream.close();
            throw cannotListen;
        }
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
        return server.clientUri();
    }

    /**
     * Stops taking connections, lets requests in flight finish (up to {@link RunningServer#GRACE_SECONDS}),
     * then stops; closes the upstream client. Calling it again does nothing.
     */
    void stop() {
        try {
            server.stop();
        } finally {
            upstream.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
