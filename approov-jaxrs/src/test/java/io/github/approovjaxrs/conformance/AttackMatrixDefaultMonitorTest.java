package io.github.approovjaxrs.conformance;

/** The attack matrix's DEFAULT cases in monitor mode: let through without claims, each reason heard. */
public class AttackMatrixDefaultMonitorTest extends AttackMatrixTest {

    public AttackMatrixDefaultMonitorTest() {
        super(Scenario.MONITOR, AttackMatrix.Target.DEFAULT, true);
    }
}
