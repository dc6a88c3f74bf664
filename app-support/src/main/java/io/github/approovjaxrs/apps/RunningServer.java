package io.github.approovjaxrs.apps;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;

/** A Grizzly server that listens: where clients reach it, and a graceful stop. */
public final class RunningServer implements AutoCloseable {

    /** How long requests in flight may take to finish on shutdown. */
    public static final long GRACE_SECONDS = 5;

    private final HttpServer server;
    private final URI clientUri;
    private boolean stopped;

    private RunningServer(HttpServer server, URI clientUri) {
        this.server = server;
        this.clientUri = clientUri;
    }

    /**
     * {@link #start(ServerAddress, HttpHandler, Consumer)} with Grizzly's settings as Jersey makes them.
     *
     * @throws StartupException when the host does not resolve, or the address cannot be listened on
     */
    public static RunningServer start(ServerAddress address, HttpHandler handler) {
        return start(address, handler, server -> { });
    }

    /**
     * Starts a Grizzly server on {@code address} that passes every request to {@code handler}.
     *
     * @param handler serves every path, e.g. a {@link MalformedRequestGuard} in front of Jersey's container
     * @param configure changes the server's or its listener's settings before it listens
     * @throws StartupException when the host does not resolve, or the address cannot be listened on (in use,
     *     or not of this machine)
     */
    public static RunningServer start(ServerAddress address, HttpHandler handler, Consumer<HttpServer> configure) {
        address.resolve(); // a typo in the host is reported as such, not as a failure to listen
        // Jersey's factory sets Grizzly up as Jersey's container expects (TRACE passed on, UTF-8 queries). No
        // handler given to it: the one here may be a guard with Jersey's behind it.
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(
                address.baseUri(), (GrizzlyHttpContainer) null, false, null, false);
        server.getServerConfiguration().addHttpHandler(handler, "/");
        configure.accept(server);
        try {
            server.start();
        } catch (IOException cannotListen) {
            server.shutdownNow();
            throw new StartupException("Cannot listen on " + address.host() + ":" + address.port() + " ("
                    + cannotListen.getMessage() + "): set " + ServerAddress.HOST_VARIABLE + " to an address of"
                    + " this machine and " + ServerAddress.PORT_VARIABLE + " to a free port (0 picks one).");
        }
        int port = server.getListeners().stream().findFirst().map(NetworkListener::getPort).orElseThrow();
        return new RunningServer(server, address.withPort(port).localClientUri());
    }

    /** The base URI a client on this machine calls, with the actual port (also when 0 was asked for). */
    public URI clientUri() {
        return clientUri;
    }

    /**
     * Stops taking connections, lets requests in flight finish (up to {@link #GRACE_SECONDS}), then stops the
     * server and its handler (Jersey's application with it). Calling it again does nothing: a shutdown hook
     * may run after a test's own stop.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            server.shutdown(GRACE_SECONDS, TimeUnit.SECONDS).get(GRACE_SECONDS + 5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            // what is still in flight is cut off below
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            // Grizzly's graceful shutdown only closes the listeners: this destroys the handler and stops the
            // server's own threads too.
            server.shutdownNow();
        }
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
