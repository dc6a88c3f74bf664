package io.github.approovjaxrs.conformance;

/** The attack matrix's SIGNED cases in monitor mode: let through without claims, each reason heard. */
public class AttackMatrixSignedMonitorTest extends AttackMatrixTest {

    public AttackMatrixSignedMonitorTest() {
        super(Scenario.SIGNED_MONITOR, AttackMatrix.Target.SIGNED, true);
    }
}
