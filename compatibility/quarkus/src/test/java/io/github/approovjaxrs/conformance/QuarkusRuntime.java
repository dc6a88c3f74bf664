package io.github.approovjaxrs.conformance;

import static io.github.approovjaxrs.conformance.AttackMatrix.container;
import static io.github.approovjaxrs.conformance.AttackMatrix.refused;
import static io.github.approovjaxrs.core.ApproovFailure.MALFORMED_TOKEN;
import static io.github.approovjaxrs.core.ApproovFailure.MISSING_TOKEN;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Quarkus builds its application at build time, so it cannot start an {@code Application} object the way
 * {@code SeBootstrap} does: each scenario is a test profile ({@link ScenarioProfiles}) that restarts Quarkus with the
 * scenario's name in its configuration, and {@link ScenarioFeature} registers that scenario's feature. This hook
 * only checks that the running Quarkus serves the scenario asked for and says where it listens.
 */
public class QuarkusRuntime implements RuntimeUnderTest {

    @Override
    public String name() {
        return "Quarkus " + io.quarkus.runtime.Application.class.getPackage().getImplementationVersion() + " (Quarkus REST)";
    }

    @Override
    public Server start(Scenario scenario) {
        String running = ConfigProvider.getConfig().getValue(ScenarioFeature.SCENARIO, String.class);
        if (!running.equals(scenario.name())) {
            throw new IllegalStateException("Quarkus runs scenario " + running + ", not " + scenario
                    + ": the test class needs @TestProfile(ScenarioProfiles." + scenario + ")");
        }
        // The port is read on every use: each profile restarts Quarkus on a new free port.
        return new Server() {
            @Override
            public URI baseUri() {
                return URI.create("http://localhost:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class) + "/");
            }

            @Override
            public void close() {
                // Quarkus's test extension stops it.
            }
        };
    }

    /**
     * Quarkus REST applies an {@code Application}'s global name binding only to the filters it finds at build time;
     * the feature's filters are registered when Quarkus starts, so the binding would protect nothing (the open
     * endpoint answered 200 without a token). Annotate the resource classes instead. And a resource that stops
     * start-up cannot be one of a profile's: {@link HeaderNamedTwiceOnQuarkusLaunchTest} launches it apart.
     */
    @Override
    public Optional<String> cannotServe(Scenario scenario) {
        if (scenario == Scenario.HEADER_TWICE_ON_A_METHOD) {
            return Optional.of("Quarkus builds one application per test profile and an @QuarkusTest cannot expect its"
                    + " start to fail; HeaderNamedTwiceOnQuarkusLaunchTest launches this one as a main and sees it fail");
        }
        return scenario.appWide() == Scenario.AppWide.NONE ? Optional.empty()
                : Optional.of("Quarkus REST binds an Application's annotations only to filters it discovers at build time, and"
                        + " the feature's filters are registered at start-up; annotate each resource class instead");
    }

    /**
     * Vert.x accepts a header block of up to 20 KB and refuses a larger one with 431 (Grizzly: 8 KB, 400), so the
     * 9000-character token and a 10 KB {@code Approov-Status} beside no token reach the library, which refuses them
     * (the report made safe); and Quarkus REST decodes {@code %70} and ignores an empty path segment before matching
     * (Jersey: 404 for both), so those requests reach the protected method, where the library refuses them.
     */
    @Override
    public Map<String, AttackMatrix.Expected> ownAnswers() {
        Map<String, AttackMatrix.Expected> answers = new HashMap<>(AttackMatrix.oversizedHeaderBlocks(container(431)));
        answers.put("size: a 9000-character token (over the verifier's 8192)", refused(MALFORMED_TOKEN));
        answers.put("client status and trace headers: Approov-Status of 10 KB", refused(MISSING_TOKEN));
        answers.put("routing: percent-encoded path, no token", refused(MISSING_TOKEN));
        answers.put("routing: double slash, no token", refused(MISSING_TOKEN));
        return answers;
    }
}
