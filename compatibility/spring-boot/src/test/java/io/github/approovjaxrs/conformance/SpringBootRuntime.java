package io.github.approovjaxrs.conformance;

import java.net.URI;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Runs each scenario as a Spring Boot application with {@code spring-boot-starter-jersey}: its {@code ResourceConfig}
 * bean is the scenario's plain {@code Application}, which Jersey serves on Spring Boot's embedded Tomcat.
 *
 * <p>With {@code spring.jersey.servlet.load-on-startup=1}, as the README's Runtimes table advises: Spring Boot starts
 * Jersey's servlet on the first request by default, so an endpoint Jersey cannot set up (an {@code @ApproovBound}
 * naming a header twice) would not stop start-up but answer every request of the application with Tomcat's 500;
 * loaded at start-up, its failure stops Spring Boot.
 */
public class SpringBootRuntime implements RuntimeUnderTest {

    @Override
    public String name() {
        return "Spring Boot " + SpringApplicationBuilder.class.getPackage().getImplementationVersion() + " with Jersey "
                + ResourceConfig.class.getPackage().getImplementationVersion() + " on Tomcat "
                + org.apache.catalina.util.ServerInfo.getServerNumber();
    }

    @Override
    public Server start(Scenario scenario) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ScenarioBoot.class)
                .initializers(created -> ((GenericApplicationContext) created).registerBean(ResourceConfig.class,
                        () -> ResourceConfig.forApplication(scenario.application())))
                .properties("server.address=127.0.0.1", "server.port=0", "spring.main.banner-mode=off",
                        "spring.jersey.servlet.load-on-startup=1")
                .run();
        return Server.at(URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort() + "/"),
                context::close);
    }

    /** The Spring Boot application: auto-configuration only (Jersey, Tomcat); the scenario adds its ResourceConfig. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ScenarioBoot {
    }
}
