package io.github.approovjaxrs.gateway;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Relays the upstream's response body as it arrives, through one small buffer, so a body of any size passes
 * in bounded memory; it flushes whenever the upstream has nothing more ready, so a slowly produced answer
 * reaches the client as it comes.
 *
 * <p>If the upstream's body breaks off (reset, premature end, stall past the read timeout), the client's
 * connection is closed at once: ending the response normally would pass a truncated body off as complete.
 */
final class UpstreamBody implements StreamingOutput {

    static final int BUFFER_SIZE = 16 * 1024;
    private static final System.Logger LOG = System.getLogger(UpstreamBody.class.getPackageName());

    private final InputStream upstream;
    private final Runnable abortClientConnection;
    private final String request;

    /**
     * @param upstream the upstream's body, already guarded against stalls
     * @param abortClientConnection closes the client's connection without ending the response
     * @param request method and path, for the log
     */
    UpstreamBody(InputStream upstream, Runnable abortClientConnection, String request) {
        this.upstream = upstream;
        this.abortClientConnection = abortClientConnection;
        this.request = request;
    }

    @Override
    public void write(OutputStream client) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long relayed = 0;
        try (InputStream in = upstream) {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException broken) {
                    long sent = relayed;
                    LOG.log(System.Logger.Level.WARNING, () -> "approov-gateway: " + request + ": the upstream's"
                            + " body broke off after " + sent + " bytes (" + broken.getClass().getSimpleName()
                            + (broken.getMessage() == null ? "" : ": " + broken.getMessage())
                            + "); closing the client's connection");
                    abortClientConnection.run();
                    return;
                }
                if (n < 0) {
                    return;
                }
                client.write(buffer, 0, n);
                relayed += n;
                if (in.available() == 0) {
                    client.flush();
                }
            }
        } catch (IOException clientGone) {
            // Writing to the client failed: it went away. Closing the upstream's body (above) cancels that exchange.
            LOG.log(System.Logger.Level.DEBUG, () -> "approov-gateway: " + request + ": the client went away ("
                    + clientGone.getClass().getSimpleName() + ")");
            abortClientConnection.run();
        }
    }
}
