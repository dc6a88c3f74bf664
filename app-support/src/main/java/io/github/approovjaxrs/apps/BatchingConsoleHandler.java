package io.github.approovjaxrs.apps;

import java.io.PrintStream;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The apps' console log: what JUL's {@link java.util.logging.ConsoleHandler} prints, but written by one
 * background thread in batches instead of one write and flush per record on the request thread.
 *
 * <p>Under a flood of forged tokens an app logs one line per rejected request, and the console handler's
 * write-and-flush per line was most of what a rejection cost beyond the check itself (benchmarks/load.sh).
 * Here a request thread formats its line and adds it to a lock-free queue, waking nobody; the writer wakes
 * every {@value #INTERVAL_MILLIS} ms and prints whatever has queued with one write. The queue is bounded:
 * when it is full, request threads wait for the writer (never an unbounded backlog, never a dropped line).
 * {@link #flush()} returns once every line queued before it is written, so the start-up lines still come
 * before the banner, and {@link #close()} (JUL calls it at shutdown) writes everything that is left.
 */
final class BatchingConsoleHandler extends Handler {

    static final int CAPACITY = 8192;
    static final long INTERVAL_MILLIS = 20;
    private static final long FLUSH_TIMEOUT_MILLIS = 5000;

    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong queued = new AtomicLong();
    private final PrintStream out;
    private final Thread writer;
    /** Guards {@link #written} for the threads waiting in {@link #flush()}. */
    private final Object progress = new Object();
    private long written;
    private volatile boolean closed;

    BatchingConsoleHandler(PrintStream out, Formatter formatter, Level level) {
        this.out = out;
        setFormatter(formatter);
        setLevel(level);
        writer = new Thread(this::writeBatches, "console-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void publish(LogRecord record) {
        if (closed || !isLoggable(record)) {
            return;
        }
        String line;
        try {
            line = getFormatter().format(record);
        } catch (RuntimeException unformattable) {
            reportError(null, unformattable, ErrorManager.FORMAT_FAILURE);
            return;
        }
        while (pending.get() >= CAPACITY && writer.isAlive()) {
            LockSupport.unpark(writer);
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100)); // the writer is behind: wait for room
        }
        pending.incrementAndGet();
        queued.incrementAndGet();
        queue.add(line);
    }

    /** Waits (a few seconds at most, never forever) until every line queued so far is written. */
    @Override
    public void flush() {
        long target = queued.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_TIMEOUT_MILLIS);
        LockSupport.unpark(writer);
        synchronized (progress) {
            while (written < target && writer.isAlive()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    progress.wait(left);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        flush();
        closed = true;
        LockSupport.unpark(writer);
    }

    private void writeBatches() {
        StringBuilder batch = new StringBuilder(64 * 1024);
        while (!closed || !queue.isEmpty()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS));
            int lines = 0;
            // A line is queued after its counts are raised, so a line taken here is always counted.
            for (String line; (line = queue.poll()) != null; ) {
                batch.append(line);
                lines++;
            }
            if (lines > 0) {
                out.print(batch); // one write for the batch: the stream flushes once, at its newlines
                out.flush();
                batch.setLength(0);
                pending.addAndGet(-lines);
            }
            synchronized (progress) {
                written += lines;
                progress.notifyAll();
            }
        }
    }
}
