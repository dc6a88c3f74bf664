package io.github.approovjaxrs.shapes;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo jar ships BouncyCastle, and the library picks it up: the README's figures for signed requests
 * (/v5) are BouncyCastle's; with JDK 17's own ECDSA each costs about ten times more. A BouncyCastle
 * declared where Maven does not put it in the jar (once, in {@code <dependencyManagement>}) fails here.
 */
class DemoJarIT {

    static final String BOUNCY_CASTLE_PROVIDER = "org/bouncycastle/jce/provider/BouncyCastleProvider.class";
    /** The library's start-up line, in the apps' one-line log format. */
    static final Pattern CHECK_READY = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d INFO"
            + " [\\w.]+: Approov token check ready: .*");
    /** A log line, in the apps' format, at WARNING or SEVERE. */
    static final Pattern LOGGED_WARNING = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d (WARNING|SEVERE) .*");

    @Test
    void theJarContainsBouncyCastlesProvider() throws IOException {
        Path jar = PostmanAcceptanceIT.JAR;
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run `mvn verify`, which builds it first.");
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertNotNull(zip.getEntry(BOUNCY_CASTLE_PROVIDER), jar + " has no " + BOUNCY_CASTLE_PROVIDER
                    + ": bcprov-jdk18on must be a runtime dependency of shapes-api");
        }
    }

    @Test
    void theStartedJarVerifiesSignaturesWithBouncyCastle(@TempDir Path emptyWorkingDirectory) throws Exception {
        List<String> output = new CopyOnWriteArrayList<>();
        Process server = PostmanAcceptanceIT.startJar(emptyWorkingDirectory, output);
        try {
            PostmanAcceptanceIT.awaitListening(server, output); // the start-up log lines are written before
        } finally {
            PostmanAcceptanceIT.terminate(server);
        }
        String ready = output.stream().filter(line -> line.contains("Approov token check ready: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no start-up line of the library in " + output));
        assertTrue(CHECK_READY.matcher(ready).matches(), ready);
        assertTrue(ready.contains(", ECDSA by BC "), "the demo verifies message signatures without"
                + " BouncyCastle: " + ready);
        // A user's first start shows only the dummy secret's banner as a warning: no log line of a framework
        // complaining about how the demo wires itself (Jersey once warned about a resource registered as an instance).
        List<String> warnings = output.stream().filter(line -> LOGGED_WARNING.matcher(line).matches()).toList();
        assertTrue(warnings.isEmpty(), "the demo's start-up logged warnings: " + warnings);
    }
}
