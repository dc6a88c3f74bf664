package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link HeaderNamedTwiceTest#aHeaderNamedTwiceOnAMethodStopsStartUp} on Quarkus: a Quarkus application is built once
 * per test profile and an {@code @QuarkusTest} cannot expect its start to fail, so the application with
 * {@link HeaderTwiceResource} is launched as a {@code main}, and must exit with an error that names the method and the
 * header.
 */
@QuarkusMainTest
@TestProfile(HeaderNamedTwiceOnQuarkusLaunchTest.WithTheResource.class)
class HeaderNamedTwiceOnQuarkusLaunchTest {

    /** The build property that builds {@link HeaderTwiceResource} in. */
    static final String BUILD_PROPERTY = "approov.conformance.header-twice";

    /** The scenario's feature, and the resource that names a header twice. */
    public static class WithTheResource implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(ScenarioFeature.SCENARIO, Scenario.HEADER_TWICE_ON_A_METHOD.name(), BUILD_PROPERTY, "true",
                    "quarkus.http.port", "0");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void aHeaderNamedTwiceOnAMethodStopsStartUp(LaunchResult result) {
        String output = result.getOutput() + "\n" + result.getErrorOutput();
        assertNotEquals(0, result.exitCode(), output);
        assertTrue(output.contains("@ApproovBound on " + HeaderTwiceResource.class.getName() + ".get"), output);
        assertTrue(output.contains("\"authorization\" twice"), output);
    }
}
