package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link AttackMatrixDefaultMonitorTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.Monitor.class)
class AttackMatrixDefaultMonitorOnQuarkusTest extends AttackMatrixDefaultMonitorTest {
}
