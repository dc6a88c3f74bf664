package io.github.approovjaxrs.apps;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The apps' one-line log format, exactly as {@link java.util.logging.SimpleFormatter} prints it with
 * {@value #FORMAT}, at a fraction of its cost per record. SimpleFormatter asks every record for its source
 * class, which makes JUL walk the caller's stack (deep under Jersey and Grizzly), and formats the time with
 * {@link java.util.Formatter}. Under a flood of forged tokens (one line per rejected request) a line cost
 * about 20 µs of server CPU with SimpleFormatter, about 5 µs with this one, most of it the console
 * handler's flush (benchmarks/load.sh). Same text, so nothing a reader or a log parser sees changes.
 */
final class OneLineLogFormatter extends Formatter {

    /** The SimpleFormatter format this formatter reproduces. */
    static final String FORMAT = "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n";

    private final DateTimeFormatter time;
    /** The last second formatted, and its text: a flood's lines share their second, so it is formatted once. */
    private volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    private record Second(long epochSecond, String text) {
    }

    OneLineLogFormatter(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(zone);
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128);
        Second second = lastSecond;
        long epochSecond = record.getInstant().getEpochSecond();
        if (second.epochSecond() != epochSecond) {
            second = new Second(epochSecond, time.format(record.getInstant()));
            lastSecond = second;
        }
        line.append(second.text()).append(' ').append(record.getLevel().getLocalizedName())
                .append(' ').append(record.getLoggerName())
                .append(": ").append(formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                out.println();
                record.getThrown().printStackTrace(out);
            }
            line.append(trace);
        }
        return line.append(System.lineSeparator()).toString();
    }
}
