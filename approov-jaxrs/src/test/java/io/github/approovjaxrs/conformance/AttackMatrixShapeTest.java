package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The matrix itself: over a hundred distinct hostile requests, in every class the security issue names. */
class AttackMatrixShapeTest {

    @Test
    void matrixHoldsOverAHundredDistinctHostileRequestsInEveryClassTheIssueNames() {
        AttackMatrix matrix = new AttackMatrix();
        Set<List<Object>> distinct = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        List<String> repeated = new ArrayList<>();
        for (AttackMatrix.Request request : matrix.attacks) {
            groups.add(request.group());
            if (!distinct.add(request.identity()) || !names.add(request.toString())) {
                repeated.add(request.toString());
            }
        }
        assertEquals(List.of(), repeated, "requests that repeat another one, or its name");
        assertTrue(matrix.attacks.size() >= 100, "at least 100 hostile requests; got " + matrix.attacks.size());
        assertEquals(Set.of("algorithm", "key and header tricks", "key confusion and psychic signatures",
                "signature and structure damage", "non-canonical base64url", "claims", "audience (expected audience configured)",
                "JWE and nesting", "transport", "binding (@ApproovBound)", "binding to several headers (@ApproovBound({...}))",
                "client status and trace headers", "size", "routing", "message signing (@ApproovSigned)",
                "account message signing (@ApproovSigned, account key)", "replay (@ApproovSigned(singleUse = true))"),
                groups);
    }
}
