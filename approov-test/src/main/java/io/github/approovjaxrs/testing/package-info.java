/**
 * Test support for APIs protected with approov-core or approov-jaxrs: Approov-like tokens
 * ({@link io.github.approovjaxrs.testing.ApproovTokens}), requests signed as Approov's SDK signs them
 * ({@link io.github.approovjaxrs.testing.AppInstallation}, {@link io.github.approovjaxrs.testing.MessageSignature}:
 * installation signatures with the installation's key, account signatures with the account message-signing key),
 * and key pairs made in the test ({@link io.github.approovjaxrs.testing.TestKeys}). Add it in test scope:
 * nothing here belongs in a server.
 */
package io.github.approovjaxrs.testing;
