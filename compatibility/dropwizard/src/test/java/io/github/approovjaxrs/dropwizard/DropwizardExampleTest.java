package io.github.approovjaxrs.dropwizard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
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
            URI shapes = URI.create("http://localhost:" + service.getLocalPort() + "/shapes");
            assertEquals(401, RawHttp.get(shapes).statusCode());
            assertEquals("{\"shape\":\"Circle\",\"device\":\"phone-1\"}",
                    RawHttp.get(shapes, "Approov-Token", TestSecret.TOKENS.deviceId("phone-1").mint()).body());
        } finally {
            service.after();
        }
    }
}
