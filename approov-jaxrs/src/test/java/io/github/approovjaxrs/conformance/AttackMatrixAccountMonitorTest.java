package io.github.approovjaxrs.conformance;

/** The attack matrix's ACCOUNT cases in monitor mode: let through without claims, each reason heard. */
public class AttackMatrixAccountMonitorTest extends AttackMatrixTest {

    public AttackMatrixAccountMonitorTest() {
        super(Scenario.ACCOUNT_MONITOR, AttackMatrix.Target.ACCOUNT, true);
    }
}
