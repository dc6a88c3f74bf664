package io.github.approovjaxrs.gateway;

import static io.github.approovjaxrs.gateway.TestGateway.TOKENS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar, started as the README starts it: in front of the Shapes API's jar, and with a small heap
 * under bodies far larger than it. Each jar runs in an empty working directory (no .env) with no Approov or
 * HTTP settings inherited.
 */
class GatewayJarIT {

    static final Path GATEWAY_JAR = Path.of(System.getProperty("gateway.jar", "target/approov-gateway.jar"));
    static final Path SHAPES_API_JAR = Path.of(System.getProperty("shapes.api.jar",
            "../shapes-api/target/shapes-api.jar"));
    static final Pattern GATEWAY_LISTENING = Pattern.compile("^Approov gateway listening on (http://\\S+/)$");
    static final Pattern SHAPES_LISTENING = Pattern.compile("^Shapes API listening on (http://\\S+/)$");
    /** The check's start-up line in the apps' one-line log format, written before the gateway listens. */
    static final Pattern CHECK_READY = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d INFO"
            + " io\\.github\\.approovjaxrs\\.gateway: Approov gateway check ready: token \\+ binding on /v1/forms,"
            + " token elsewhere; token header Approov-Token, .*");
    static final String AUTHORIZATION = "Bearer 0123456789abcdef";
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void inFrontOfTheShapesApiItsV1EndpointsGainTheCheck(@TempDir Path shapesDirectory, @TempDir Path gatewayDirectory)
            throws Exception {
        try (RunningJar shapes = RunningJar.start(SHAPES_API_JAR, shapesDirectory, List.of(), List.of(), Map.of());
             RunningJar gateway = RunningJar.start(GATEWAY_JAR, gatewayDirectory, List.of(), List.of("--demo"),
                     Map.of("APPROOV_UPSTREAM_URL", shapes.awaitUrl(SHAPES_LISTENING).toString()))) {
            URI api = shapes.awaitUrl(SHAPES_LISTENING);
            URI front = gateway.awaitUrl(GATEWAY_LISTENING);
            assertTrue(gateway.output().stream().anyMatch(line -> CHECK_READY.matcher(line).matches()),
                    "no one-line start-up log line before the banner: " + gateway.output());
            String token = tokenTool(shapesDirectory);
            String boundToken = tokenTool(shapesDirectory, "--bind", AUTHORIZATION);

            assertEquals(200, get(api.resolve("v1/shapes")).statusCode(), "the Shapes API's /v1/shapes is open");
            HttpResponse<String> refused = get(front.resolve("v1/shapes"));
            assertEquals(401, refused.statusCode());
            assertEquals("{}", refused.body());
            HttpResponse<String> shape = get(front.resolve("v1/shapes"), "Approov-Token", token);
            assertEquals(200, shape.statusCode());
            assertTrue(shape.body().matches("\\{\"shape\":\"(Circle|Triangle|Square|Rectangle)\"}"), shape.body());

            assertEquals(401, get(front.resolve("v1/forms"), "Approov-Token", token).statusCode(),
                    "--demo binds /v1/forms");
            HttpResponse<String> form = get(front.resolve("v1/forms"), "Approov-Token", boundToken,
                    "Authorization", AUTHORIZATION);
            assertEquals(200, form.statusCode());
            assertTrue(form.body().matches("\\{\"form\":\"(Sphere|Cone|Cube|Box)\"}"), form.body());

            // The token is removed on the way, so the Shapes API's own check on /v2 refuses it ...
            assertEquals(401, get(front.resolve("v2/shapes"), "Approov-Token", token).statusCode());
            // ... unless the gateway is told to forward it.
            try (TestGateway keeping = TestGateway.start(Map.of("APPROOV_UPSTREAM_URL", api.toString(),
                    "APPROOV_BASE64_SECRET", GatewayConfig.DUMMY_SECRET_BASE64, "APPROOV_STRIP_TOKEN_HEADER", "false",
                    "HTTP_PORT", "0", "APPROOV_LOGGING_ENABLED", "false"), true)) {
                assertEquals(200, get(keeping.at("/v2/shapes"), "Approov-Token", token).statusCode());
            }

            gateway.terminate();
            gateway.awaitLine("Approov gateway stopped.");
        }
    }

    @Test
    void largeBodiesCrossTheJarBothWaysOnASmallHeap(@TempDir Path directory) throws Exception {
        long size = 96L * 1024 * 1024; // three times the gateway's whole heap, each way
        try (RecordingUpstream upstream = new RecordingUpstream();
             RunningJar gateway = RunningJar.start(GATEWAY_JAR, directory, List.of("-Xmx32m"), List.of(),
                     Map.of("APPROOV_UPSTREAM_URL", upstream.url(), "APPROOV_BASE64_SECRET", TestGateway.SECRET_BASE64,
                             "APPROOV_LOGGING_ENABLED", "false"))) {
            upstream.answering(exchange -> {
                exchange.sendResponseHeaders(200, size);
                try (OutputStream out = exchange.getResponseBody()) {
                    new Pattern32(size).transferTo(out);
                }
            });
            URI front = gateway.awaitUrl(GATEWAY_LISTENING);

            HttpResponse<InputStream> response = CLIENT.send(HttpRequest.newBuilder(front.resolve("bulk"))
                    .header("Approov-Token", TOKENS.mint())
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new Pattern32(size)), size))
                    .build(), HttpResponse.BodyHandlers.ofInputStream());

            assertEquals(200, response.statusCode());
            RecordingUpstream.Digest down;
            try (InputStream body = response.body()) {
                down = RecordingUpstream.digest(body);
            }
            RecordingUpstream.Digest expected = RecordingUpstream.digest(new Pattern32(size));
            assertEquals(expected, down, "the response body arrived changed");
            assertEquals(size, upstream.only().bodyLength());
            assertEquals(expected.sha256(), upstream.only().bodySha256(), "the request body arrived changed");
            assertTrue(gateway.isAlive(), "the gateway died: " + gateway.output());
        }
    }

    @Test
    void withoutSettingsTheJarExitsWithStatus1AndOneLine(@TempDir Path directory) throws Exception {
        try (RunningJar gateway = RunningJar.start(GATEWAY_JAR, directory, List.of(), List.of(), Map.of())) {
            assertEquals(1, gateway.awaitExit());
            List<String> output = gateway.output();
            assertEquals(1, output.size(), output.toString());
            assertTrue(output.get(0).startsWith("approov-gateway: APPROOV_UPSTREAM_URL is not set"), output.get(0));
            assertTrue(output.get(0).contains("APPROOV_BASE64_SECRET is not set"), output.get(0));
        }
    }

    @Test
    void anUnknownArgumentExitsWithStatus2AndTheUsage(@TempDir Path directory) throws Exception {
        try (RunningJar gateway = RunningJar.start(GATEWAY_JAR, directory, List.of(), List.of("--demon"), Map.of())) {
            assertEquals(2, gateway.awaitExit());
            assertEquals("approov-gateway: unknown argument \"--demon\"", gateway.output().get(0));
            assertTrue(gateway.output().stream().anyMatch(line -> line.startsWith("Usage: java -jar")));
        }
    }

    /** A token from the Shapes API's token tool, as the README's curl lines get one. */
    static String tokenTool(Path directory, String... options) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("token"));
        arguments.addAll(List.of(options));
        try (RunningJar tool = RunningJar.start(SHAPES_API_JAR, directory, List.of(), arguments, Map.of())) {
            assertEquals(0, tool.awaitExit(), tool.output().toString());
            String token = tool.output().stream().filter(line -> line.startsWith("eyJ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no token in " + tool.output()));
            return token.strip();
        }
    }

    static HttpResponse<String> get(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code size} bytes of a fixed pattern, generated as read: large bodies without large arrays. */
    static final class Pattern32 extends InputStream {
        private long left;
        private long position;

        Pattern32(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) ((position + i) * 31 >>> 3);
            }
            position += n;
            left -= n;
            return n;
        }
    }

    /** A jar in its own JVM, its stdout and stderr collected line by line (and echoed to the build log). */
    static final class RunningJar implements AutoCloseable {
        private final Process process;
        private final List<String> output = new CopyOnWriteArrayList<>();

        private RunningJar(Process process, String name) {
            this.process = process;
            Thread copier = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        System.out.println("[" + name + "] " + line);
                        output.add(line);
                    }
                } catch (IOException closed) {
                    // the process ended
                }
            }, "output of " + name);
            copier.setDaemon(true);
            copier.start();
        }

        static RunningJar start(Path jar, Path directory, List<String> jvmOptions, List<String> arguments,
                Map<String, String> settings) throws IOException {
            assertTrue(Files.isRegularFile(jar), jar + " is missing: run `mvn verify`, which builds it first.");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true);
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("APPROOV_") || name.startsWith("HTTP_")
                    || name.equals("API_DOMAIN"));
            environment.put("HTTP_HOST", "127.0.0.1");
            environment.put("HTTP_PORT", "0");
            environment.putAll(settings);
            return new RunningJar(builder.start(), jar.getFileName().toString().replace(".jar", ""));
        }

        URI awaitUrl(Pattern listening) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                for (String line : output) {
                    Matcher matcher = listening.matcher(line);
                    if (matcher.matches()) {
                        return URI.create(matcher.group(1));
                    }
                }
                if (!process.isAlive()) {
                    fail("the jar exited with status " + process.exitValue() + " before listening: " + output);
                }
                Thread.sleep(50);
            }
            return fail("the jar did not print where it listens within 60 s: " + output);
        }

        void awaitLine(String expected) throws InterruptedException {
            for (int i = 0; i < 200 && !output.contains(expected); i++) {
                Thread.sleep(50); // the copier may still be reading the last lines
            }
            assertTrue(output.contains(expected), "expected \"" + expected + "\"; got: " + output);
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                fail("the jar did not exit within 60 s: " + output);
            }
            for (int i = 0; i < 100 && process.isAlive(); i++) {
                Thread.sleep(10);
            }
            Thread.sleep(200); // let the copier read the last lines
            return process.exitValue();
        }

        /** SIGTERM, as docker stop or systemd send it; through the handle, so the output pipe stays readable. */
        void terminate() throws InterruptedException {
            process.toHandle().destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                fail("the jar did not stop within 30 s of SIGTERM: " + output);
            }
        }

        boolean isAlive() {
            return process.isAlive();
        }

        List<String> output() {
            return List.copyOf(output);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
