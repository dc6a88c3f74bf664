package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link AttackMatrixAccountTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.Account.class)
class AttackMatrixAccountOnQuarkusTest extends AttackMatrixAccountTest {
}
