package io.github.approovjaxrs.docs;

import io.github.approovjaxrs.TestSecret;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs code as if the JVM had been started with {@code -DNAME=value}, the first place
 * {@code ApproovConfig.fromEnvironment()} looks, then restores the properties. The configuration is read
 * while the code runs, so the properties need not outlive it.
 */
final class SystemProperties {

    private SystemProperties() {
    }

    static synchronized <T> T with(Map<String, String> properties, Supplier<T> code) {
        Map<String, String> previous = new HashMap<>();
        properties.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
        try {
            return code.get();
        } finally {
            previous.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }

    /** With {@code APPROOV_BASE64_SECRET} set to the library's test secret. */
    static <T> T withTestSecret(Supplier<T> code) {
        return with(Map.of("APPROOV_BASE64_SECRET", TestSecret.SECRET_BASE64), code);
    }
}
