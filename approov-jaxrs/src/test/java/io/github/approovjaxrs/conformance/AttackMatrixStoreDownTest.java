package io.github.approovjaxrs.conformance;

/**
 * The attack matrix's STORE_DOWN cases, enforcing: a captured order while the replay store cannot answer gets 503,
 * and a plain signed request, which never asks the store, still passes.
 */
public class AttackMatrixStoreDownTest extends AttackMatrixTest {

    public AttackMatrixStoreDownTest() {
        super(Scenario.STORE_DOWN, AttackMatrix.Target.STORE_DOWN, false);
    }
}
