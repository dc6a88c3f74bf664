package io.github.approovjaxrs.gateway;

import io.github.approovjaxrs.apps.MalformedRequestGuard;
import io.github.approovjaxrs.apps.RunningServer;
import io.github.approovjaxrs.apps.ServerAddress;
import io.github.approovjaxrs.apps.StartupException;
import io.github.approovjaxrs.core.ApproovCheck;
import java.net.URI;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The running gateway, wired as Grizzly handlers, each in front of the next: the {@link MalformedRequestGuard}
 * (405 for methods not forwarded, 400 for a target that is no URI), {@link GatewayCheck} (the Approov
 * decision), and Jersey with {@link GatewayResource} (the forwarding); and a graceful stop.
 */
final class Gateway implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Gateway.class.getPackageName());

    private final RunningServer server;
    private final Upstream upstream;
    private final ApproovCheck check;

    private Gateway(RunningServer server, Upstream upstream, ApproovCheck check) {
        this.server = server;
        this.upstream = upstream;
        this.check = check;
    }

    /**
     * Starts listening as {@code config} says.
     *
     * @throws StartupException when the host does not resolve or the address cannot be listened on
     */
    static Gateway start(GatewayConfig config) {
        ServerAddress address = new ServerAddress(config.host(), config.port());
        address.resolve(); // a typo in HTTP_HOST is reported before anything is built
        // Next, as it may refuse to start (jose4j's unsafe system properties) before anything is set up.
        ApproovCheck check = ApproovCheck.create(config.approov());
        Upstream upstream = new Upstream(config.upstream(), config.connectTimeout(), config.readTimeout());
        String dropped = config.stripTokenHeader() ? config.approov().tokenHeaderName() : null;
        GrizzlyHttpContainer jersey;
        try {
            jersey = ContainerFactory.createContainer(GrizzlyHttpContainer.class,
                    application(new Forwarding(upstream, dropped)));
        } catch (RuntimeException cannotBuild) {
            upstream.close();
            check.close();
            throw cannotBuild;
        }
        GatewayCheck gatewayCheck = new GatewayCheck(check, config.bindingPolicy(), jersey);
        MalformedRequestGuard guard = MalformedRequestGuard.servingOnly(gatewayCheck, GatewayResource.METHODS,
                GatewayError.BAD_REQUEST.body(), GatewayError.METHOD_NOT_ALLOWED.body());
        Gateway gateway;
        try {
            gateway = new Gateway(RunningServer.start(address, guard, server -> {
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
            }), upstream, check);
        } catch (StartupException cannotListen) {
            upstream.close();
            check.close();
            throw cannotListen;
        }
        LOG.log(System.Logger.Level.INFO, () -> "Approov gateway check ready: " + gatewayCheck.describe());
        return gateway;
    }

    /** The Jersey application that forwards: the catch-all resource and exact Content-Types. */
    static ResourceConfig application(Forwarding forwarding) {
        return new ResourceConfig()
                // A class given its parts as properties rather than an instance: Jersey warns, wrongly, that a
                // resource instance "will be ignored" (eclipse-ee4j/jersey#3700).
                .register(GatewayResource.class)
                .property(GatewayResource.FORWARDING, forwarding)
                .register(new ExactContentType())
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
     * then stops; closes the upstream client and the check (a replay store it opened). Calling it again does
     * nothing.
     */
    void stop() {
        try {
            server.stop();
        } finally {
            upstream.close();
            check.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
