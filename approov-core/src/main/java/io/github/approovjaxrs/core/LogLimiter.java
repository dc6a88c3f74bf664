package io.github.approovjaxrs.core;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Keeps a flood of log lines readable and bounded. Events are counted per key (a small int: for the
 * {@link LoggingListener}, a reason code in enforcing or in monitor mode); in each interval the first
 * {@code linesPerKey} events of a key are admitted, so their lines are written as usual, and the rest are
 * only counted. When an interval in which something was held back closes, its counts go to the
 * {@link Summary} in one call: at the first event after the interval or, if none comes, from a timer, so a
 * flood that stops is still summed up.
 *
 * <p>Counts are exact under concurrency: every event is either admitted, or counted as held back in exactly
 * one interval that is summed up. The path of an event is lock-free: a clock read, an atomic read and, for
 * the first lines of an interval, an atomic increment; a held-back event adds to a {@link LongAdder}, and the
 * first one of an interval asks the timer for one flush. An interval lasts at least its length: it closes
 * at the first event (or timer run) at or after its end, and the next one starts then.
 */
final class LogLimiter {

    /** Where the counts of an interval in which something was held back go. */
    @FunctionalInterface
    interface Summary {
        /**
         * @param totals events per key in the interval, admitted and held back
         * @param heldBack events per key that were held back (only counted) in the interval
         * @param elapsedNanos from the start of the interval to its close
         */
        void write(long[] totals, long[] heldBack, long elapsedNanos);
    }

    /** Runs a task once, after a delay, on a thread of its own: never on the caller's. */
    @FunctionalInterface
    interface Timer {
        void schedule(Runnable task, long delayNanos);
    }

    /**
     * One daemon thread for every limiter in the JVM, started by the first flood and ended after 10 s
     * without work, so that an idle application (or an undeployed web application) keeps no thread of ours.
     */
    static final Timer DAEMON = (task, delayNanos) -> Daemon.EXECUTOR.schedule(task, delayNanos, TimeUnit.NANOSECONDS);

    private static final class Daemon {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "approov-log-summary");
                thread.setDaemon(true);
                return thread;
            });
            executor.setKeepAliveTime(10, TimeUnit.SECONDS);
            executor.allowCoreThreadTimeOut(true);
            return executor;
        }
    }

    private final int linesPerKey;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Timer timer;
    private final Summary summary;
    /** Per key, the events of this interval that asked to be admitted (it may pass linesPerKey by a few). */
    private final AtomicLong[] admitted;
    /** Per key, the events held back since the last close. */
    private final LongAdder[] heldBack;
    /** When the current interval ends, in {@link #nanoTime} nanoseconds; its start is one interval earlier. */
    private final AtomicLong intervalEnd;
    /** True while a flush is scheduled: a flood asks the timer once, not once per event. */
    private final AtomicBoolean flushScheduled = new AtomicBoolean();

    /**
     * @param keys the number of keys; events are counted for keys 0 to {@code keys - 1}
     * @param linesPerKey the events per key and interval that are admitted
     * @param intervalNanos the length of an interval
     * @param nanoTime a monotonic clock ({@link System#nanoTime} in production; tests drive their own)
     * @param timer runs the flush of a flood that stopped ({@link #DAEMON} in production)
     * @param summary receives the counts of each interval in which something was held back
     */
    LogLimiter(int keys, int linesPerKey, long intervalNanos, LongSupplier nanoTime, Timer timer, Summary summary) {
        if (keys < 1 || linesPerKey < 0 || intervalNanos <= 0) {
            throw new IllegalArgumentException("keys " + keys + ", lines per key " + linesPerKey + ", interval " + intervalNanos);
        }
        this.linesPerKey = linesPerKey;
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
        this.timer = timer;
        this.summary = summary;
        this.admitted = new AtomicLong[keys];
        this.heldBack = new LongAdder[keys];
        for (int key = 0; key < keys; key++) {
            admitted[key] = new AtomicLong();
            heldBack[key] = new LongAdder();
        }
        this.intervalEnd = new AtomicLong(nanoTime.getAsLong() + intervalNanos);
    }

    /**
     * Counts one event of {@code key}.
     *
     * @return true when its line is to be written; false when it is only counted, for the summary
     */
    boolean admit(int key) {
        long now = nanoTime.getAsLong();
        long end = intervalEnd.get();
        if (now - end >= 0) {
            close(end, now);
        }
        AtomicLong count = admitted[key];
        // Once the interval's lines are used up, only a read: no write contention on the shared counter.
        if (count.get() < linesPerKey && count.incrementAndGet() <= linesPerKey) {
            return true;
        }
        heldBack[key].increment();
        scheduleFlush(now);
        return false;
    }

    /** Closes the interval that ended at {@code end}, unless another thread did; sums it up if anything was held back. */
    private void close(long end, long now) {
        if (!intervalEnd.compareAndSet(end, now + intervalNanos)) {
            return;
        }
        int keys = admitted.length;
        long[] totals = new long[keys];
        long[] held = new long[keys];
        boolean any = false;
        for (int key = 0; key < keys; key++) {
            // Every increment lands before or after its reset, so each event is counted in exactly one interval.
            long asked = admitted[key].getAndSet(0);
            held[key] = heldBack[key].sumThenReset();
            totals[key] = Math.min(asked, linesPerKey) + held[key];
            any |= held[key] > 0;
        }
        if (any) {
            summary.write(totals, held, now - (end - intervalNanos));
        }
    }

    private void scheduleFlush(long now) {
        if (!flushScheduled.get() && flushScheduled.compareAndSet(false, true)) {
            try {
                timer.schedule(this::flush, Math.max(0, intervalEnd.get() - now));
            } catch (RuntimeException refused) {
                flushScheduled.set(false); // the next held-back event asks again
                throw refused;
            }
        }
    }

    /** The timer's task: closes the interval if it is over, and asks again while anything is still held back. */
    private void flush() {
        flushScheduled.set(false);
        long now = nanoTime.getAsLong();
        long end = intervalEnd.get();
        if (now - end >= 0) {
            close(end, now);
        }
        for (LongAdder held : heldBack) {
            if (held.sum() > 0) {
                scheduleFlush(now);
                return;
            }
        }
    }
}
