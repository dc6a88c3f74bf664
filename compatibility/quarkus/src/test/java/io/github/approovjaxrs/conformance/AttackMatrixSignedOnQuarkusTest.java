package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link AttackMatrixSignedTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.Signed.class)
class AttackMatrixSignedOnQuarkusTest extends AttackMatrixSignedTest {
}
