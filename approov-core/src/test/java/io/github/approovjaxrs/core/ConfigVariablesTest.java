package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.approovjaxrs.core.ConfigVariables.Companion;
import io.github.approovjaxrs.core.ConfigVariables.Setting;
import io.github.approovjaxrs.core.ConfigVariables.Variable;
import io.github.approovjaxrs.testing.ApproovTokens;
import io.github.approovjaxrs.testing.TestKeys;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The table of variables against what it stands for: the builder's methods and defaults, and the configuration
 * tables of the README and the walkthrough, which must list exactly its variables.
 */
class ConfigVariablesTest {

    /** The repository root: the module's base directory (Surefire's basedir and working directory) is below it. */
    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..").normalize();
    static final Path README = ROOT.resolve("README.md");
    static final Path WALKTHROUGH = ROOT.resolve("src-docs/approov-integration-in-a-jax-rs-api.md");
    static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

    @Test
    void theReadmeConfigurationTableListsExactlyTheVariablesAndTheirDefaults() throws IOException {
        Map<String, List<String>> rows = table(README, "| variable | default | meaning |");
        assertSameVariables(README, rows.keySet());
        rows.forEach((name, cells) -> assertDefault(README, variable(name), cells.get(1)));
    }

    @Test
    void theWalkthroughConfigurationTableNamesTheVariablesWithTheirBuilderMethods() throws IOException {
        Map<String, List<String>> rows = table(WALKTHROUGH, "| variable | default | builder method | meaning |");
        assertSameVariables(WALKTHROUGH, rows.keySet());
        rows.forEach((name, cells) -> {
            Variable variable = variable(name);
            assertDefault(WALKTHROUGH, variable, cells.get(1));
            assertTrue(Pattern.compile("\\b" + variable.builderMethod() + "\\b").matcher(cells.get(2)).find(),
                    WALKTHROUGH.getFileName() + ": the row of " + name + " does not name its builder method "
                            + variable.builderMethod() + ": " + cells.get(2));
        });
    }

    @Test
    void theClassJavadocNamesEveryVariableWithItsBuilderMethod() throws IOException {
        String source = Files.readString(ROOT.resolve(
                "approov-core/src/main/java/io/github/approovjaxrs/core/ApproovConfig.java"));
        String javadoc = source.substring(0, source.indexOf("public final class ApproovConfig"));
        for (Variable variable : ConfigVariables.ALL) {
            if (variable instanceof Companion) {
                continue; // listed with the variable it completes
            }
            assertTrue(javadoc.contains("{@code " + variable.name() + "}"),
                    "ApproovConfig's Javadoc lacks " + variable.name());
            assertTrue(javadoc.contains("{@link Builder#" + variable.builderMethod() + "}"),
                    "ApproovConfig's Javadoc lacks the builder method of " + variable.name());
        }
    }

    @Test
    void everyVariableNamesAPublicBuilderMethodAndIsListedOnce() {
        Set<String> methods = new LinkedHashSet<>();
        for (Method method : ApproovConfig.Builder.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers())) {
                methods.add(method.getName());
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (Variable variable : ConfigVariables.ALL) {
            assertTrue(names.add(variable.name()), variable.name() + " is listed twice");
            assertTrue(variable.name().matches("APPROOV_[A-Z0-9_]+"), variable.name());
            assertTrue(methods.contains(variable.builderMethod()),
                    variable.name() + " names " + variable.builderMethod() + ", which is no public builder method");
        }
    }

