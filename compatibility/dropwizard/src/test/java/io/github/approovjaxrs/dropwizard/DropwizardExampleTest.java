package io.github.approovjaxrs.dropwizard;

import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.conformance.ShapesExample;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The Dropwizard example, started by dropwizard-testing with the secret in the environment (a system property). */
class DropwizardExampleTest {

    @Test
    void theRegisteredFeatureProtectsTheResourceWhichReadsTheClaims() throws Exception {
        DropwizardTestSupport<Configuration> service = new DropwizardTestSupport<>(ShapesService.class, (String) null,
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"));
        TestSecret.inTheEnvironment(() -> {
            service.before();
            return service;
        });
        try {
            ShapesExample.assertProtectedAndReadingTheClaims(URI.create("http://localhost:" + service.getLocalPort() + "/shapes"));
        } finally {
            service.after();
        }
    }
}
