package io.github.approovjaxrs.apps;

import java.io.PrintStream;
import java.time.ZoneId;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The apps' console log: one line per record, written in batches off the request threads. Under a flood of
 * forged tokens an app logs a line per rejected request, and JUL's console handler with its
 * {@link SimpleFormatter} made that line cost more than the check (benchmarks/README.md).
 */
public final class ConsoleLog {

    /** The system property with which a user chooses JUL's format; when set, the log is left as it is. */
    static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

    private ConsoleLog() {
    }

    /**
     * One line per log record (JUL's default takes two), unless the user chose a format; and each console
     * handler of the root logger replaced by a {@link BatchingConsoleHandler} on stderr, at its level.
     */
    public static void useOneLineFormat() {
        if (System.getProperty(FORMAT_PROPERTY) != null) {
            return;
        }
        // Also for a SimpleFormatter that JUL's configuration adds later: the same text.
        System.setProperty(FORMAT_PROPERTY, OneLineLogFormatter.FORMAT);
        replaceConsoleHandlers(Logger.getLogger(""), System.err, ZoneId.systemDefault());
    }

    /** Replaces {@code logger}'s console handlers that use SimpleFormatter; leaves any other handler alone. */
    static void replaceConsoleHandlers(Logger logger, PrintStream err, ZoneId zone) {
        for (Handler handler : logger.getHandlers()) {
            if (handler instanceof ConsoleHandler && handler.getFormatter() instanceof SimpleFormatter) {
                logger.removeHandler(handler);
                logger.addHandler(new BatchingConsoleHandler(err, new OneLineLogFormatter(zone), handler.getLevel()));
            }
        }
    }

    /** Writes out every log line so far: so that the start-up lines come before what an app prints next. */
    public static void flush() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.flush();
        }
    }
}
