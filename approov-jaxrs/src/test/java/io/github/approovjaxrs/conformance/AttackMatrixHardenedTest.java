package io.github.approovjaxrs.conformance;

/** The attack matrix's HARDENED cases, enforcing. */
public class AttackMatrixHardenedTest extends AttackMatrixTest {

    public AttackMatrixHardenedTest() {
        super(Scenario.HARDENED, AttackMatrix.Target.HARDENED, false);
    }
}
