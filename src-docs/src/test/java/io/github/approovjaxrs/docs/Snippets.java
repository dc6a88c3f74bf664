package io.github.approovjaxrs.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps the code in the Markdown documentation identical to compiled, tested code.
 *
 * <p>A region of a Java source under {@code src-docs/src/} (or a runtime module's tests under
 * {@code compatibility/}) is marked by a line {@code // snippet:NAME} and
 * a line {@code // end-snippet} (regions may nest; marker lines never show). In the Markdown
 * ({@code README.md} and every {@code .md} file directly in {@code src-docs/}), the line right before a
 * fence names what the fence shows: {@code <!-- snippet:NAME -->} for a region, dedented, or
 * {@code <!-- diff:OLD NEW -->} for a line diff from region OLD to region NEW. The check fails, naming
 * file and line, when a fence differs from what its marker names, when a {@code java} fence has no marker,
 * when a marker names no region, and when a region is shown nowhere.
 *
 * <p>{@code DocumentationTest} runs the check in every build. To rewrite every fence from the sources, run
 * from the repository root (JDK only, no build needed):
 * <pre>
 * java src-docs/src/test/java/io/github/approovjaxrs/docs/Snippets.java          rewrite the fences
 * java src-docs/src/test/java/io/github/approovjaxrs/docs/Snippets.java --check  only report
 * </pre>
 */
public final class Snippets {

    /** How to rewrite the fences, for the messages. */
    static final String REWRITE_COMMAND = "java src-docs/src/test/java/io/github/approovjaxrs/docs/Snippets.java";

    /** The walkthrough's code, and the runtime modules' examples (each tested on its runtime). */
    private static final List<String> SOURCE_DIRECTORIES = List.of("src-docs/src/main/java", "src-docs/src/test/java",
            "compatibility/resteasy/src/test/java", "compatibility/cxf/src/test/java", "compatibility/dropwizard/src/test/java",
            "compatibility/spring-boot/src/test/java", "compatibility/quarkus/src/test/java");
    private static final String DOCS_DIRECTORY = "src-docs";
    private static final Pattern REGION_START = Pattern.compile("// snippet:(\\S*)");
    private static final String REGION_END = "// end-snippet";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern MARKER = Pattern.compile("<!--\\s*(snippet|diff):(.*?)\\s*-->");
    private static final Pattern FENCE_OPEN = Pattern.compile("(\\s*)(`{3,})(.*)");

    private Snippets() {
    }

    /** A marked region of a source file: its lines, dedented, without marker lines. */
    record Region(String name, Path file, int firstLine, int lastLine, List<String> lines) {
        String location(Path root) {
            return relative(root, file) + ":" + firstLine + "-" + lastLine;
        }
    }

    /** Something wrong, at a line of a file. */
    record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /**
     * What a run found.
     *
     * @param problems every problem, in file order
     * @param fencesByFile how many marked fences each Markdown file has (relative path to count)
     * @param rewritten how many fences a writing run changed
     */
    record Result(List<Problem> problems, Map<String, Integer> fencesByFile, int rewritten) {
    }

    /** A fenced block of a Markdown file and the marker on the line before it, if any. */
    private record Fence(int openIndex, int closeIndex, String indent, String language, String marker) {
    }

    /**
     * Checks every Markdown file against the sources under {@code root}; when {@code write} is true, rewrites
     * each fence that differs from its region instead of reporting it.
     */
    static Result run(Path root, boolean write) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Region> regions = regions(root, problems);
        Set<String> shown = new HashSet<>();
        Map<String, Integer> fencesByFile = new LinkedHashMap<>();
        int rewritten = 0;
        for (Path markdown : markdownFiles(root)) {
            List<String> lines = readLines(markdown);
            List<String> updated = new ArrayList<>(lines);
            int fences = 0;
            // Fences are replaced from the last to the first so that earlier indexes stay valid.
            List<Fence> all = fences(root, markdown, lines, problems);
            for (int f = all.size() - 1; f >= 0; f--) {
                Fence fence = all.get(f);
                if (fence.marker() == null) {
                    continue;
                }
                fences++;
                List<String> expected = expected(root, markdown, fence, regions, shown, problems);
                if (expected == null) {
                    continue;
                }
                List<String> body = body(lines, fence);
                if (body.equals(expected)) {
                    continue;
                }
                if (write) {
                    List<String> replacement = expected.stream()
                            .map(line -> line.isEmpty() ? "" : fence.indent() + line)
                            .toList();
                    updated.subList(fence.openIndex() + 1, fence.closeIndex()).clear();
                    updated.addAll(fence.openIndex() + 1, replacement);
                    rewritten++;
                } else {
                    problems.add(mismatch(root, markdown, fence, body, expected, regions));
                }
            }
            fencesByFile.put(relative(root, markdown), fences);
            if (!updated.equals(lines)) {
                writeLines(markdown, updated);
            }
        }
        for (Region region : regions.values()) {
            if (!shown.contains(region.name())) {
                problems.add(new Problem(relative(root, region.file()), region.firstLine(), "snippet \"" + region.name()
                        + "\" is shown in no Markdown file: put <!-- snippet:" + region.name()
                        + " --> before a fence that shows it, or remove its markers"));
            }
        }
        problems.sort((a, b) -> a.file().equals(b.file()) ? Integer.compare(a.line(), b.line())
                : a.file().compareTo(b.file()));
        return new Result(List.copyOf(problems), fencesByFile, rewritten);
    }

    /** Every region of every Java source, by name. */
    static Map<String, Region> regions(Path root, List<Problem> problems) {
        Map<String, Region> regions = new LinkedHashMap<>();
        for (Path source : javaSources(root)) {
            List<String> lines = readLines(source);
            record Open(String name, int firstLine, List<String> lines) {
            }
            Deque<Open> open = new ArrayDeque<>();
            for (int i = 0; i < lines.size(); i++) {
                String stripped = lines.get(i).strip();
                Matcher start = REGION_START.matcher(stripped);
                if (start.matches()) {
                    String name = start.group(1);
                    if (!NAME.matcher(name).matches()) {
                        problems.add(new Problem(relative(root, source), i + 1, "snippet name \"" + name
                                + "\" must be lower-case letters, digits and dashes"));
                    }
                    open.push(new Open(name, i + 1, new ArrayList<>()));
                } else if (stripped.equals(REGION_END)) {
                    Open region = open.poll();
                    if (region == null) {
                        problems.add(new Problem(relative(root, source), i + 1, REGION_END + " without a snippet"));
                        continue;
                    }
                    Region closed = new Region(region.name(), source, region.firstLine(), i + 1,
                            normalize(region.lines()));
                    Region earlier = regions.putIfAbsent(closed.name(), closed);
                    if (earlier != null) {
                        problems.add(new Problem(relative(root, source), region.firstLine(), "snippet \""
                                + closed.name() + "\" is also marked at " + earlier.location(root)
                                + ": names must be unique"));
                    }
                } else {
                    for (Open region : open) {
                        region.lines().add(lines.get(i));
                    }
                }
            }
            for (Open region : open) {
                problems.add(new Problem(relative(root, source), region.firstLine(), "snippet \"" + region.name()
                        + "\" has no " + REGION_END));
            }
        }
        return regions;
    }

    /** The fenced blocks of a Markdown file, with their markers; reports markers that precede no fence. */
    private static List<Fence> fences(Path root, Path markdown, List<String> lines, List<Problem> problems) {
        List<Fence> fences = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE_OPEN.matcher(lines.get(i));
            if (!open.matches()) {
                if (MARKER.matcher(lines.get(i).strip()).matches()
                        && (i + 1 >= lines.size() || !FENCE_OPEN.matcher(lines.get(i + 1)).matches())) {
                    problems.add(new Problem(relative(root, markdown), i + 1,
                            "a snippet marker must be on the line right before a fence"));
                }
                continue;
            }
            String ticks = open.group(2);
            int close = i + 1;
            while (close < lines.size() && !isFenceClose(lines.get(close), ticks.length())) {
                close++;
            }
            if (close == lines.size()) {
                problems.add(new Problem(relative(root, markdown), i + 1, "this fence is never closed"));
                break;
            }
            String language = open.group(3).strip().split("\\s+")[0];
            String marker = i > 0 && MARKER.matcher(lines.get(i - 1).strip()).matches() ? lines.get(i - 1).strip() : null;
            if (marker == null && language.equalsIgnoreCase("java")) {
                problems.add(new Problem(relative(root, markdown), i + 1, "a java fence without a snippet marker:"
                        + " every Java snippet must come from tested code; put <!-- snippet:NAME --> on the line"
                        + " before it and mark the region with // snippet:NAME ... // end-snippet under src-docs/src"));
            }
            fences.add(new Fence(i, close, open.group(1), language, marker));
            i = close;
        }
        return fences;
    }

    private static boolean isFenceClose(String line, int ticks) {
        String stripped = line.strip();
        return stripped.length() >= ticks && stripped.chars().allMatch(c -> c == '`');
    }

    /** What the fence must show, or null (and a problem) when its marker names no region. */
    private static List<String> expected(Path root, Path markdown, Fence fence, Map<String, Region> regions,
            Set<String> shown, List<Problem> problems) {
        Matcher marker = MARKER.matcher(fence.marker());
        marker.matches();
        String kind = marker.group(1);
        List<String> names = List.of(marker.group(2).strip().split("\\s+"));
        int markerLine = fence.openIndex(); // 1-based line of the marker, the line before the fence
        if (kind.equals("snippet") ? names.size() != 1 : names.size() != 2) {
            problems.add(new Problem(relative(root, markdown), markerLine, kind.equals("snippet")
                    ? "write <!-- snippet:NAME --> with one name" : "write <!-- diff:OLD NEW --> with two names"));
            return null;
        }
        List<Region> found = new ArrayList<>();
        for (String name : names) {
            Region region = regions.get(name);
            if (region == null) {
                problems.add(new Problem(relative(root, markdown), markerLine, "no snippet \"" + name
                        + "\" is marked in " + String.join(" or ", SOURCE_DIRECTORIES)));
                return null;
            }
            shown.add(name);
            found.add(region);
        }
        return kind.equals("snippet") ? found.get(0).lines() : diff(found.get(0).lines(), found.get(1).lines());
    }

    private static Problem mismatch(Path root, Path markdown, Fence fence, List<String> body, List<String> expected,
            Map<String, Region> regions) {
        int at = 0;
        while (at < body.size() && at < expected.size() && body.get(at).equals(expected.get(at))) {
            at++;
        }
        String fenceHas = at < body.size() ? "\"" + body.get(at).strip() + "\"" : "nothing more";
        String sourceHas = at < expected.size() ? "\"" + expected.get(at).strip() + "\"" : "nothing more";
        Matcher marker = MARKER.matcher(fence.marker());
        marker.matches();
        List<String> sources = new ArrayList<>();
        for (String name : marker.group(2).strip().split("\\s+")) {
            sources.add(regions.get(name).location(root));
        }
        return new Problem(relative(root, markdown), fence.openIndex() + 1, "this fence (" + fence.marker()
                + ") differs from " + String.join(" and ", sources) + " at line " + (fence.openIndex() + 2 + at)
                + ": the fence has " + fenceHas + ", the source " + sourceHas
                + "; edit the source, then rewrite the fences: " + REWRITE_COMMAND);
    }

    /** The fence's lines without its indentation and trailing spaces. */
    private static List<String> body(List<String> lines, Fence fence) {
        List<String> body = new ArrayList<>();
        for (String line : lines.subList(fence.openIndex() + 1, fence.closeIndex())) {
            String unindented = line.startsWith(fence.indent()) ? line.substring(fence.indent().length()) : line.strip();
            body.add(unindented.stripTrailing());
        }
        return body;
    }

    /**
     * A line diff from {@code before} to {@code after} with every line shown: {@code " "} for a kept line,
     * {@code "-"} removed, {@code "+"} added (a longest common subsequence; removals before additions).
     */
    static List<String> diff(List<String> before, List<String> after) {
        int n = before.size();
        int m = after.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = before.get(i).equals(after.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> diff = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).equals(after.get(j))) {
                diff.add((" " + before.get(i)).stripTrailing());
                i++;
                j++;
            } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                diff.add(("-" + before.get(i)).stripTrailing());
                i++;
            } else {
                diff.add(("+" + after.get(j)).stripTrailing());
                j++;
            }
        }
        return diff;
    }

    /** Trailing spaces and leading and trailing blank lines removed; the common indentation removed. */
    static List<String> normalize(List<String> lines) {
        List<String> trimmed = new ArrayList<>(lines.stream().map(String::stripTrailing).toList());
        while (!trimmed.isEmpty() && trimmed.get(0).isEmpty()) {
            trimmed.remove(0);
        }
        while (!trimmed.isEmpty() && trimmed.get(trimmed.size() - 1).isEmpty()) {
            trimmed.remove(trimmed.size() - 1);
        }
        int indent = trimmed.stream().filter(line -> !line.isEmpty())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min().orElse(0);
        return trimmed.stream().map(line -> line.isEmpty() ? line : line.substring(indent)).toList();
    }

    private static List<Path> markdownFiles(Path root) {
        List<Path> files = new ArrayList<>();
        Path readme = root.resolve("README.md");
        if (Files.isRegularFile(readme)) {
            files.add(readme);
        }
        try (Stream<Path> docs = Files.list(root.resolve(DOCS_DIRECTORY))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p))
                    .sorted()
                    .forEach(files::add);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return files;
    }

    private static List<Path> javaSources(Path root) {
        List<Path> sources = new ArrayList<>();
        for (String directory : SOURCE_DIRECTORIES) {
            Path dir = root.resolve(directory);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.getFileName().toString().endsWith(".java")).sorted().forEach(sources::add);
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
        return sources;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static void writeLines(Path file, List<String> lines) {
        try {
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    private static String relative(Path root, Path file) {
        return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    /**
     * Rewrites the fences (or, with {@code --check}, only reports) and exits 1 when problems remain.
     *
     * @param args {@code [--check] [repository root]}; the root defaults to the working directory (or its
     *     parent when run from {@code src-docs})
     */
    public static void main(String[] args) {
        boolean write = true;
        Path root = null;
        for (String arg : args) {
            if (arg.equals("--check")) {
                write = false;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println("Usage: " + REWRITE_COMMAND + " [--check] [repository root]");
                return;
            } else {
                root = Path.of(arg);
            }
        }
        if (root == null) {
            Path here = Path.of("").toAbsolutePath();
            root = Files.isDirectory(here.resolve(DOCS_DIRECTORY)) ? here
                    : here.getFileName().toString().equals(DOCS_DIRECTORY) ? here.getParent() : null;
            if (root == null) {
                System.err.println("Run from the repository root, or pass its path.");
                System.exit(2);
            }
        }
        Result result = run(root, write);
        result.problems().forEach(System.err::println);
        int fences = result.fencesByFile().values().stream().mapToInt(Integer::intValue).sum();
        System.out.println(fences + " marked fence(s) in " + result.fencesByFile().size() + " Markdown file(s)"
                + (write ? "; rewrote " + result.rewritten() : "") + "; " + result.problems().size() + " problem(s)");
        System.exit(result.problems().isEmpty() ? 0 : 1);
    }
}
