package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.RawHttp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code @ApproovSigned(singleUse = true)} end to end, its requests remembered in memory: a signed order is accepted
 * once and the very same request refused after, on a method and by a class's annotation; a plain signed endpoint
 * still takes a request twice; a token without {@code ipk}, which a plain signed endpoint takes as token-only, is
 * refused. (The matrix's replay class re-spells, re-signs and malleates replays; its STORE_DOWN scenario answers 503.)
 */
public class SingleUseEndpointsTest extends SignedRequests {

    public SingleUseEndpointsTest() {
        super(Scenario.ENFORCING);
    }

    @Test
    void aSingleUseOrderIsAcceptedOnceAndItsReplayRefused() {
        String[] order = signedHeaders("POST", "signed/orders", BODY, token());
        assertOk(RawHttp.send(uri("signed/orders"), "POST", BODY, order),
                SignedEndpointsTest.SIGNED_CLAIMS + " order:{\"hello\":\"world\"}");
        assertRefused(RawHttp.send(uri("signed/orders"), "POST", BODY, order));
        assertEquals(List.of("accepted POST /signed/orders", "rejected POST /signed/orders replayed_message_signature"),
                events());
    }

    @Test
    void aPlainSignedEndpointStillTakesTheSameRequestTwice() {
        String[] get = signedHeaders("GET", "signed", null, token());
        assertOk(RawHttp.send(uri("signed"), "GET", null, get), SignedEndpointsTest.SIGNED_CLAIMS);
        assertOk(RawHttp.send(uri("signed"), "GET", null, get), SignedEndpointsTest.SIGNED_CLAIMS);
    }

    @Test
    void aClassMarkedSingleUseMakesItsSignedMethodsSingleUse() {
        String[] get = signedHeaders("GET", "single-use", null, token());
        assertOk(RawHttp.send(uri("single-use"), "GET", null, get), SignedEndpointsTest.SIGNED_CLAIMS);
        assertRefused(RawHttp.send(uri("single-use"), "GET", null, get));
        assertEquals(List.of("accepted GET /single-use", "rejected GET /single-use replayed_message_signature"), events());
    }

    @Test
    void aTokenWithoutIpkIsRefusedOnASingleUseEndpoint() {
        assertRefused(RawHttp.send(uri("signed/orders"), "POST", BODY, "Approov-Token", TOKENS.mint()));
        assertEquals(List.of("rejected POST /signed/orders missing_installation_key"), events());
    }
}
