package io.github.approovjaxrs.docs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ApproovServletFilter} in monitor mode, for tokens and for signatures: every request reaches the
 * servlet, with its body whole; a failed one without claims, and the core's log says what failed.
 */
class ServletFilterMonitorModeTest extends OrdersBehindTheFilter {

    /** The core's log lines at INFO and above, as "LEVEL message". */
    final List<String> log = new CopyOnWriteArrayList<>();
    final Logger core = Logger.getLogger("io.github.approovjaxrs.core");
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                log.add(record.getLevel() + " " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Override
    Map<String, String> settings() {
        return Map.of("APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN", "false",
                "APPROOV_ABORT_REQUEST_ON_INVALID_MESSAGE_SIGNATURE", "false",
                "APPROOV_LOGGING_ENABLED", "true");
    }

    @BeforeEach
    void listen() {
        core.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        core.removeHandler(capture);
    }

    @Test
    void withoutATokenTheRequestGoesOnWithoutClaims() {
        assertEquals("200 claims=none untouched body={\"shape\":\"Circle\",\"quantity\":2}",
                post("orders", ORDER, null, Map.of()));
        assertEquals(List.of("WARNING Approov (monitor mode): POST /orders failed (missing_token) and was let through",
                "WARNING Approov (monitor mode): POST /orders: message signature not checked because the token"
                        + " failed; let through without claims"), log);
    }

    @Test
    void aChangedSignedBodyGoesOnWholeWithoutClaims() throws Exception {
        String token = token();
        String changed = "{\"shape\":\"Circle\",\"quantity\":9}";
        assertEquals("200 claims=none restored body=" + changed,
                post("orders", changed.getBytes(UTF_8), token, signedPost("orders", token, ORDER)));
        assertEquals(List.of("WARNING Approov (monitor mode): POST /orders failed (content_digest_mismatch) and was"
                + " let through"), log);
    }

    @Test
    void aSignedBodyOverTheLimitGoesOnWholeWithoutClaims() throws Exception {
        // The check read the limit and one byte more; the servlet reads those, then the rest from the container.
        String token = token();
        assertEquals("200 claims=none restored body=" + BULK.length + " chars",
                post("orders/reader", BULK, token, signedPost("orders/reader", token, BULK)));
        assertEquals(List.of("WARNING Approov (monitor mode): POST /orders/reader failed (message_body_too_large)"
                + " and was let through"), log);
    }

    @Test
    void aValidSignedRequestIsStillAccepted() throws Exception {
        String token = token();
        assertEquals("200 claims=signed restored body={\"shape\":\"Circle\",\"quantity\":2}",
                post("orders", ORDER, token, signedPost("orders", token, ORDER)));
        assertEquals(List.of(), log);
    }
}
