package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link CustomHooksTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.CustomHooks.class)
class CustomHooksOnQuarkusTest extends CustomHooksTest {
}
