package io.github.approovjaxrs.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of a real client: Approov's own Postman collections (src/test/postman), run with
 * newman against the shaded jar, started as a newcomer starts it: no secret configured, so on the public
 * dummy secret the collections are signed with. Then SIGTERM, and a clean shutdown.
 *
 * <p>Needs Node.js and npm: without them it fails with how to install them, it never skips silently
 * ({@code -DskipITs} skips it on purpose).
 */
class PostmanAcceptanceIT {

    static final Path JAR = Path.of("target", "shapes-api.jar").toAbsolutePath();
    static final Path POSTMAN_SOURCES = Path.of("src", "test", "postman").toAbsolutePath();
    static final Path WORK = Path.of("target", "postman").toAbsolutePath();
    static final Pattern LISTENING = Pattern.compile("Shapes API listening on (http://127\\.0\\.0\\.1:\\d+)/");
    static final boolean WINDOWS = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");

    @Test
    void approovsPostmanCollectionsPassAgainstTheRealJar(@TempDir Path emptyWorkingDirectory) throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run `mvn verify`, which builds it first.");
        requireNode();
        copyPostmanSources();
        assertEquals(0, run(List.of(npm(), "ci", "--no-audit", "--no-fund"), 10),
                "`npm ci` failed in " + WORK + " (output above): it installs newman from the npm registry.");

        List<String> serverOutput = new CopyOnWriteArrayList<>();
        Process server = startJar(emptyWorkingDirectory, serverOutput);
        try {
            String base = awaitListening(server, serverOutput);
            assertTrue(String.join("\n", serverOutput).contains("APPROOV'S PUBLIC DUMMY SECRET"),
                    "the jar should have fallen back to the dummy secret the collections are signed with");
            assertEquals(0, run(List.of("node", "acceptance.js", base), 5),
                    "Approov's Postman collections failed against the Shapes API: see newman's report above.");
        } finally {
            terminate(server);
        }
        awaitLine(serverOutput, "Shapes API stopped.");
    }

    /** SIGTERM, as `docker stop` or systemd send it; fails unless the jar exits within 30 s. */
    static void terminate(Process server) throws InterruptedException {
        // Through the handle: Process.destroy() would also close the pipes at once, losing what the shutdown
        // hook prints.
        server.toHandle().destroy();
        boolean exited = server.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            server.destroyForcibly();
        }
        assertTrue(exited, "the server did not stop within 30 s of SIGTERM");
    }

    static String npm() {
        return WINDOWS ? "npm.cmd" : "npm";
    }

    static void requireNode() throws InterruptedException {
        String version = versionOf("node");
        versionOf(npm());
        Matcher major = Pattern.compile("v(\\d+)\\.").matcher(version);
        if (!major.lookingAt() || Integer.parseInt(major.group(1)) < 16) {
            fail("newman needs Node.js 16 or later; `node --version` says " + version + ". " + HOW_TO_INSTALL_NODE);
        }
    }

    static final String HOW_TO_INSTALL_NODE = "Install Node.js and npm (Debian/Ubuntu: `sudo apt-get install -y nodejs"
            + " npm`; macOS: `brew install node`; others: the Node.js downloads page), or skip this acceptance test"
            + " on purpose with -DskipITs.";

    static String versionOf(String tool) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                fail("`" + tool + " --version` failed: " + output + ". " + HOW_TO_INSTALL_NODE);
            }
            return output;
        } catch (IOException notInstalled) {
            fail("The Postman acceptance test runs newman, which needs Node.js and npm, and `" + tool
                    + "` was not found on the PATH. " + HOW_TO_INSTALL_NODE);
            throw new AssertionError(notInstalled);
        }
    }

    /** The collections, the checker and the pinned newman, copied to target/ so node_modules stays out of src/. */
    static void copyPostmanSources() throws IOException {
        Files.createDirectories(WORK);
        try (Stream<Path> files = Files.list(POSTMAN_SOURCES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, WORK.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Runs a command in {@link #WORK}, its output shown in the build log; returns the exit status. */
    static int run(List<String> command, int timeoutMinutes) throws IOException, InterruptedException {
        System.out.println("[postman] $ " + String.join(" ", command));
        Process process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
        Thread copier = copy(process, "[postman] ", null);
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + timeoutMinutes + " minutes");
        }
        copier.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /** The jar as the README starts it, with no Approov or HTTP settings inherited and no .env file. */
    static Process startJar(Path workingDirectory, List<String> output) throws IOException {
        return startJar(workingDirectory, Map.of(), output);
    }

    /** {@link #startJar(Path, List)} with {@code settings} in its environment. */
    static Process startJar(Path workingDirectory, Map<String, String> settings, List<String> output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString())
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("APPROOV_") || name.startsWith("HTTP_"));
        environment.put("HTTP_HOST", "127.0.0.1");
        environment.put("HTTP_PORT", "0"); // a free port: no clash with anything else on the machine
        environment.putAll(settings);
        Process process = builder.start();
        copy(process, "[shapes-api] ", output);
        return process;
    }

    static String awaitListening(Process server, List<String> output) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                Matcher listening = LISTENING.matcher(line);
                if (listening.find()) {
                    return URI.create(listening.group(1)).toString();
                }
            }
            if (!server.isAlive()) {
                fail("the jar exited with status " + server.exitValue() + " before listening; its output is above");
            }
            Thread.sleep(100);
        }
        return fail("the jar did not print where it listens within 60 s; its output is above");
    }

    static void awaitLine(List<String> output, String expected) throws InterruptedException {
        for (int i = 0; i < 100 && !output.contains(expected); i++) {
            Thread.sleep(100); // the copier thread may still be reading the last lines
        }
        assertTrue(output.contains(expected), "expected \"" + expected + "\" on shutdown; got: " + output);
    }

    /** Echoes a process's output to the build log, line by line, optionally keeping the lines. */
    static Thread copy(Process process, String prefix, List<String> keep) {
        Thread copier = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    System.out.println(prefix + line);
                    if (keep != null) {
                        keep.add(line);
                    }
                }
            } catch (IOException closed) {
                // the process ended
            }
        }, "output of " + prefix.strip());
        copier.setDaemon(true);
        copier.start();
        return copier;
    }
}
