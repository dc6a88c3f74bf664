package io.github.approovjaxrs.conformance;

/** The attack matrix's HARDENED cases in monitor mode: let through without claims, each reason heard. */
public class AttackMatrixHardenedMonitorTest extends AttackMatrixTest {

    public AttackMatrixHardenedMonitorTest() {
        super(Scenario.HARDENED_MONITOR, AttackMatrix.Target.HARDENED, true);
    }
}
