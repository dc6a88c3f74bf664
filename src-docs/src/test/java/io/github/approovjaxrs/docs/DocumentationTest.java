package io.github.approovjaxrs.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the walkthrough against the code: snippets, coordinates, links. (approov-core's
 * ConfigVariablesTest checks their configuration tables.)
 */
class DocumentationTest {

    /** The repository root; Surefire passes it, and the fallback fits a run from src-docs/. */
    static final Path ROOT = Path.of(System.getProperty("docs.repository.root", "..")).toAbsolutePath().normalize();
    static final String README = "README.md";
    static final String WALKTHROUGH = "src-docs/approov-integration-in-a-jax-rs-api.md";

    @Test
    void everyJavaFenceIsAMarkedRegionOfCompiledTestedCode() {
        Snippets.Result result = Snippets.run(ROOT, false);
        assertTrue(result.problems().isEmpty(), () -> "The documentation and its code differ:\n"
                + String.join("\n", result.problems().stream().map(Object::toString).toList()));
        // Guards against checking nothing, say after a file is renamed.
        assertTrue(result.fencesByFile().getOrDefault(WALKTHROUGH, 0) >= 20, result.fencesByFile().toString());
        assertTrue(result.fencesByFile().getOrDefault(README, 0) >= 1, result.fencesByFile().toString());
    }

    @Test
    void dependencyCoordinatesNameThisVersion() throws IOException {
        String version = System.getProperty("docs.project.version");
        assertNotNull(version, "Surefire passes docs.project.version");
        Pattern maven = Pattern.compile("<artifactId>approov-jaxrs</artifactId>\\s*<version>([^<]*)</version>");
        Pattern gradle = Pattern.compile("io\\.github\\.approovjaxrs:approov-jaxrs:([^\"'\\s)]*)");
        for (String document : List.of(README, WALKTHROUGH)) {
            String text = Files.readString(ROOT.resolve(document));
            List<String> versions = new ArrayList<>(all(maven, text));
            assertFalse(versions.isEmpty(), document + " gives the Maven coordinates");
            if (document.equals(WALKTHROUGH)) {
                List<String> gradleVersions = all(gradle, text);
                assertFalse(gradleVersions.isEmpty(), document + " gives the Gradle coordinates");
                versions.addAll(gradleVersions);
            }
            for (String given : versions) {
                assertEquals(version, given, document + " names another version of approov-jaxrs");
            }
        }
    }

    @Test
    void theWalkthroughsRelativeLinksLeadToFilesAndHeadingsOfTheRepository() throws IOException {
        Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
        List<Path> documents;
        try (Stream<Path> files = Files.list(ROOT.resolve("src-docs"))) {
            documents = files.filter(p -> p.toString().endsWith(".md")).toList();
        }
        assertFalse(documents.isEmpty());
        int checked = 0;
        for (Path document : documents) {
            for (String target : all(link, Files.readString(document))) {
                if (target.matches("[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                int hash = target.indexOf('#');
                Path file = hash == 0 ? document : document.getParent().resolve(hash < 0 ? target : target.substring(0, hash));
                String where = ROOT.relativize(document) + " links to " + target;
                assertTrue(Files.exists(file), where + ", which does not exist");
                if (hash >= 0) {
                    assertTrue(headingAnchors(file).contains(target.substring(hash + 1)), where + ": no such heading");
                }
                checked++;
            }
        }
        assertTrue(checked >= 20, "only " + checked + " links checked");
    }

    /** The anchors GitHub gives the headings of a Markdown file: lower case, punctuation dropped, dashes. */
    static List<String> headingAnchors(Path markdown) throws IOException {
        return Files.readAllLines(markdown).stream()
                .filter(line -> line.matches("#{1,6} .*"))
                .map(line -> line.replaceFirst("#+ ", "").strip().toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                .toList();
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
