package io.github.approovjaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.approovjaxrs.core.ApproovRequirements;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

/** The start-up lines that say what is protected, and how. */
class ProtectedEndpointsTest {

    @Path("/v2/")
    @ApproovProtected
    static class Shapes {
        @GET
        public String list() {
            return "";
        }

        @GET
        @Path("forms/")
        @ApproovBound
        public String forms() {
            return "";
        }

        @POST
        @Path("orders")
        @ApproovSigned
        public String order() {
            return "";
        }

        @POST
        @Path("payments")
        @ApproovBound
        @ApproovSigned(singleUse = true)
        public String pay() {
            return "";
        }

        @Path("more")
        public Object locator() {
            return new Forwarder();
        }

        @GET
        @Path("token-double-binding")
        @ApproovBound({"Authorization", "Content-Digest"})
        @ApproovSigned
        public String doubleBound() {
            return "";
        }
    }

    /** A class that names its binding header; a method may name others. */
    @Path("sessions")
    @ApproovBound("SessionId")
    static class Sessions {
        @GET
        public String get() {
            return "";
        }

        @GET
        @Path("both")
        @ApproovBound({"Authorization", "SessionId"})
        public String both() {
            return "";
        }
    }

    /** Single-use by the class: its methods, and those of a proxy subclass, whatever their own annotation says. */
    @Path("/v6")
    @ApproovSigned(singleUse = true)
    static class SingleUse {
        @POST
        @Path("transfers")
        @ApproovSigned
        public String transfer() {
            return "";
        }
    }

    static class SingleUseProxy extends SingleUse {
    }

    @Path("open")
    static class Open {
        @GET
        public String hello() {
            return "";
        }
    }

    /** Reached only through a locator: it has no {@code @Path} of its own. */
    @ApproovBound
    static class Forwarder {
        @GET
        public String get() {
            return "";
        }
    }

    static String line(Class<?> resource, String method) throws NoSuchMethodException {
        return ProtectedEndpoints.describe(resource, resource.getMethod(method));
    }

    @Test
    void eachProtectedMethodIsNamedByItsHttpMethodPathAndChecks() throws NoSuchMethodException {
        assertEquals("Approov protects GET /v2 [token]", line(Shapes.class, "list"));
        assertEquals("Approov protects GET /v2/forms [token + binding]", line(Shapes.class, "forms"));
        assertEquals("Approov protects POST /v2/orders [token + message signature]", line(Shapes.class, "order"));
        assertEquals("Approov protects * /v2/more [token]", line(Shapes.class, "locator"));
        assertEquals("Approov protects POST /v2/payments [token + binding + single-use message signature]",
                line(Shapes.class, "pay"));
    }

    @Test
    void singleUseIsReadOnceFromTheMethodOrAnyClassUpTheChain() throws NoSuchMethodException {
        assertEquals("Approov protects POST /v6/transfers [token + single-use message signature]",
                line(SingleUse.class, "transfer"));
        assertEquals(ApproovRequirements.token().withSingleUseMessageSignature(), ProtectedEndpoints.requirements(
                SingleUseProxy.class, SingleUse.class.getMethod("transfer")));
        assertEquals(ApproovRequirements.token().withSingleUseMessageSignature(),
                ProtectedEndpoints.requirements(SingleUse.class, null), "an Application so annotated");
        assertEquals(ApproovRequirements.token().withMessageSignature(),
                ProtectedEndpoints.requirements(Shapes.class, Shapes.class.getMethod("order")));
    }

    @Test
    void theHeadersAMethodOrItsClassNamesAreShownInOrder() throws NoSuchMethodException {
        assertEquals("Approov protects GET /v2/token-double-binding [token + binding to Authorization, Content-Digest"
                + " + message signature]", line(Shapes.class, "doubleBound"));
        assertEquals("Approov protects GET /sessions [token + binding to SessionId]", line(Sessions.class, "get"));
        assertEquals("Approov protects GET /sessions/both [token + binding to Authorization, SessionId]",
                line(Sessions.class, "both"));
    }

    @Test
    void openMethodsAreNotListed() throws NoSuchMethodException {
        assertNull(line(Open.class, "hello"));
    }

    @Test
    void aSubResourceIsNamedByItsClassNotShownAsTheRoot() throws NoSuchMethodException {
        assertEquals("Approov protects GET in sub-resource " + Forwarder.class.getName() + " [token + binding]",
                line(Forwarder.class, "get"));
    }
}
