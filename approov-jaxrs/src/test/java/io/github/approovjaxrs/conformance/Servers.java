package io.github.approovjaxrs.conformance;

import java.util.EnumMap;
import java.util.Map;

/**
 * The servers of this test run: one per scenario, started on first use by {@link RuntimeUnderTest#current()} and
 * stopped when the JVM exits, so that every test class of a scenario shares one server.
 */
final class Servers {

    static final RuntimeUnderTest RUNTIME = RuntimeUnderTest.current();
    private static final Map<Scenario, RuntimeUnderTest.Server> RUNNING = new EnumMap<>(Scenario.class);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Servers::stopAll, "stop conformance servers"));
    }

    private Servers() {
    }

    /** The running server of {@code scenario}, started now if it is not yet. */
    static synchronized RuntimeUnderTest.Server of(Scenario scenario) {
        RuntimeUnderTest.Server server = RUNNING.get(scenario);
        if (server == null) {
            long started = System.nanoTime();
            try {
                server = RUNTIME.start(scenario);
            } catch (Exception e) {
                throw new IllegalStateException(RUNTIME.name() + " could not start " + scenario, e);
            }
            System.out.printf("%s started %s at %s in %d ms%n", RUNTIME.name(), scenario, server.baseUri(),
                    (System.nanoTime() - started) / 1_000_000);
            RUNNING.put(scenario, server);
        }
        return server;
    }

    private static synchronized void stopAll() {
        RUNNING.values().forEach(server -> {
            try {
                server.close();
            } catch (RuntimeException ignored) {
                // the JVM is exiting: a server that fails to stop changes nothing
            }
        });
        RUNNING.clear();
    }
}
