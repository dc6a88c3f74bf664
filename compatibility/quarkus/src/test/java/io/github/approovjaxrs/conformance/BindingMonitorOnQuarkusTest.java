package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link BindingMonitorTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.BindingMonitor.class)
class BindingMonitorOnQuarkusTest extends BindingMonitorTest {
}
