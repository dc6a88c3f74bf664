package io.github.approovjaxrs.replay.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for a test, started as a child process on a free loopback port in a temporary
 * folder: no daemon, no system service, nothing saved to disk, stopped by its own process (never by name).
 * Debian's {@code redis-server} package provides it ({@code .ci/run} installs it when missing); without it the
 * test fails saying how to install it. Published in the test-jar for the demo's and the benchmarks' tests.
 */
public final class RedisServer implements AutoCloseable {

    private static final List<Path> PLACES = List.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/sbin/redis-server"),
            Path.of("/usr/local/bin/redis-server"));

    private final Path binary;
    private final Path dir;
    private final int port;
    private final String password;
    private final List<String> extraArguments;
    private Process process;

    private RedisServer(int port, String password, List<String> extraArguments) {
        this.binary = binary();
        this.port = port;
        this.password = password;
        this.extraArguments = List.copyOf(extraArguments);
        try {
            this.dir = Files.createTempDirectory("approov-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A redis-server on a free port, started. */
    public static RedisServer start() {
        return start(null, List.of());
    }

    /** A redis-server on a free port that requires {@code password} (null: none), with more arguments, started. */
    public static RedisServer start(String password, List<String> extraArguments) {
        RedisServer server = new RedisServer(freePort(), password, extraArguments);
        server.startProcess();
        return server;
    }

    /** A server for {@code port}, not started: to show a store that starts before its Redis. */
    public static RedisServer notStartedOn(int port) {
        return new RedisServer(port, null, List.of());
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where redis-server is, or a failure that says how to install it. */
    static Path binary() {
        for (Path place : PLACES) {
            if (Files.isExecutable(place)) {
                return place;
            }
        }
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, "redis-server");
            if (!folder.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("redis-server is not installed, and the Redis replay store's tests run a real"
                + " one: install Debian's package (sudo apt-get install -y redis-server), as .ci/run does.");
    }

    /** The port it listens on (the same after a restart). */
    public int port() {
        return port;
    }

    /** {@code redis://[:password@]127.0.0.1:port/0}. */
    public String url() {
        return "redis://" + (password == null ? "" : ":" + password + "@") + "127.0.0.1:" + port + "/0";
    }

    /** Starts the process (again, after {@link #stop()}), and waits until it answers PING. */
    public void startProcess() {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--enable-debug-command", "local", "--logfile", ""));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        command.addAll(extraArguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": " + log());
            }
            try {
                if (command("PING").equals("+PONG")) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            sleep(20);
        }
        throw new IllegalStateException("redis-server did not answer PING within 10 s: " + log());
    }

    /** Stops the process (SIGTERM to its own pid, then SIGKILL if it lingers) and waits for it to end. */
    public void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroy();
        try {
            if (!running.waitFor(5, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.destroyForcibly();
        }
        process = null;
    }

    /**
     * One command over a new connection (authenticated when the server has a password), in RESP; the first line
     * of the reply, e.g. {@code +OK}, {@code :1} or {@code $-1}.
     */
    public String command(String... arguments) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            if (password != null) {
                out.write(resp("AUTH", password));
                in.readLine();
            }
            out.write(resp(arguments));
            out.flush();
            String line = in.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes Redis stop answering anyone for {@code seconds} ({@code DEBUG SLEEP}), in the background; returns its thread. */
    public Thread sleepInBackground(double seconds) {
        Thread sleeper = new Thread(() -> command("DEBUG", "SLEEP", String.valueOf(seconds)), "redis-debug-sleep");
        sleeper.setDaemon(true);
        sleeper.start();
        // DEBUG SLEEP holds Redis's one thread: it sleeps once a PING from elsewhere no longer comes back at once.
        sleep(100);
        return sleeper;
    }

    private static byte[] resp(String... arguments) {
        StringBuilder text = new StringBuilder("*").append(arguments.length).append("\r\n");
        for (String argument : arguments) {
            text.append('$').append(argument.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(argument)
                    .append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Sleeps, keeping the interrupt. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the process and removes its folder. */
    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }
}
