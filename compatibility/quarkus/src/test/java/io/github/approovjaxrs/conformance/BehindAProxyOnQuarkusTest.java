package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link BehindAProxyTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.Signed.class)
class BehindAProxyOnQuarkusTest extends BehindAProxyTest {
}
