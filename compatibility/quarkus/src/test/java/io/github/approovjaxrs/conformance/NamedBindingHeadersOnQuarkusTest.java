package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link NamedBindingHeadersTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.NamedHeaders.class)
class NamedBindingHeadersOnQuarkusTest extends NamedBindingHeadersTest {
}
