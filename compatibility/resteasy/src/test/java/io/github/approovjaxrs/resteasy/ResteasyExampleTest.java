package io.github.approovjaxrs.resteasy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import jakarta.ws.rs.SeBootstrap;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The RESTEasy example, started with SeBootstrap as RESTEasy's embedded server, the secret in a system property. */
class ResteasyExampleTest {

    @Test
    void theFeatureListedByClassProtectsTheResourceWhichReadsTheClaims() throws Exception {
        SeBootstrap.Instance server = TestSecret.inTheEnvironment(() -> SeBootstrap.start(new ShapesApplication(),
                SeBootstrap.Configuration.builder().host("127.0.0.1").port(SeBootstrap.Configuration.FREE_PORT).build())
                .toCompletableFuture().get(60, TimeUnit.SECONDS));
        try {
            URI shapes = server.configuration().baseUri().resolve("shapes");
            assertEquals(401, RawHttp.get(shapes).statusCode());
            assertEquals("{\"shape\":\"Circle\",\"device\":\"phone-1\"}",
                    RawHttp.get(shapes, "Approov-Token", TestSecret.TOKENS.deviceId("phone-1").mint()).body());
        } finally {
            server.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
