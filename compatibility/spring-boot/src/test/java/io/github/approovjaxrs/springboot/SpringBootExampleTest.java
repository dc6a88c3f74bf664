package io.github.approovjaxrs.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.TestSecret;
import io.github.approovjaxrs.conformance.ShapesExample;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot example with the secret in the environment (a system property): the global binding on a
 * {@code @Configuration} {@code ResourceConfig}, which Spring proxies, covers every resource.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringBootExampleTest {

    static final String BEARER = "Bearer 0123456789abcdef";
    ConfigurableApplicationContext context;
    URI shapes;

    @BeforeAll
    void start() throws Exception {
        context = TestSecret.inTheEnvironment(() -> new SpringApplicationBuilder(ShapesService.class)
                .properties("server.address=127.0.0.1", "server.port=0", "spring.main.banner-mode=off").run());
        shapes = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort() + "/shapes");
    }

    @AfterAll
    void stop() {
        context.close();
    }

    @Test
    void springHandsJerseyAProxyOfTheConfiguration() {
        ShapesService.JerseyConfig config = context.getBean(ShapesService.JerseyConfig.class);
        assertEquals(ShapesService.JerseyConfig.class, config.getClass().getSuperclass(), config.getClass().getName());
    }

    @Test
    void theGlobalBindingOnTheProxiedConfigurationCoversTheResourceWhichReadsTheClaims() {
        assertEquals(401, RawHttp.get(shapes, "Approov-Token", TestSecret.TOKENS.mint()).statusCode(), "a token not bound");
        ShapesExample.assertProtectedAndReadingTheClaims(shapes, "Authorization", BEARER);
    }
}
