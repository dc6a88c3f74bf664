package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link AttackMatrixAccountMonitorTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.AccountMonitor.class)
class AttackMatrixAccountMonitorOnQuarkusTest extends AttackMatrixAccountMonitorTest {
}
