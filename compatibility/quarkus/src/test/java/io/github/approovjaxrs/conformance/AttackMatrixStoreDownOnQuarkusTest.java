package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link AttackMatrixStoreDownTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.StoreDown.class)
class AttackMatrixStoreDownOnQuarkusTest extends AttackMatrixStoreDownTest {
}
