package io.github.approovjaxrs.cxf;

import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.conformance.RuntimeUnderTest;
import io.github.approovjaxrs.conformance.SeBootstrapRuntime;
import io.github.approovjaxrs.conformance.ShapesExample;
import org.junit.jupiter.api.Test;

/** The Apache CXF example, started with SeBootstrap on CXF's Jetty transport, the secret in a system property. */
class CxfExampleTest {

    @Test
    void theFeatureProtectsTheResourceWhichReadsTheClaims() throws Exception {
        try (RuntimeUnderTest.Server server = TestSecret.inTheEnvironment(() -> SeBootstrapRuntime.start(new ShapesApplication()))) {
            ShapesExample.assertProtectedAndReadingTheClaims(server.baseUri().resolve("shapes"));
        }
    }
}
