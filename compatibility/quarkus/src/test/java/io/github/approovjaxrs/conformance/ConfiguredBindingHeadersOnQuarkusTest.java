package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ConfiguredBindingHeadersTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.ConfiguredHeaders.class)
class ConfiguredBindingHeadersOnQuarkusTest extends ConfiguredBindingHeadersTest {
}
