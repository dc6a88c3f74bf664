package io.github.approovjaxrs.apps;

import io.github.approovjaxrs.core.ApproovConfigurationException;
import java.util.function.Supplier;

/**
 * How a runnable app starts and stops: a start-up failure is one line on stderr and exit status
 * {@value #STARTUP_FAILED}; a started app serves until SIGTERM or Ctrl-C, then stops gracefully and says so.
 */
public final class AppLifecycle {

    /** The exit status when the settings are invalid or the address cannot be listened on. */
    public static final int STARTUP_FAILED = 1;
    /** The exit status for arguments the app does not know. */
    public static final int USAGE_ERROR = 2;

    private AppLifecycle() {
    }

    /**
     * Runs {@code start}; when it fails with an {@link ApproovConfigurationException} or a
     * {@link StartupException}, prints {@code <app>: <message>} on stderr and exits with {@value #STARTUP_FAILED}.
     *
     * @param app the app's name, which starts the line, e.g. {@code shapes-api}
     * @param start starts the app and returns it
     * @return what {@code start} returned
     */
    public static <T> T startOrExit(String app, Supplier<T> start) {
        try {
            return start.get();
        } catch (ApproovConfigurationException | StartupException cannotStart) {
            // Both messages are written for the console: no stack trace, no secret.
            System.err.println(app + ": " + cannotStart.getMessage());
            System.exit(STARTUP_FAILED);
            throw cannotStart; // not reached: exit does not return
        }
    }

    /**
     * Blocks the calling thread until the JVM shuts down (SIGTERM, Ctrl-C); then runs {@code stop} and prints
     * {@code stoppedLine} on stdout.
     *
     * @param app the app's name, for the shutdown thread's name
     * @param stop stops the app gracefully, within a bound (e.g. {@link RunningServer#stop()})
     * @param stoppedLine the line that says the app stopped, e.g. {@code Shapes API stopped.}
     */
    public static void serveUntilStopped(String app, Runnable stop, String stoppedLine) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            System.out.println(stoppedLine);
        }, app + "-shutdown"));
        try {
            Thread.currentThread().join(); // Grizzly serves on its own threads; the shutdown hook ends the JVM
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
