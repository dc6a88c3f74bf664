package io.github.approovjaxrs;

import jakarta.ws.rs.core.Application;
import java.net.URI;
import org.glassfish.jersey.test.JerseyTest;
import org.glassfish.jersey.test.TestProperties;

/**
 * A {@link JerseyTest} (Grizzly provider, free loopback port) around one application, driven by JUnit
 * Jupiter: {@link #start()} and {@link #stop()} from the test's lifecycle methods. Published in the
 * test-jar for other modules' tests.
 */
public final class JerseyServer extends JerseyTest {

    public JerseyServer(Application application) {
        super(application);
        forceSet(TestProperties.CONTAINER_PORT, "0");
    }

    public JerseyServer start() {
        try {
            setUp();
            return this;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void stop() {
        try {
            tearDown();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The absolute URI of {@code path} on the running server. */
    public URI uri(String path) {
        return getBaseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }
}
