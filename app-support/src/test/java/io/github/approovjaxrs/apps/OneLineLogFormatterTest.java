package io.github.approovjaxrs.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OneLineLogFormatterTest {

    private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

    /** What SimpleFormatter prints with the demo's format: the text OneLineLogFormatter must reproduce. */
    private static String simpleFormatterOutput(LogRecord record) {
        String previous = System.getProperty(FORMAT_PROPERTY);
        System.setProperty(FORMAT_PROPERTY, OneLineLogFormatter.FORMAT);
        try {
            return new SimpleFormatter().format(record);
        } finally {
            if (previous == null) {
                System.clearProperty(FORMAT_PROPERTY);
            } else {
                System.setProperty(FORMAT_PROPERTY, previous);
            }
        }
    }

    private static LogRecord record(Level level, String message, Object... parameters) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.github.approovjaxrs");
        record.setInstant(Instant.parse("2026-11-27T09:05:03.123456789Z"));
        record.setParameters(parameters.length == 0 ? null : parameters);
        return record;
    }

    @ParameterizedTest
    @ValueSource(strings = {"INFO", "WARNING", "SEVERE", "FINE"})
    void printsWhatSimpleFormatterPrintsWithTheDemoFormat(String level) {
        LogRecord record = record(Level.parse(level), "Approov: rejected GET /v2/shapes: bad_signature");
        assertEquals(simpleFormatterOutput(record), new OneLineLogFormatter(ZoneId.systemDefault()).format(record));
    }

    @Test
    void fillsMessageParametersAsSimpleFormatterDoes() {
        LogRecord record = record(Level.INFO, "Shapes API listening on {0} ({1} ms)", "http://127.0.0.1:8002/", 42);
        assertEquals(simpleFormatterOutput(record), new OneLineLogFormatter(ZoneId.systemDefault()).format(record));
    }

    @Test
    void appendsTheStackTraceOfAThrownExceptionAsSimpleFormatterDoes() {
        LogRecord record = record(Level.WARNING, "failed");
        record.setThrown(new IllegalStateException("boom"));
        assertEquals(simpleFormatterOutput(record), new OneLineLogFormatter(ZoneId.systemDefault()).format(record));
    }

    @Test
    void eachRecordGetsItsOwnSecondWhenSecondsComeAndGo() {
        OneLineLogFormatter formatter = new OneLineLogFormatter(ZoneId.of("UTC"));
        for (String instant : List.of("2026-11-27T09:05:03.1Z", "2026-11-27T09:05:03.9Z", "2026-11-27T09:05:04Z",
                "2026-11-27T09:05:03.5Z", "2026-12-31T23:59:59.999Z", "2027-01-01T00:00:00Z")) {
            LogRecord record = record(Level.INFO, "m");
            record.setInstant(Instant.parse(instant));
            String expected = instant.substring(0, 10) + " " + instant.substring(11, 19) + " INFO io.github.approovjaxrs: m";
            assertEquals(expected + System.lineSeparator(), formatter.format(record), instant);
        }
    }

    @Test
    void usesTheZoneItIsGiven() {
        LogRecord record = record(Level.INFO, "m");
        assertEquals("2026-11-27 18:05:03 INFO io.github.approovjaxrs: m" + System.lineSeparator(),
                new OneLineLogFormatter(ZoneId.of("+09:00")).format(record));
    }
}
