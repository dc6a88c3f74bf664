package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link BrokenHooksTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.BrokenHooks.class)
class BrokenHooksOnQuarkusTest extends BrokenHooksTest {
}
