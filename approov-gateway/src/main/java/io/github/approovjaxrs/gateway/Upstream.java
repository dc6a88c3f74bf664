package io.github.approovjaxrs.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The API behind the gateway, asked through one shared java.net.http client: HTTP/1.1 (so no {@code h2c}
 * upgrade headers are added on the way), redirects never followed (a 3xx goes back to the client as it
 * is), no cookies kept, a connect timeout, and a read timeout both for the start of the answer and for
 * every pause within its body.
 */
final class Upstream implements AutoCloseable {

    private final URI base;
    private final Duration readTimeout;
    private final HttpClient client;
    /** Closes a response body that stalls; one thread for every response, as it only ever waits. */
    private final ScheduledExecutorService alarms;

    Upstream(URI base, Duration connectTimeout, Duration readTimeout) {
        this.base = base;
        this.readTimeout = readTimeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "approov-gateway-read-timeout");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // most alarms are cancelled: do not let them pile up
        this.alarms = Executors.unconfigurableScheduledExecutorService(timer);
    }

    /** The upstream's base URL, for the log and the banner. */
    URI base() {
        return base;
    }

    /**
     * The upstream URL for a request: the base URL followed by the raw path and raw query exactly as the
     * client sent them, neither decoded nor re-encoded.
     *
     * @throws IllegalArgumentException when they do not form a URI (the request is then a bad request)
     */
    URI target(String rawPath, String rawQuery) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        return URI.create(base + path + (rawQuery == null ? "" : "?" + rawQuery));
    }

    /** A request to {@code target} with the read timeout for the start of the answer. */
    HttpRequest.Builder newRequest(URI target) {
        return HttpRequest.newBuilder(target).timeout(readTimeout).expectContinue(false);
    }

    /**
     * Sends the request and returns as soon as the status and headers are in; the body is then read as it
     * arrives, through {@link #watched(InputStream)}.
     *
     * @throws UpstreamFailure 504 when the connection or the answer's start took too long, 502 otherwise
     */
    HttpResponse<InputStream> send(HttpRequest request) throws UpstreamFailure {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException slowConnect) {
            throw new UpstreamFailure(GatewayError.UPSTREAM_TIMEOUT, "no connection to the upstream within "
                    + client.connectTimeout().orElseThrow().toMillis() + " ms");
        } catch (HttpTimeoutException slowAnswer) {
            throw new UpstreamFailure(GatewayError.UPSTREAM_TIMEOUT, "no answer from the upstream within "
                    + readTimeout.toMillis() + " ms");
        } catch (ConnectException refused) {
            throw new UpstreamFailure(GatewayError.UPSTREAM_UNREACHABLE, "cannot connect to the upstream ("
                    + describe(refused) + ")");
        } catch (IOException broken) {
            throw new UpstreamFailure(GatewayError.UPSTREAM_UNREACHABLE, "the exchange with the upstream failed ("
                    + describe(broken) + ")");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UpstreamFailure(GatewayError.UPSTREAM_UNREACHABLE, "interrupted while waiting for the upstream");
        }
    }

    /**
     * The body of an answer, failing with a {@link SocketTimeoutException} when no byte of it arrives for the
     * read timeout: java.net.http has no timeout once the headers are in, and a stalled upstream must not
     * hold a worker, and the client, for ever.
     */
    InputStream watched(InputStream body) {
        return new StallGuard(body);
    }

    @Override
    public void close() {
        alarms.shutdownNow();
    }

    /** The exception's type and, when it has one, its message: the upstream's address is no secret in a log. */
    private static String describe(IOException exception) {
        Throwable cause = exception.getMessage() == null && exception.getCause() != null
                ? exception.getCause() : exception;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Closes the body when a read waits longer than the read timeout; that read then fails instead of ending. */
    private final class StallGuard extends FilterInputStream {
        private volatile boolean stalled;

        StallGuard(InputStream body) {
            super(body);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (in.available() > 0) {
                return in.read(buffer, offset, length); // data is here: nothing to wait for
            }
            ScheduledFuture<?> alarm = alarms.schedule(this::stall, readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            int n;
            try {
                n = in.read(buffer, offset, length);
            } catch (IOException closedByTheAlarm) {
                throw stalled ? stallException() : closedByTheAlarm;
            } finally {
                alarm.cancel(false);
            }
            if (stalled) {
                // Closing may make java.net.http's stream look ended; it is not: the body is incomplete.
                throw stallException();
            }
            return n;
        }

        private SocketTimeoutException stallException() {
            return new SocketTimeoutException("the upstream sent no data for " + readTimeout.toMillis() + " ms");
        }

        private void stall() {
            stalled = true;
            try {
                in.close();
            } catch (IOException alreadyBroken) {
                // the reader fails either way
            }
        }
    }
}
