package io.github.approovjaxrs.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The demo's batched console log: every line, once, in order per thread, written by the time flush returns. */
class BatchingConsoleHandlerTest {

    static final Formatter MESSAGE_LINE = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return record.getMessage() + "\n";
        }
    };

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    List<String> lines() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    @Test
    void flushReturnsOnceEveryQueuedLineIsWrittenInOrder() {
        BatchingConsoleHandler handler = new BatchingConsoleHandler(console, MESSAGE_LINE, Level.INFO);
        for (int i = 0; i < 100; i++) {
            handler.publish(new LogRecord(Level.INFO, "line " + i));
        }
        handler.flush();
        List<String> lines = lines();
        assertEquals(100, lines.size());
        for (int i = 0; i < 100; i++) {
            assertEquals("line " + i, lines.get(i));
        }
        handler.close();
    }

    @Test
    void recordsBelowTheLevelAreNotWritten() {
        BatchingConsoleHandler handler = new BatchingConsoleHandler(console, MESSAGE_LINE, Level.INFO);
        handler.publish(new LogRecord(Level.FINE, "debug"));
        handler.publish(new LogRecord(Level.WARNING, "warning"));
        handler.close();
        assertEquals(List.of("warning"), lines());
    }

    @Test
    void aBurstFarBeyondTheQueueFromManyThreadsLosesAndRepeatsNothing() throws InterruptedException {
        BatchingConsoleHandler handler = new BatchingConsoleHandler(console, MESSAGE_LINE, Level.INFO);
        int threads = 4;
        int perThread = BatchingConsoleHandler.CAPACITY; // 4x the queue: publishers must wait for room
        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread publisher = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    handler.publish(new LogRecord(Level.INFO, id + ":" + i));
                }
            });
            publishers.add(publisher);
            publisher.start();
        }
        for (Thread publisher : publishers) {
            publisher.join(60_000);
        }
        handler.close();
        List<String> lines = lines();
        assertEquals(threads * perThread, lines.size());
        Set<String> distinct = new HashSet<>(lines);
        assertEquals(threads * perThread, distinct.size());
        int[] next = new int[threads];
        for (String line : lines) {
            String[] parts = line.split(":");
            int id = Integer.parseInt(parts[0]);
            assertEquals(next[id]++, Integer.parseInt(parts[1]), "each thread's lines stay in its order");
        }
    }

    @Test
    void nothingIsWrittenAfterClose() {
        BatchingConsoleHandler handler = new BatchingConsoleHandler(console, MESSAGE_LINE, Level.INFO);
        handler.publish(new LogRecord(Level.INFO, "before"));
        handler.close();
        handler.publish(new LogRecord(Level.INFO, "after"));
        handler.flush();
        assertEquals(List.of("before"), lines());
        assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("before\n"));
    }
}
