package io.github.approovjaxrs.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippet check on small repositories made up here. */
class SnippetsTest {

    /**
     * A Java source with two regions. Markers are written {@code //~} here and turned into real ones on
     * disk, so that this file's own text blocks are no regions of the real check.
     */
    private static final String GREETER = """
            package example;

            //~snippet:greeter
            public class Greeter {
                //~snippet:greet
                public String greet() {
                    return "hello";
                }
                //~end-snippet
            }
            //~end-snippet
            """;

    private static final String POLITE_GREETER = """
            package example.polite;

            //~snippet:polite-greeter
            public class Greeter {
                public String greet() {
                    return "good morning";
                }
            }
            //~end-snippet
            """;

    @TempDir
    Path root;

    @BeforeEach
    void sources() throws IOException {
        source("src-docs/src/main/java/example/Greeter.java", GREETER);
        source("src-docs/src/test/java/example/polite/Greeter.java", POLITE_GREETER);
    }

    private void source(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text.replace("//~", "// "));
    }

    private void markdown(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private List<String> problems() {
        return Snippets.run(root, false).problems().stream().map(Object::toString).toList();
    }

    /** A guide that shows every region correctly. */
    private static final String GUIDE = """
            # Guide

            <!-- snippet:greet -->
            ```java
            public String greet() {
                return "hello";
            }
            ```

            <!-- snippet:greeter -->
            ```java
            public class Greeter {
                public String greet() {
                    return "hello";
                }
            }
            ```

            <!-- diff:greeter polite-greeter -->
            ```diff
             public class Greeter {
                 public String greet() {
            -        return "hello";
            +        return "good morning";
                 }
             }
            ```

            ```sh
            echo "other fences need no marker"
            ```
            """;

    @Test
    void fencesThatShowTheirRegionsPassAndAreCounted() throws IOException {
        markdown("src-docs/guide.md", GUIDE);
        markdown("README.md", "# Readme\n\nNo code.\n");
        Snippets.Result result = Snippets.run(root, false);
        assertEquals(List.of(), result.problems());
        assertEquals(3, result.fencesByFile().get("src-docs/guide.md"));
        assertEquals(0, result.fencesByFile().get("README.md"));
    }

    @Test
    void anEditedFenceIsReportedWithTheMarkdownAndSourceLines() throws IOException {
        markdown("src-docs/guide.md", GUIDE.replace("    return \"hello\";\n}\n```", "    return \"hi\";\n}\n```"));
        assertEquals(List.of("src-docs/guide.md:4: this fence (<!-- snippet:greet -->) differs from"
                + " src-docs/src/main/java/example/Greeter.java:5-9 at line 6: the fence has \"return \"hi\";\","
                + " the source \"return \"hello\";\"; edit the source, then rewrite the fences: "
                + Snippets.REWRITE_COMMAND), problems());
    }

    @Test
    void aFenceWithALineMissingOrAddedIsReported() throws IOException {
        markdown("src-docs/guide.md", GUIDE.replace("""
                ```java
                public class Greeter {
                    public String greet() {
                        return "hello";
                    }
                }
                ```""", """
                ```java
                public class Greeter {
                    public String greet() {
                        return "hello";
                    }
                }

                ```"""));
        List<String> problems = problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("src-docs/guide.md:11: this fence (<!-- snippet:greeter -->) differs"
                + " from src-docs/src/main/java/example/Greeter.java:3-11 at line 17: the fence has \"\","
                + " the source nothing more"), problems.get(0));
    }

    @Test
    void anOutdatedDiffIsReportedWithBothSources() throws IOException {
        markdown("src-docs/guide.md", GUIDE.replace("+        return \"good morning\";", "+        return \"good day\";"));
        List<String> problems = problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("src-docs/guide.md:20: this fence (<!-- diff:greeter polite-greeter -->)"
                + " differs from src-docs/src/main/java/example/Greeter.java:3-11 and"
                + " src-docs/src/test/java/example/polite/Greeter.java:3-9 at line 24"), problems.get(0));
    }

    @Test
    void aJavaFenceWithoutAMarkerIsReported() throws IOException {
        markdown("src-docs/guide.md", GUIDE + "\n```java\nint untested = 1;\n```\n");
        List<String> problems = problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("src-docs/guide.md:33: a java fence without a snippet marker"),
                problems.get(0));
    }

    @Test
    void theRootReadmeIsCheckedToo() throws IOException {
        markdown("src-docs/guide.md", GUIDE);
        markdown("README.md", "# Readme\n\n```java\nnew Greeter();\n```\n");
        assertEquals(List.of("README.md:3"), problems().stream().map(p -> p.substring(0, p.indexOf(": "))).toList());
    }

    @Test
    void aRegionShownNowhereIsReportedAtItsSourceLine() throws IOException {
        markdown("src-docs/guide.md", GUIDE.substring(0, GUIDE.indexOf("<!-- snippet:greeter -->")));
        List<String> problems = problems();
        assertEquals(List.of("src-docs/src/main/java/example/Greeter.java:3: snippet \"greeter\" is shown in no"
                        + " Markdown file: put <!-- snippet:greeter --> before a fence that shows it, or remove its markers",
                "src-docs/src/test/java/example/polite/Greeter.java:3: snippet \"polite-greeter\" is shown in no"
                        + " Markdown file: put <!-- snippet:polite-greeter --> before a fence that shows it, or remove"
                        + " its markers"), problems);
    }

    @Test
    void aMarkerNamingNoRegionIsReported() throws IOException {
        markdown("src-docs/guide.md", GUIDE.replace("<!-- snippet:greet -->", "<!-- snippet:greets -->"));
        List<String> problems = problems();
        assertTrue(problems.contains("src-docs/guide.md:3: no snippet \"greets\" is marked in src-docs/src/main/java"
                + " or src-docs/src/test/java or compatibility/resteasy/src/test/java or compatibility/cxf/src/test/java"
                + " or compatibility/dropwizard/src/test/java or compatibility/spring-boot/src/test/java"
                + " or compatibility/quarkus/src/test/java"), problems.toString());
    }

    @Test
    void aMarkerThatIsNotRightBeforeAFenceIsReported() throws IOException {
        markdown("src-docs/guide.md", GUIDE.replace("<!-- snippet:greet -->\n", "<!-- snippet:greet -->\n\n"));
        List<String> problems = problems();
        assertTrue(problems.contains("src-docs/guide.md:3: a snippet marker must be on the line right before a fence"),
                problems.toString());
    }

    @Test
    void brokenRegionMarkersAreReported() throws IOException {
        markdown("src-docs/guide.md", GUIDE);
        source("src-docs/src/main/java/example/Broken.java", """
                class Broken {
                    //~snippet:greet
                    //~end-snippet
                    //~end-snippet
                    //~snippet:Bad_Name
                    //~snippet:never-closed
                }
                """);
        List<String> problems = problems();
        // Sources are read in path order, so the later one, Greeter.java, is the duplicate.
        assertTrue(problems.contains("src-docs/src/main/java/example/Greeter.java:5: snippet \"greet\" is also marked"
                + " at src-docs/src/main/java/example/Broken.java:2-3: names must be unique"), problems.toString());
        assertTrue(problems.contains("src-docs/src/main/java/example/Broken.java:4: // end-snippet without a snippet"),
                problems.toString());
        assertTrue(problems.contains("src-docs/src/main/java/example/Broken.java:5: snippet name \"Bad_Name\" must be"
                + " lower-case letters, digits and dashes"), problems.toString());
        assertTrue(problems.contains("src-docs/src/main/java/example/Broken.java:6: snippet \"never-closed\" has no"
                + " // end-snippet"), problems.toString());
    }

    @Test
    void writingRewritesEachDifferingFenceKeepingItsIndentation() throws IOException {
        markdown("src-docs/guide.md", GUIDE);
        markdown("README.md", """
                1. Greet:
                   <!-- snippet:greet -->
                   ```java
                   stale code
                   ```
                """);
        Snippets.Result written = Snippets.run(root, true);
        assertEquals(List.of(), written.problems());
        assertEquals(1, written.rewritten());
        assertEquals("""
                1. Greet:
                   <!-- snippet:greet -->
                   ```java
                   public String greet() {
                       return "hello";
                   }
                   ```
                """, Files.readString(root.resolve("README.md")));
        assertEquals(GUIDE, Files.readString(root.resolve("src-docs/guide.md")));
        assertEquals(List.of(), problems());
    }

    @Test
    void writingLeavesWhatItCannotFixReported() throws IOException {
        markdown("src-docs/guide.md", GUIDE + "\n```java\nint untested = 1;\n```\n");
        Snippets.Result written = Snippets.run(root, true);
        assertEquals(1, written.problems().size(), written.problems().toString());
        assertEquals(0, written.rewritten());
    }

    @Test
    void theDiffShowsEveryLineWithRemovalsBeforeAdditions() {
        assertEquals(List.of(" a", "-b", "-c", "+B", " d", "+e"),
                Snippets.diff(List.of("a", "b", "c", "d"), List.of("a", "B", "d", "e")));
        assertEquals(List.of("+x"), Snippets.diff(List.of(), List.of("x")));
        assertEquals(List.of(), Snippets.diff(List.of(), List.of()));
    }

    @Test
    void regionsAreDedentedAndTrimmedOfBlankEdges() {
        assertEquals(List.of("a {", "", "    b;", "}"),
                Snippets.normalize(List.of("", "    a {  ", "", "        b;", "    }", "   ")));
    }
}
