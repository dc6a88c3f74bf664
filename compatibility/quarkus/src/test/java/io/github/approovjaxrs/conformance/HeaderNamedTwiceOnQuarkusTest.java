package io.github.approovjaxrs.conformance;

/**
 * {@link HeaderNamedTwiceTest} on Quarkus: skipped, each test with {@link QuarkusRuntime#cannotServe}'s reason; the
 * method's case is {@link HeaderNamedTwiceOnQuarkusLaunchTest}.
 */
class HeaderNamedTwiceOnQuarkusTest extends HeaderNamedTwiceTest {
}
