package io.github.approovjaxrs.conformance;

/** The attack matrix's ACCOUNT cases (account message signatures), enforcing. */
public class AttackMatrixAccountTest extends AttackMatrixTest {

    public AttackMatrixAccountTest() {
        super(Scenario.ACCOUNT, AttackMatrix.Target.ACCOUNT, false);
    }
}