    /** Reading the environment first and overriding in code must work for every setting, valid or not. */
    @Test
    void aBuilderCallAfterAnInvalidVariableWins() {
        for (Variable variable : ConfigVariables.ALL) {
            if (variable instanceof Setting<?> setting) {
                ApproovConfig.Builder builder = ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64)
                        .readEnvironment(Map.of(setting.name(), "not valid!")::get);
                resetToDefault(setting, builder);
                assertDoesNotThrow(builder::build, setting.name() + " then " + setting.builderMethod() + "(...)");
            }
        }
    }

    /**
     * A secret, or a token, pasted into any variable: whatever the variable makes of it, no refusal shows it,
     * in any case (an algorithm is upper-cased before it is judged).
     */
    @Test
    void aSecretInTheWrongVariableNeverReachesAMessage() {
        String secret = ApproovTokens.DUMMY_SECRET_BASE64;
        String urlSafe = secret.replace('+', '-').replace('/', '_').replace("=", "");
        int slash = secret.indexOf('/');
        List<String> leaks = List.of(secret, urlSafe, secret.substring(0, 44), TestSecret.TOKENS.mint(),
                secret.substring(0, 16), secret.substring(slash - 4, slash + 12));
        String pem = TestKeys.pem(TestKeys.ec("secp256r1").getPublic());
        int refusals = 0;
        for (Variable variable : ConfigVariables.ALL) {
            for (String leak : leaks) {
                Map<String, String> env = new HashMap<>();
                env.put(ConfigVariables.BASE64_SECRET, TestSecret.SECRET_BASE64);
                if (variable instanceof Companion) {
                    env.put(ConfigVariables.PUBLIC_KEY_PEM, pem);
                }
                env.put(variable.name(), leak);
                try {
                    ApproovConfig.fromEnvironment(env::get);
                } catch (ApproovConfigurationException refused) {
                    refusals++;
                    String message = refused.getMessage().toLowerCase(Locale.ROOT);
                    assertFalse(message.contains(leak.toLowerCase(Locale.ROOT)), variable.name() + ": " + message);
                    assertFalse(message.contains(leak.substring(0, 12).toLowerCase(Locale.ROOT)),
                            variable.name() + ": " + message);
                }
            }
        }
        // Most variables refuse such a value; the count guards against a table that refuses nothing.
        assertTrue(refusals >= 3 * ConfigVariables.ALL.size(), refusals + " refusals");
    }

    @Test
    void aPathTheFileSystemRefusesIsAnUnreadableFile() {
        Map<String, String> env = Map.of(ConfigVariables.BASE64_SECRET, TestSecret.SECRET_BASE64,
                ConfigVariables.JWKS_FILE, "keys\0.json");
        ApproovConfigurationException refused = assertThrows(ApproovConfigurationException.class,
                () -> ApproovConfig.fromEnvironment(env::get));
        assertTrue(refused.getMessage().contains("APPROOV_JWKS_FILE: cannot read a value of 10 characters"
                + " (InvalidPathException)"), refused.getMessage());
    }

    // ---- helpers ----

    static Variable variable(String name) {
        return ConfigVariables.ALL.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    /** Calls the setting's builder method with its default value, as code overriding the environment does. */
    static <T> void resetToDefault(Setting<T> setting, ApproovConfig.Builder builder) {
        setting.set().accept(builder, setting.get().apply(ApproovConfig.builder()));
    }

    static void assertSameVariables(Path document, Set<String> listed) {
        Set<String> read = new LinkedHashSet<>(ConfigVariables.ALL.stream().map(Variable::name).toList());
        Set<String> missing = new LinkedHashSet<>(read);
        missing.removeAll(listed);
        Set<String> extra = new LinkedHashSet<>(listed);
        extra.removeAll(read);
        assertTrue(missing.isEmpty() && extra.isEmpty(), document.getFileName() + "'s configuration table lacks "
                + missing + " and lists " + extra + ", which ApproovConfig does not read (ConfigVariables.ALL)");
    }

    /**
     * A setting's default cell is {@code `value`} or starts with "unset", and says what the builder holds; the
     * keys' cells are prose.
     */
    static void assertDefault(Path document, Variable variable, String cell) {
        if (!(variable instanceof Setting<?> setting)) {
            return;
        }
        String where = document.getFileName() + ", default of " + variable.name() + ": " + cell;
        String actual = spelled(setting.name(), setting.get().apply(ApproovConfig.builder()));
        Matcher code = CODE_SPAN.matcher(cell);
        if (cell.startsWith("unset")) {
            assertEquals(null, actual, where);
        } else if (code.matches()) {
            assertEquals(actual, code.group(1), where);
        } else {
            fail(where + ": give the default as `value` or as \"unset...\"");
        }
    }

    /** A default as the variable {@code name} would spell it (a duration in its unit); null when unset. */
    static String spelled(String name, Object value) {
        if (value == null || value instanceof Collection<?> list && list.isEmpty()) {
            return null;
        }
        if (value instanceof Collection<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList()); // as the variable lists them
        }
        if (value instanceof Duration duration) {
            return String.valueOf(name.endsWith("_MILLIS") ? duration.toMillis() : duration.toSeconds());
        }
        return value.toString();
    }

    /**
     * The rows of the table under {@code header} in the document's "Configuration" section, by the variable
     * their first cell names; each row's cells in order.
     */
    static Map<String, List<String>> table(Path document, String header) throws IOException {
        List<String> lines = Files.readAllLines(document);
        int section = lines.indexOf("## Configuration");
        assertTrue(section >= 0, document + " has no section \"## Configuration\"");
        int start = section + 1;
        while (start < lines.size() && !lines.get(start).equals(header)) {
            assertFalse(lines.get(start).startsWith("## "), document + ": no table " + header + " under Configuration");
            start++;
        }
        assertTrue(start < lines.size(), document + ": no table " + header);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i);
            List<String> cells = new ArrayList<>(Arrays.asList(line.substring(1, line.length() - 1).split(" \\| ")));
            cells.replaceAll(String::strip);
            Matcher name = CODE_SPAN.matcher(cells.get(0));
            assertTrue(name.matches(), document.getFileName() + ": a row's first cell is not one `VARIABLE`: " + line);
            assertEquals(null, rows.put(name.group(1), cells),
                    document.getFileName() + " lists " + name.group(1) + " twice");
        }
        assertFalse(rows.isEmpty(), document + ": the table " + header + " has no rows");
        return rows;
    }
}
