package io.github.approovjaxrs.conformance;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The start-up hook of one Jakarta REST runtime: the conformance suite asks it for a server running a
 * {@link Scenario}'s {@code Application} and sends that server plain HTTP. The default,
 * {@link SeBootstrapRuntime}, uses the standard {@code jakarta.ws.rs.SeBootstrap} API and serves Jersey, RESTEasy
 * and Apache CXF unchanged; a runtime without it (Dropwizard, Spring Boot, Quarkus) names its own hook in
 * {@code META-INF/services/io.github.approovjaxrs.conformance.RuntimeUnderTest} in its test module.
 */
public interface RuntimeUnderTest {

    /** The runtime and its version, for the report. */
    String name();

    /**
     * A running server for {@code scenario}, which the suite stops when the tests end. Asked once per scenario.
     *
     * @throws Exception when the runtime cannot start it: the scenario's tests fail
     */
    Server start(Scenario scenario) throws Exception;

    /**
     * Why this runtime cannot serve {@code scenario} at all, when it cannot: its tests are then skipped with
     * that reason, which the runtime's README row repeats. Empty by default.
     */
    default Optional<String> cannotServe(Scenario scenario) {
        return Optional.empty();
    }

    /**
     * The attack-matrix cases this runtime answers otherwise than Jersey on Grizzly, by case name
     * ({@code "group: name"}), each with exactly what it gets instead: its own status before the library sees
     * the request (a smaller or larger header limit, a path it normalises or refuses), or the library's refusal
     * where Jersey's container answered first. A name that matches no case fails the suite.
     */
    default Map<String, AttackMatrix.Expected> ownAnswers() {
        return Map.of();
    }

    /** A running server. */
    interface Server extends AutoCloseable {
        /** Where the application's root is, ending in {@code /}. */
        URI baseUri();

        @Override
        void close();

        /** The server whose root is {@code base}, stopped by {@code stop}. */
        static Server at(URI base, Runnable stop) {
            return new Server() {
                @Override
                public URI baseUri() {
                    return base;
                }

                @Override
                public void close() {
                    stop.run();
                }
            };
        }
    }

    /** The runtime of this test run: the one named in the service file, else {@link SeBootstrapRuntime}. */
    static RuntimeUnderTest current() {
        return ServiceLoader.load(RuntimeUnderTest.class).findFirst().orElseGet(SeBootstrapRuntime::new);
    }
}
