package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link MonitorModeTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.Monitor.class)
class MonitorModeOnQuarkusTest extends MonitorModeTest {
}
