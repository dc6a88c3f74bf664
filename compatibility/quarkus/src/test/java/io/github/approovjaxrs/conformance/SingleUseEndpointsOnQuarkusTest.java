package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link SingleUseEndpointsTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.Enforcing.class)
class SingleUseEndpointsOnQuarkusTest extends SingleUseEndpointsTest {
}
