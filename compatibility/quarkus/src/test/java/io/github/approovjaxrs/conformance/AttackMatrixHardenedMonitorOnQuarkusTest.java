package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link AttackMatrixHardenedMonitorTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.HardenedMonitor.class)
class AttackMatrixHardenedMonitorOnQuarkusTest extends AttackMatrixHardenedMonitorTest {
}
