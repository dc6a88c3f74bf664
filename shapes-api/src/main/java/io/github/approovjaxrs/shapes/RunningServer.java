package io.github.approovjaxrs.shapes;

import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glassfish.grizzly.http.server.HttpServer;

/** The started server: where clients reach it, and a graceful stop. */
final class RunningServer implements AutoCloseable {

    /** How long requests in flight may take to finish on shutdown. */
    static final long GRACE_SECONDS = 5;

    private final HttpServer server;
    private final URI clientUri;
    private boolean stopped;

    RunningServer(HttpServer server, URI clientUri) {
        this.server = server;
        this.clientUri = clientUri;
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
        }
    }

    @Override
    public void close() {
        stop();
    }
}
