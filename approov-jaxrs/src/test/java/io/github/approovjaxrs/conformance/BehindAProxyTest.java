package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.testing.MessageSignature;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behind a TLS proxy: clients sign the public origin, not the address the server sees. */
public class BehindAProxyTest extends SignedRequests {

    public BehindAProxyTest() {
        super(Scenario.SIGNED);
    }

    @Test
    void thePublicOriginIsWhatClientsSign() {
        String token = token();
        MessageSignature signed = MessageSignature.builder(DEVICE.privateKey()).cover("@method", "GET")
                .cover("@target-uri", AttackMatrix.SIGNED_ORIGIN + "/signed?a=1").cover("approov-token", token)
                .cover("@authority", "api.example.com").sign();
        assertOk(RawHttp.get(uri("signed?a=1"), "Approov-Token", token, "Signature-Input", signed.signatureInput(),
                "Signature", signed.signature()), SignedEndpointsTest.SIGNED_CLAIMS);
        assertEquals(List.of("accepted GET /signed"), events());
    }

    @Test
    void theAddressTheServerSawNoLongerVerifies() {
        assertRefused(signed("GET", "signed", null));
        assertEquals(List.of("rejected GET /signed bad_message_signature"), events());
    }
}
