package io.github.approovjaxrs.conformance;

import jakarta.ws.rs.SeBootstrap;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Starts a scenario with the standard {@link SeBootstrap} API of Jakarta REST 3.1, on a free loopback port: the
 * runtime is whichever implementation is on the class path (Jersey with its Grizzly server, RESTEasy with
 * Undertow, Apache CXF with Jetty).
 */
public class SeBootstrapRuntime implements RuntimeUnderTest {

    @Override
    public String name() {
        String implementation = RuntimeDelegate.getInstance().getClass().getName();
        Package delegate = RuntimeDelegate.getInstance().getClass().getPackage();
        return "SeBootstrap on " + implementation + (delegate.getImplementationVersion() == null ? ""
                : " " + delegate.getImplementationVersion());
    }

    @Override
    public Server start(Scenario scenario) throws Exception {
        return start(scenario.application());
    }

    /** {@code application} started on a free loopback port with the implementation on the class path. */
    public static Server start(Application application) throws Exception {
        SeBootstrap.Instance instance = SeBootstrap.start(application,
                SeBootstrap.Configuration.builder().protocol("HTTP").host("127.0.0.1").port(SeBootstrap.Configuration.FREE_PORT)
                        .rootPath("/").build())
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
        URI base = instance.configuration().baseUri();
        return Server.at(base.toString().endsWith("/") ? base : URI.create(base + "/"), () -> {
            try {
                instance.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not stop " + application.getClass().getName(), e);
            }
        });
    }
}
