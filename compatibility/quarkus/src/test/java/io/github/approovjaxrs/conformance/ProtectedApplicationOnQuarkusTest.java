package io.github.approovjaxrs.conformance;

/**
 * {@link ProtectedApplicationTest} on Quarkus: skipped, each test with {@link QuarkusRuntime#cannotServe}'s reason, without starting
 * Quarkus for it (no profile restart for a scenario it cannot serve).
 */
class ProtectedApplicationOnQuarkusTest extends ProtectedApplicationTest {
}
