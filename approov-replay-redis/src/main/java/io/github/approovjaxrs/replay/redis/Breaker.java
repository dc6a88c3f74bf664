package io.github.approovjaxrs.replay.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Whether Redis is asked at all: a circuit breaker, so that a Redis that is down or stalled costs one request a
 * timeout, not every request. Closed, every request asks. The first failure opens it for a pause, during which
 * requests are refused at once without asking; after the pause one request (the probe) asks, the others are
 * still refused; the probe's success closes it, its failure opens it again for twice the pause, up to a maximum.
 * Thread-safe, lock-free on the path of a closed breaker.
 */
final class Breaker {

    /** Whether a request may ask Redis, and as what. */
    enum Ticket {
        /** Refused at once: the breaker is open and resting, or another request is the probe. */
        REFUSED,
        /** The breaker is closed. */
        ASK,
        /** The one request that asks after a pause; its outcome closes or reopens the breaker. */
        PROBE
    }

    /** What the breaker did: for the store's log line, said once per change. */
    enum Change {
        NONE,
        /** It was closed and a failure opened it. */
        OPENED,
        /** A probe succeeded. */
        CLOSED
    }

    private final long firstPauseNanos;
    private final long maxPauseNanos;
    private final LongSupplier nanoTime;
    /** When requests may ask again (a probe); meaningful only while {@link #open}. */
    private volatile long retryAt;
    private volatile boolean open;
    private final AtomicBoolean probing = new AtomicBoolean();
    private long pauseNanos;

    Breaker(Duration firstPause, Duration maxPause, LongSupplier nanoTime) {
        this.firstPauseNanos = firstPause.toNanos();
        this.maxPauseNanos = maxPause.toNanos();
        this.nanoTime = nanoTime;
        this.pauseNanos = firstPauseNanos;
    }

    /**
     * Whether this request may ask Redis: always while closed; while open, only the one probe after the pause.
     * A request that may ask must report {@link #succeeded()} or {@link #failed(Ticket)}, whatever happens.
     */
    Ticket ask() {
        if (!open) {
            return Ticket.ASK;
        }
        return nanoTime.getAsLong() - retryAt >= 0 && probing.compareAndSet(false, true) ? Ticket.PROBE : Ticket.REFUSED;
    }

    /** Redis answered. */
    Change succeeded() {
        if (!open) {
            return Change.NONE;
        }
        synchronized (this) {
            if (!open) {
                return Change.NONE;
            }
            open = false;
            pauseNanos = firstPauseNanos;
            probing.set(false);
            return Change.CLOSED;
        }
    }

    /**
     * Redis did not answer in time, or answered an error, to a request that asked with {@code ticket} (or, with
     * {@link Ticket#ASK}, to a background connection attempt).
     */
    synchronized Change failed(Ticket ticket) {
        long now = nanoTime.getAsLong();
        if (!open) {
            open = true;
            pauseNanos = firstPauseNanos;
            retryAt = now + pauseNanos;
            probing.set(false);
            return Change.OPENED;
        }
        if (ticket == Ticket.PROBE) {
            // The probe failed: rest longer before the next one.
            pauseNanos = Math.min(maxPauseNanos, pauseNanos * 2);
            retryAt = now + pauseNanos;
            probing.set(false);
        }
        // Otherwise a request that was already waiting when the breaker opened: the pause stands.
        return Change.NONE;
    }

    /** Whether requests are being refused without asking. */
    boolean isOpen() {
        return open;
    }
}
