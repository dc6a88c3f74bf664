package io.github.approovjaxrs.conformance;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ClientReportHeadersTest} on Quarkus. */
@QuarkusTest
@TestProfile(ScenarioProfiles.ClientReport.class)
class ClientReportHeadersOnQuarkusTest extends ClientReportHeadersTest {
}
