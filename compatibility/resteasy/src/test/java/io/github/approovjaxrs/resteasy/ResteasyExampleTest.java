package io.github.approovjaxrs.resteasy;

import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.conformance.RuntimeUnderTest;
import io.github.approovjaxrs.conformance.SeBootstrapRuntime;
import io.github.approovjaxrs.conformance.ShapesExample;
import org.junit.jupiter.api.Test;

/** The RESTEasy example, started with SeBootstrap as RESTEasy's embedded server, the secret in a system property. */
class ResteasyExampleTest {

    @Test
    void theFeatureProtectsTheResourceWhichReadsTheClaims() throws Exception {
        try (RuntimeUnderTest.Server server = TestSecret.inTheEnvironment(() -> SeBootstrapRuntime.start(new ShapesApplication()))) {
            ShapesExample.assertProtectedAndReadingTheClaims(server.baseUri().resolve("shapes"));
        }
    }
}
