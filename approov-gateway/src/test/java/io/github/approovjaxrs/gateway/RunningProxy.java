package io.github.approovjaxrs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real NGINX or Caddy, started from Debian's binary with the configuration under {@code deploy/}, in the
 * foreground, on a free loopback port, its files in a temporary directory: nothing of it needs root. Only the
 * addresses of the files are changed (NGINX has no environment variables in its configuration; Caddy's file
 * reads them), and each replacement must find its line, so a file that changes shape fails the test.
 */
final class RunningProxy implements AutoCloseable {

    /** The proxies the deployment files are for, as Debian packages them. */
    enum Engine {
        NGINX("nginx", "/usr/sbin/nginx"),
        CADDY("caddy", "/usr/bin/caddy");

        private final String command;
        private final String debianPath;

        Engine(String command, String debianPath) {
            this.command = command;
            this.debianPath = debianPath;
        }

        /** The binary: on the PATH, or where Debian puts it (/usr/sbin is not on every user's PATH). */
        Path binary() {
            List<Path> candidates = new ArrayList<>();
            for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (!directory.isEmpty()) {
                    candidates.add(Path.of(directory, command));
                }
            }
            candidates.add(Path.of(debianPath));
            return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(
                    command + " is not installed: `apt-get install nginx caddy` (Debian's packages; .ci/run installs"
                            + " them when missing). The integration tests run the real proxies with deploy/'s files."));
        }
    }

    static final Path DEPLOY = Path.of(System.getProperty("deploy.directory", "../deploy"));

    private final Process process;
    private final Path log;
    private final URI uri;

    private RunningProxy(Process process, Path log, URI uri) {
        this.process = process;
        this.log = log;
        this.uri = uri;
    }

    /** {@code engine} with its deployment file, asking {@code checkService} and forwarding to {@code api}. */
    static RunningProxy start(Engine engine, URI checkService, URI api, Path directory) throws Exception {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x")); // workers: nobody
        int port = freePort();
        String check = checkService.getHost() + ":" + checkService.getPort();
        String upstream = api.getHost() + ":" + api.getPort();
        List<String> command = new ArrayList<>(List.of(engine.binary().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        if (engine == Engine.NGINX) {
            String server = replaceOnce(Files.readString(DEPLOY.resolve("nginx/approov.conf")),
                    "server 127.0.0.1:8004;", "server " + check + ";");
            server = replaceOnce(server, "server 127.0.0.1:8002;", "server " + upstream + ";");
            server = replaceOnce(server, "listen 127.0.0.1:8080;", "listen 127.0.0.1:" + port + ";");
            Files.writeString(directory.resolve("approov.conf"), server);
            Files.copy(DEPLOY.resolve("nginx/nginx.conf"), directory.resolve("nginx.conf"));
            command.addAll(List.of("-p", directory.toString(), "-c", directory.resolve("nginx.conf").toString(),
                    "-e", "stderr"));
        } else {
            command.addAll(List.of("run", "--config", DEPLOY.resolve("caddy/Caddyfile").toAbsolutePath().toString(),
                    "--adapter", "caddyfile"));
            Map<String, String> environment = builder.environment();
            environment.putAll(Map.of("APPROOV_CHECK", check, "APPROOV_API", upstream,
                    "APPROOV_PROXY_PORT", String.valueOf(port), "APPROOV_PROXY_BIND", "127.0.0.1",
                    "HOME", directory.toString(), "XDG_DATA_HOME", directory.resolve("data").toString(),
                    "XDG_CONFIG_HOME", directory.resolve("config").toString()));
        }
        builder.command(command);
        Path log = directory.resolve("proxy.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        RunningProxy proxy = new RunningProxy(builder.start(), log, URI.create("http://127.0.0.1:" + port + "/"));
        proxy.awaitListening(port);
        return proxy;
    }

    /** Where clients call it. */
    URI uri() {
        return uri;
    }

    /** What it wrote, for a failure's message. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return "(no log: " + unreadable + ")";
        }
    }

    private void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    fail("the proxy exited with status " + process.exitValue() + ": " + output());
                }
                Thread.sleep(50);
            }
        }
        fail("the proxy did not listen within 30 s: " + output());
    }

    private static String replaceOnce(String text, String line, String replacement) {
        assertEquals(1, text.split(java.util.regex.Pattern.quote(line), -1).length - 1,
                "the deployment file should hold \"" + line + "\" once");
        return text.replace(line, replacement);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM (NGINX's fast shutdown, Caddy's graceful one), then SIGKILL, for it and any process it started. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) { // NGINX's workers end with their master; this is in case not
            child.destroyForcibly();
            child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
        }
    }
}
