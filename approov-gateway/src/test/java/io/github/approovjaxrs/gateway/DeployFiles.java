package io.github.approovjaxrs.gateway;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The YAML files under {@code deploy/}, parsed, and a path into their maps and lists that fails clearly. */
final class DeployFiles {

    private DeployFiles() {
    }

    /** Every document of {@code deploy/<file>}, as maps (a parse error fails the test that reads it). */
    static List<Map<String, Object>> documents(String file) {
        Path path = RunningProxy.DEPLOY.resolve(file);
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    documents.add(map(document, path + ": a document"));
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return documents;
    }

    /** The only document of {@code deploy/<file>}. */
    static Map<String, Object> document(String file) {
        List<Map<String, Object>> documents = documents(file);
        if (documents.size() != 1) {
            throw new AssertionError(file + " should hold one YAML document; it holds " + documents.size());
        }
        return documents.get(0);
    }

    /**
     * What {@code keys} lead to: map keys, or list indexes given as integers.
     *
     * @throws AssertionError naming the path when a step is missing
     */
    static Object at(Object root, Object... keys) {
        Object here = root;
        StringBuilder path = new StringBuilder();
        for (Object key : keys) {
            path.append('/').append(key);
            if (key instanceof Integer index) {
                here = assertInstanceOf(List.class, here, path.toString()).get(index);
            } else {
                here = map(here, path.toString()).get(key);
            }
            assertNotNull(here, "no " + path);
        }
        return here;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        return (Map<String, Object>) assertInstanceOf(Map.class, value, what + " should be a map");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String what) {
        return (List<Object>) assertInstanceOf(List.class, value, what + " should be a list");
    }

    /** A list of strings, e.g. header names. */
    static List<String> strings(Object value, String what) {
        return list(value, what).stream().map(String::valueOf).toList();
    }
}
