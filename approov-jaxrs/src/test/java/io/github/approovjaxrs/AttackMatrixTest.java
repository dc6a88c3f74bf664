package io.github.approovjaxrs;

import io.github.approovjaxrs.core.ApproovFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The attack matrix over HTTP (SECURITY.md, promise 1): every hostile request of {@link AttackMatrix}, sent to
 * a real Jersey container (Grizzly), gets exactly what it expects: 401 with the contract's body (413 for a
 * signed body over the limit) and, heard by a listener, the one reason the request states; or, where the
 * container answers before the library (a header block over its limit, no matching resource), the container's
 * status and no decision at all. Never a 2xx or a 5xx; every legitimate variant gets 200 (and a signed one
 * reaches its resource marked signed).
 * Each request must be answered within {@link RawHttp}'s per-request timeout, so a hang fails the case.
 *
 * <p>After the run it prints the tally that SECURITY.md quotes (cases tried, accepted, 5xx).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackMatrixTest {

    private final AttackMatrix matrix = new AttackMatrix();
    private final Map<AttackMatrix.Target, JerseyServer> servers = new EnumMap<>(AttackMatrix.Target.class);
    /** Status of every hostile request sent, by case. */
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    /** The reason the library gave for each refusal, by case (none when the container refused first). */
    private final Map<String, String> reasons = new ConcurrentHashMap<>();
    private final ApproovFeatureTest.Recorder recorder = new ApproovFeatureTest.Recorder();

    @BeforeAll
    void startServers() {
        for (AttackMatrix.Target target : AttackMatrix.Target.values()) {
            servers.put(target, new JerseyServer(AttackMatrix.application(target, false, false, recorder)).start());
        }
    }

    @AfterAll
    void stopServersAndReport() {
        servers.values().forEach(JerseyServer::stop);
        Map<Integer, Long> byStatus = new TreeMap<>(statuses.values().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting())));
        long accepted = statuses.values().stream().filter(s -> s >= 200 && s < 300).count();
        long serverErrors = statuses.values().stream().filter(s -> s >= 500).count();
        System.out.println("Attack matrix: " + statuses.size() + " hostile requests in " + groups().size()
                + " classes sent, " + accepted + " accepted (2xx), " + serverErrors + " server errors (5xx); statuses "
                + byStatus + "; " + matrix.legitimate.size() + " legitimate variants accepted");
        System.out.println("Reasons the library logged: " + new TreeMap<>(reasons.values().stream()
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()))));
        matrix.attacks.forEach(request -> System.out.println("  " + request + " -> " + statuses.get(request.toString())
                + " " + reasons.get(request.toString())));
    }

    @TestFactory
    Stream<DynamicNode> everyHostileRequestIsRefused() {
        return groups().entrySet().stream().map(group -> DynamicContainer.dynamicContainer(
                group.getKey() + " (" + group.getValue().size() + ")",
                group.getValue().stream().map(request -> DynamicTest.dynamicTest(request.name(), () -> {
                    recorder.events.clear();
                    HttpResponse<String> response = AttackMatrix.send(request, servers);
                    List<String> heard = List.copyOf(recorder.events);
                    statuses.put(request.toString(), response.statusCode());
                    reasons.put(request.toString(), heard.isEmpty() ? "(container: " + response.statusCode() + ")"
                            : heard.get(heard.size() - 1).replaceAll("^rejected \\S+ \\S+ ", ""));
                    assertRefused(request, response);
                    assertHeard(request, heard);
                }))));
    }

    @TestFactory
    Stream<DynamicNode> everyLegitimateVariantIsAccepted() {
        return matrix.legitimate.stream().map(request -> DynamicTest.dynamicTest(request.name(), () -> {
            HttpResponse<String> response = AttackMatrix.send(request, servers);
            assertEquals(200, response.statusCode(), request + ": " + response.body());
            if (!request.method().equals("HEAD")) {
                assertTrue(response.body().startsWith("claims:"),
                        request + ": the resource saw the verified claims, got " + response.body());
            }
            if ((request.target() == AttackMatrix.Target.SIGNED || request.target() == AttackMatrix.Target.ACCOUNT)
                    && !request.name().contains("token-only")) {
                assertTrue(response.body().contains(" signed"), request + ": the resource saw a signed request, got "
                        + response.body());
            }
        }));
    }

    @Test
    void matrixHoldsOverAHundredDistinctHostileRequestsInEveryClassTheIssueNames() {
        Set<List<Object>> distinct = new HashSet<>();
        Set<String> names = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        for (AttackMatrix.Request request : matrix.attacks) {
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
                "account message signing (@ApproovSigned, account key)"),
                groups().keySet());
    }

    static void assertRefused(AttackMatrix.Request request, HttpResponse<String> response) {
        int status = response.statusCode();
        assertEquals(request.expected().status(), status, request + ": expected " + request.expected() + ", got " + status + " "
                + response.body());
        if (status == 401) {
            if (!request.method().equals("HEAD")) {
                assertEquals("{}", response.body(), request + ": the 401 body never says why");
            }
            assertEquals("Approov", response.headers().firstValue("WWW-Authenticate").orElse(""), request.toString());
        }
        if (status == 413 && request.body() != null) {
            assertEquals("{}", response.body(), request + ": the library's 413 body never says why either");
        }
    }

    /**
     * What the listener heard for {@code request}: one refusal, for its expected reason; nothing when the
     * container answered first.
     */
    static void assertHeard(AttackMatrix.Request request, List<String> heard) {
        ApproovFailure expected = request.expected().reason();
        if (expected == null) {
            assertEquals(List.of(), heard, request + ": the container answered " + request.expected().status()
                    + " before the library");
            return;
        }
        assertEquals(List.of(expected.code()), heard.stream().map(event -> event.replaceAll("^rejected \\S+ \\S+ ", "")).toList(),
                request + ": the reasons the listener heard (" + heard + ")");
    }

    private Map<String, List<AttackMatrix.Request>> groups() {
        Map<String, List<AttackMatrix.Request>> groups = new LinkedHashMap<>();
        for (AttackMatrix.Request request : matrix.attacks) {
            groups.computeIfAbsent(request.group(), g -> new ArrayList<>()).add(request);
        }
        return groups;
    }
}
