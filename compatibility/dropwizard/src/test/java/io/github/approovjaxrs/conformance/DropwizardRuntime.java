package io.github.approovjaxrs.conformance;

import static io.github.approovjaxrs.conformance.AttackMatrix.container;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs each scenario as a Dropwizard application started by {@link DropwizardTestSupport} (Jetty, Jersey,
 * Dropwizard's Jackson, metrics and logging), which registers the scenario's resources and feature with
 * {@code environment.jersey().register(...)}, as a Dropwizard application does.
 */
public class DropwizardRuntime implements RuntimeUnderTest {

    @Override
    public String name() {
        return "Dropwizard " + Application.class.getPackage().getImplementationVersion() + " on Jetty "
                + org.eclipse.jetty.util.Jetty.VERSION;
    }

    /**
     * An annotation on a JAX-RS {@code Application} subclass binds globally, but a Dropwizard application has none
     * of its own: Jersey serves Dropwizard's {@code DropwizardResourceConfig}. Annotate the resource classes instead.
     */
    @Override
    public Optional<String> cannotServe(Scenario scenario) {
        return scenario.appWide() == Scenario.AppWide.NONE ? Optional.empty()
                : Optional.of("Dropwizard serves its own JAX-RS Application (DropwizardResourceConfig), which an application"
                        + " cannot annotate; annotate each resource class instead");
    }

    @Override
    public Server start(Scenario scenario) throws Exception {
        Configuration configuration = new Configuration();
        DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
        for (List<ConnectorFactory> connectors : List.of(server.getApplicationConnectors(), server.getAdminConnectors())) {
            for (ConnectorFactory connector : connectors) {
                ((HttpConnectorFactory) connector).setBindHost("127.0.0.1");
                ((HttpConnectorFactory) connector).setPort(0);
            }
        }
        DropwizardTestSupport<Configuration> support = new DropwizardTestSupport<>(ScenarioApplication.class, configuration) {
            @Override
            public Application<Configuration> newApplication() {
                return new ScenarioApplication(scenario);
            }
        };
        support.before();
        return Server.at(URI.create("http://127.0.0.1:" + support.getLocalPort() + "/"), support::after);
    }

    /**
     * Jetty refuses a header block over its 8 KB limit with 431 (Grizzly: 400), a 10 KB {@code Approov-Status} among
     * them, and a path with an empty segment ({@code //methods/protected}) with 400 (Grizzly: 404); and Jetty's
     * per-connection header cache matches values case-insensitively, so on a connection that already carried {@code Authorization: Bearer 0123456789abcdef},
     * {@code bearer 0123456789abcdef} reaches the application, and so the binding check, as the genuine value.
     */
    @Override
    public Map<String, AttackMatrix.Expected> ownAnswers() {
        Map<String, AttackMatrix.Expected> answers = new HashMap<>(AttackMatrix.oversizedHeaderBlocks(container(431)));
        answers.put("size: a 9000-character token (over the verifier's 8192)", container(431));
        answers.put("client status and trace headers: Approov-Status of 10 KB", container(431));
        answers.put("routing: double slash, no token", container(400));
        answers.put("binding (@ApproovBound): scheme in lower case", AttackMatrix.Expected.ACCEPTED);
        return answers;
    }

    /** A Dropwizard application serving a scenario's resources and feature. */
    static final class ScenarioApplication extends Application<Configuration> {
        private final Scenario scenario;

        ScenarioApplication(Scenario scenario) {
            this.scenario = scenario;
        }

        @Override
        @SuppressWarnings("deprecation") // getSingletons: the scenario hands its feature over as a singleton
        public void run(Configuration configuration, Environment environment) {
            jakarta.ws.rs.core.Application application = scenario.application();
            application.getClasses().forEach(environment.jersey()::register);
            application.getSingletons().forEach(environment.jersey()::register);
        }
    }
}
