package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ProtectionTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.Enforcing.class)
class ProtectionOnQuarkusTest extends ProtectionTest {
}
