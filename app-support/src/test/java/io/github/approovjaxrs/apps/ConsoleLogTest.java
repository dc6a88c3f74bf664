package io.github.approovjaxrs.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import java.util.logging.XMLFormatter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** On loggers of its own, not the root logger the other tests of this JVM log to. */
class ConsoleLogTest {

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void aConsoleHandlerBecomesABatchedOneLineHandlerAtItsLevel() {
        Logger logger = Logger.getLogger(ConsoleLogTest.class.getName() + ".replaced");
        logger.setUseParentHandlers(false);
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.WARNING);
        logger.addHandler(console);

        ConsoleLog.replaceConsoleHandlers(logger, err, ZoneId.of("UTC"));
        logger.info("below the level");
        logger.warning("written");
        Handler[] handlers = logger.getHandlers();
        handlers[0].flush();

        assertEquals(1, handlers.length);
        BatchingConsoleHandler batching = assertInstanceOf(BatchingConsoleHandler.class, handlers[0]);
        assertEquals(Level.WARNING, batching.getLevel());
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d WARNING " + Pattern.quote(logger.getName())
                + ": written\\R"), text);
        batching.close();
    }

    @Test
    void otherHandlersAndOtherFormatsAreLeftAlone() {
        Logger logger = Logger.getLogger(ConsoleLogTest.class.getName() + ".left");
        logger.setUseParentHandlers(false);
        ConsoleHandler xmlConsole = new ConsoleHandler();
        xmlConsole.setFormatter(new XMLFormatter());
        StreamHandler stream = new StreamHandler(System.out, new SimpleFormatter());
        logger.addHandler(xmlConsole);
        logger.addHandler(stream);

        ConsoleLog.replaceConsoleHandlers(logger, err, ZoneId.of("UTC"));

        assertEquals(2, logger.getHandlers().length);
        assertSame(xmlConsole, logger.getHandlers()[0]);
        assertSame(stream, logger.getHandlers()[1]);
    }
}
