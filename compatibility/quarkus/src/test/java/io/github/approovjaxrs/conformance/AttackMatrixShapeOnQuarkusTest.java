package io.github.approovjaxrs.conformance;

/** {@link AttackMatrixShapeTest}, which needs no server, in this module's run too. */
class AttackMatrixShapeOnQuarkusTest extends AttackMatrixShapeTest {
}
