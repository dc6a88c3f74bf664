package io.github.approovjaxrs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BindingPolicyTest {

    static final BindingPolicy FORMS = BindingPolicy.underPrefixes(List.of("/v1/forms", "/Pay/"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/v1/forms               | /v1/forms",
        "''                      | /",
        "/                       | /",
        "/V1/Forms/              | /v1/forms",
        "/v1/%66orms             | /v1/forms",
        "/v1/forms%2f7           | /v1/forms/7",
        "//v1///forms            | /v1/forms",
        "/v1/./forms/.           | /v1/forms",
        "/x/y/../../v1/forms     | /v1/forms",
        "/../../v1/forms         | /v1/forms",
        "/v1/%2E%2E/v1/forms     | /v1/forms",
        "/v1/forms;jsessionid=1  | /v1/forms",
        "/v1;a=b/forms;c=d/7     | /v1/forms/7",
        "\\v1\\forms             | /v1/forms",
        "/caf%C3%A9              | /café",
        "/100%                   | /100%",
        "/%zz/%4                 | /%zz/%4",
        "/%d9%a3                 | /٣",
    })
    void pathsAreReadTheLoosestWay(String raw, String normalized) {
        assertEquals(normalized, BindingPolicy.normalize(raw));
    }

    @Test
    void dotDotCanBeKeptForUpstreamsThatTakeItForAName() {
        assertEquals("/v1/forms/../shapes", BindingPolicy.normalize("/v1/forms/%2e%2E/shapes", false));
        assertEquals("/v1/shapes", BindingPolicy.normalize("/v1/forms/%2e%2E/shapes", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/forms", "/v1/forms/", "/v1/forms/7", "/V1/FORMS", "/v1/%66orms", "/pay", "/PAY/x",
        "/v2/../v1/forms", "/v1/forms/../shapes", "/v1/forms%2F..%2Fshapes"})
    void aPathUnderAPrefixNeedsTheBinding(String raw) {
        assertTrue(FORMS.requiresBinding(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/formsets", "/v1/form", "/v1", "/", "/v2/forms", "/payment", "/v1/x/../shapes"})
    void aPathOutsideThePrefixesNeedsNoBinding(String raw) {
        assertFalse(FORMS.requiresBinding(raw));
    }

    @Test
    void theRootPrefixCoversEveryPath() {
        BindingPolicy root = BindingPolicy.underPrefixes(List.of("/"));
        assertTrue(root.requiresBinding("/"));
        assertTrue(root.requiresBinding("/anything/at/all"));
    }

    @Test
    void theTwoFixedPoliciesSayWhatTheyAre() {
        assertTrue(BindingPolicy.everyPath().requiresBinding("/x"));
        assertFalse(BindingPolicy.none().requiresBinding("/x"));
        assertTrue(BindingPolicy.none().isNone());
        assertTrue(BindingPolicy.underPrefixes(List.of()).isNone());
        assertFalse(FORMS.isNone());
        assertEquals("every path", BindingPolicy.everyPath().describe());
        assertEquals("/v1/forms, /Pay/", FORMS.describe());
    }
}
