package io.github.approovjaxrs.gateway;

import io.github.approovjaxrs.apps.MalformedRequestGuard;
import io.github.approovjaxrs.apps.RunningServer;
import io.github.approovjaxrs.apps.ServerAddress;
import io.github.approovjaxrs.apps.StartupException;
import io.github.approovjaxrs.core.ApproovCheck;
import java.net.URI;
import java.util.List;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

/**
 * The running check service ({@code --check}): the {@link CheckHandler} on Grizzly, with no Jersey and no
 * forwarding; the proxy in front does the forwarding. Behind the {@link MalformedRequestGuard}, which
 * answers {@code CONNECT} (a tunnel in Grizzly) with 405; every other method is the handler's.
 */
final class CheckService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CheckService.class.getPackageName());
    /** Named in the {@code Allow} header of the answer to CONNECT; the handler takes any other method. */
    private static final List<String> ALLOWED = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final RunningServer server;
    /** The check this service built, closed with it (its replay store's connections); null when it was given one. */
    private final ApproovCheck ownCheck;

    private CheckService(RunningServer server, ApproovCheck ownCheck) {
        this.server = server;
        this.ownCheck = ownCheck;
    }

    /**
     * Starts listening as {@code config} says.
     *
     * @throws StartupException when the host does not resolve or the address cannot be listened on
     */
    static CheckService start(CheckServiceConfig config) {
        new ServerAddress(config.host(), config.port()).resolve(); // a typo in HTTP_HOST first
        ApproovCheck check = ApproovCheck.create(config.approov());
        try {
            return start(config, check, true);
        } catch (RuntimeException cannotListen) {
            check.close();
            throw cannotListen;
        }
    }

    /**
     * {@link #start(CheckServiceConfig)} with a check built from {@code config}'s {@link
     * CheckServiceConfig#approov()}, e.g. with listeners.
     */
    static CheckService start(CheckServiceConfig config, ApproovCheck check) {
        return start(config, check, false);
    }

    private static CheckService start(CheckServiceConfig config, ApproovCheck check, boolean owned) {
        ServerAddress address = new ServerAddress(config.host(), config.port());
        CheckHandler handler = new CheckHandler(check, config.stripTokenHeader(), config.deviceIdHeader());
        MalformedRequestGuard guard = MalformedRequestGuard.refusingConnect(handler, ALLOWED,
                GatewayError.BAD_REQUEST.body(), GatewayError.METHOD_NOT_ALLOWED.body());
        RunningServer server = RunningServer.start(address, guard, grizzly -> {
            // Envoy sends the original method, with the body when told to: a GET or DELETE with one included.
            grizzly.getServerConfiguration().setAllowPayloadForUndefinedHttpMethods(true);
            NetworkListener listener = grizzly.getListeners().iterator().next();
            // A proxy keeps its connections to the check service open; Grizzly would close each after 256
            // requests and make it connect again.
            listener.getKeepAlive().setMaxRequestsCount(-1);
            // Token checks run on the threads that read them (CheckHandler#getRequestExecutorProvider): no hand-off
            // per request. Signed checks, which may read a body, go to the worker pool, set here since the
            // same-thread strategy would make none.
            TCPNIOTransport transport = listener.getTransport();
            transport.setIOStrategy(SameThreadIOStrategy.getInstance());
            int cores = Runtime.getRuntime().availableProcessors();
            transport.setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                    .setPoolName("approov-check-worker").setCorePoolSize(cores).setMaxPoolSize(4 * cores + 8)
                    .setDaemon(true));
        });
        LOG.log(System.Logger.Level.INFO, () -> "Approov check service ready: " + handler.describe());
        return new CheckService(server, owned ? check : null);
    }

    /** The base URI a client on this machine calls, with the actual port (also when 0 was asked for). */
    URI clientUri() {
        return server.clientUri();
    }

    /** Stops taking connections, lets checks in flight finish, then stops. Calling it again does nothing. */
    void stop() {
        server.stop();
        if (ownCheck != null) {
            ownCheck.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
