package io.github.approovjaxrs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The API guard: the public API of each published artifact is committed, as text, in {@code <module>/api.txt},
 * and this test fails when the compiled API differs from it, so that no public type, method or field is added,
 * removed or changed by accident. A deliberate change updates the file in the same commit:
 *
 * <pre>{@code
 * mvn -B verify -pl approov-jaxrs -am -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dapproov.api.update=true
 * }</pre>
 *
 * <p>What counts: every public type (and public or protected nested type of one) in the artifact's package,
 * with its kind, modifiers, supertypes and annotations, and each public or protected constructor, method
 * and field it declares, written as {@link Method#toGenericString()} writes them.
 */
class PublicApiTest {

    private static final String UPDATE_PROPERTY = "approov.api.update";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "approov-core, io/github/approovjaxrs/core/",
        "approov-jaxrs, io/github/approovjaxrs/",
        "approov-test, io/github/approovjaxrs/testing/",
        "approov-replay-redis, io/github/approovjaxrs/replay/redis/"})
    void thePublicApiIsTheCommittedOne(String module, String packagePath) throws IOException {
        Path committed = repositoryRoot().resolve(module).resolve("api.txt");
        List<String> actual = describe(classNames(artifactRoot(packagePath), packagePath));
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.write(committed, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(committed), "no " + committed + ": write it with -D" + UPDATE_PROPERTY + "=true");
        List<String> expected = Files.readAllLines(committed, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            Set<String> added = new LinkedHashSet<>(actual);
            expected.forEach(added::remove);
            Set<String> removed = new LinkedHashSet<>(expected);
            actual.forEach(removed::remove);
            fail("The public API of " + module + " differs from " + committed + ".\n"
                    + "If the change is deliberate, document it and rewrite the file with -D" + UPDATE_PROPERTY
                    + "=true (see this test's Javadoc).\nAdded:\n  " + String.join("\n  ", added)
                    + "\nRemoved:\n  " + String.join("\n  ", removed));
        }
    }

    /** The folder holding the root pom: the test may run in this module or in a compatibility module. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("approov-core")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("the repository root (with approov-core/) is not above " + Path.of("").toAbsolutePath());
    }

    /** The class-path entry (classes folder or jar, never test classes) holding the main classes of a package. */
    private static Path artifactRoot(String packagePath) {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (name.equals("test-classes") || name.endsWith("-tests.jar")) {
                continue;
            }
            if (classNames(path, packagePath).stream().findAny().isPresent()) {
                return path;
            }
        }
        throw new IllegalStateException("no class-path entry holds classes of " + packagePath);
    }

    /** The classes directly in {@code packagePath} (not in sub-packages) of a folder or jar; empty if none. */
    private static Set<String> classNames(Path root, String packagePath) {
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(root)) {
            Path dir = root.resolve(packagePath);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".class"))
                            .forEach(file -> names.add(toClassName(packagePath + file)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        } else if (root.toString().endsWith(".jar") && Files.isRegularFile(root)) {
            try (JarFile jar = new JarFile(root.toFile())) {
                jar.stream().map(entry -> entry.getName())
                        .filter(entry -> entry.startsWith(packagePath) && entry.endsWith(".class")
                                && entry.indexOf('/', packagePath.length()) < 0)
                        .forEach(entry -> names.add(toClassName(entry)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    private static String toClassName(String classFile) {
        return classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
    }

    /** One line per public type and per public or protected member, sorted within each type. */
    private static List<String> describe(Set<String> classNames) {
        List<String> lines = new ArrayList<>();
        classNames.stream().filter(name -> name.indexOf('$') < 0).map(PublicApiTest::load)
                .filter(type -> Modifier.isPublic(type.getModifiers()))
                .sorted(Comparator.comparing(Class::getName))
                .forEach(type -> describe(type, lines));
        return lines;
    }

    private static void describe(Class<?> type, List<String> lines) {
        StringBuilder head = new StringBuilder();
        for (var annotation : type.getAnnotations()) {
            head.append('@').append(annotation.annotationType().getName()).append(' ');
        }
        head.append(type.toGenericString());
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class
                && !type.isEnum() && !type.isRecord()) {
            head.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0) {
            head.append(type.isInterface() ? " extends " : " implements ")
                    .append(String.join(", ", Arrays.stream(type.getGenericInterfaces()).map(t -> t.getTypeName()).toList()));
        }
        if (type.isSealed()) {
            head.append(" permits ").append(String.join(", ",
                    Arrays.stream(type.getPermittedSubclasses()).map(Class::getName).sorted().toList()));
        }
        lines.add(head.toString());
        Set<String> members = new TreeSet<>();
        Stream.of(type.getDeclaredConstructors(), type.getDeclaredMethods(), type.getDeclaredFields())
                .flatMap(Arrays::stream)
                .filter(member -> visible((Member) member) && !((Member) member).isSynthetic())
                .filter(member -> !(member instanceof Method method && method.isBridge()))
                .forEach(member -> members.add("  " + render(member)));
        lines.addAll(members);
        Arrays.stream(type.getDeclaredClasses()).filter(nested -> visible(nested.getModifiers()))
                .sorted(Comparator.comparing(Class::getName))
                .forEach(nested -> describe(nested, lines));
    }

    private static String render(Object member) {
        if (member instanceof Method method) {
            return method.toGenericString() + (method.getDefaultValue() != null ? " default " + defaultValue(method) : "");
        }
        if (member instanceof Constructor<?> constructor) {
            return constructor.toGenericString();
        }
        return ((Field) member).toGenericString();
    }

    /** An annotation element's default as written in source; an array's contents, not its identity hash. */
    private static String defaultValue(Method element) {
        Object value = element.getDefaultValue();
        if (value instanceof Object[] array) {
            return "{" + String.join(", ", Arrays.stream(array).map(String::valueOf).toList()) + "}";
        }
        return String.valueOf(value);
    }

    private static boolean visible(Member member) {
        return visible(member.getModifiers()) || (member instanceof Executable && member.getDeclaringClass().isInterface()
                && !Modifier.isPrivate(member.getModifiers()));
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PublicApiTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
