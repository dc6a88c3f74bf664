package io.github.approovjaxrs.conformance;

/** The attack matrix's SIGNED cases, enforcing. */
public class AttackMatrixSignedTest extends AttackMatrixTest {

    public AttackMatrixSignedTest() {
        super(Scenario.SIGNED, AttackMatrix.Target.SIGNED, false);
    }
}
