package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link AttackMatrixSignedMonitorTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.SignedMonitor.class)
class AttackMatrixSignedMonitorOnQuarkusTest extends AttackMatrixSignedMonitorTest {
}
