package io.github.approovjaxrs.conformance;

/** The attack matrix's DEFAULT cases, enforcing. */
public class AttackMatrixDefaultTest extends AttackMatrixTest {

    public AttackMatrixDefaultTest() {
        super(Scenario.ENFORCING, AttackMatrix.Target.DEFAULT, false);
    }
}
