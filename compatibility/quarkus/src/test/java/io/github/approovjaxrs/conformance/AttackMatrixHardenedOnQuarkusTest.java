package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link AttackMatrixHardenedTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.Hardened.class)
class AttackMatrixHardenedOnQuarkusTest extends AttackMatrixHardenedTest {
}
