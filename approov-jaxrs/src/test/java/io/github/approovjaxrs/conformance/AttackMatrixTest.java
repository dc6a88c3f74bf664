package io.github.approovjaxrs.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.approovjaxrs.core.ApproovFailure;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The attack matrix over HTTP (SECURITY.md, promises 1, 4 and 5), one target's cases on one scenario's server.
 * Enforcing, every hostile request of {@link AttackMatrix} gets exactly what it expects: 401 with the contract's
 * body (413 for a signed body over the limit) and, heard by a listener, the one reason the request states; or,
 * where the container answers before the library, the container's status and no decision at all (a runtime's own
 * answers are stated case by case in {@link RuntimeUnderTest#ownAnswers()}). In monitor mode the same request is
 * let through to a resource that sees no claims, and the listener hears the same reason as let through. Never a 2xx
 * for a hostile request when enforcing, never a 5xx; every legitimate variant gets 200 and its claims. Each request
 * must be answered within {@link io.github.approovjaxrs.RawHttp}'s per-request timeout, so a hang fails the case. A
 * replay is sent right after its original, which must be accepted; the only 5xx is the {@code 503} of a single-use
 * request whose replay store cannot answer, which its case expects.
 * Meanwhile every log line is captured, and none may hold a secret ({@link LogHygiene}).
 *
 * <p>After the run it prints the tally that SECURITY.md quotes (cases tried, accepted, 5xx).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class AttackMatrixTest extends ScenarioTest {

    private final AttackMatrix.Target target;
    private final boolean monitor;
    private final AttackMatrix matrix = new AttackMatrix();
    /** Status of every hostile request sent, by case. */
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    /** The reason the library gave for each refusal, by case (none when the container refused first). */
    private final Map<String, String> reasons = new ConcurrentHashMap<>();
    /** Every decision heard while this class ran. */
    private final List<String> heard = new ArrayList<>();
    private LogHygiene.Capture capture;

    AttackMatrixTest(Scenario scenario, AttackMatrix.Target target, boolean monitor) {
        super(scenario);
        this.target = target;
        this.monitor = monitor;
    }

    @BeforeAll
    void captureTheLogs() {
        capture = new LogHygiene.Capture().start();
    }

    @AfterAll
    void report() {
        if (capture != null) {
            capture.stop();
        }
        Map<Integer, Long> byStatus = new TreeMap<>(statuses.values().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting())));
        long accepted = statuses.values().stream().filter(s -> s >= 200 && s < 300).count();
        long serverErrors = attacks().stream().filter(r -> statuses.getOrDefault(r.toString(), 0) >= 500
                && statuses.get(r.toString()) != expected(r).status()).count();
        System.out.println("Attack matrix on " + Servers.RUNTIME.name() + ", target " + target + (monitor ? " in monitor mode" : "")
                + ": " + statuses.size() + " hostile requests in " + attacks().stream().map(AttackMatrix.Request::group).distinct()
                .count() + " classes sent, " + accepted + " answered 2xx, " + serverErrors
                + " server errors (5xx) other than the 503 a case expects; statuses " + byStatus + "; " + legitimate().size()
                + " legitimate variants");
        System.out.println("Reasons the library gave: " + new TreeMap<>(reasons.values().stream()
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()))));
        attacks().forEach(request -> System.out.println("  " + request + " -> " + statuses.get(request.toString()) + " "
                + reasons.get(request.toString())));
    }

    @Test
    @Order(0)
    void everyAnswerTheRuntimeStatesNamesACase() {
        Set<String> cases = matrix.attacks.stream().map(AttackMatrix.Request::toString).collect(Collectors.toSet());
        assertEquals(Set.of(), Servers.RUNTIME.ownAnswers().keySet().stream().filter(name -> !cases.contains(name))
                .collect(Collectors.toSet()), "answers stated for cases the matrix does not have");
    }

    @TestFactory
    @Order(1)
    Stream<DynamicNode> everyHostileRequestGetsWhatItsCaseStates() {
        Map<String, List<AttackMatrix.Request>> groups = new LinkedHashMap<>();
        for (AttackMatrix.Request request : attacks()) {
            groups.computeIfAbsent(request.group(), g -> new ArrayList<>()).add(request);
        }
        return groups.entrySet().stream().map(group -> DynamicContainer.dynamicContainer(
                group.getKey() + " (" + group.getValue().size() + ")",
                group.getValue().stream().map(request -> DynamicTest.dynamicTest(request.name(), () -> {
                    if (request.original() != null) {
                        HttpResponse<String> original = AttackMatrix.send(request.original(), server.baseUri());
                        assertEquals(200, original.statusCode(), request + ": its original must be accepted first, got "
                                + original.body());
                    }
                    events().clear();
                    HttpResponse<String> response = AttackMatrix.send(request, server.baseUri());
                    List<String> rejected = rejections();
                    heard.addAll(events());
                    statuses.put(request.toString(), response.statusCode());
                    reasons.put(request.toString(), rejected.isEmpty() ? "(container: " + response.statusCode() + ")"
                            : rejected.get(rejected.size() - 1));
                    assertAnswered(request, expected(request), response, rejected);
                }))));
    }

    @TestFactory
    @Order(2)
    Stream<DynamicNode> everyLegitimateVariantIsAccepted() {
        return legitimate().stream().map(request -> DynamicTest.dynamicTest(request.name(), () -> {
            events().clear();
            HttpResponse<String> response = AttackMatrix.send(request, server.baseUri());
            heard.addAll(events());
            assertEquals(200, response.statusCode(), request + ": " + response.body());
            if (!request.method().equals("HEAD")) {
                assertTrue(response.body().startsWith("claims:"),
                        request + ": the resource saw the verified claims, got " + response.body());
            }
            if ((request.target() == AttackMatrix.Target.SIGNED || request.target() == AttackMatrix.Target.ACCOUNT
                    || request.target() == AttackMatrix.Target.STORE_DOWN) && !request.name().contains("token-only")) {
                assertTrue(response.body().contains(" signed"), request + ": the resource saw a signed request, got "
                        + response.body());
            }
        }));
    }

    /**
     * What the logs held while the matrix ran: every reason the listener heard, refused or let through, has a line
     * of its own (the first lines of each reason in every second are written; a flood beyond them is summed up,
     * and a summary line holds only counts and reason codes); a decision line holds its reason code and the client's
     * report as the core made it safe ({@link LogHygiene#REPORT}), nothing else; and no line holds a secret or any
     * of the strings of the whole matrix's requests ({@link LogHygiene#forbiddenStrings}).
     */
    @Test
    @Order(3)
    void theLogsNamedEveryReasonAndHeldNoSecret() {
        List<String> lines = capture.stop();
        capture = null;
        Set<String> heardReasons = new TreeSet<>();
        for (String event : heard) {
            Matcher rejected = LogHygiene.HEARD.matcher(event);
            if (rejected.matches()) {
                heardReasons.add(rejected.group(1) + (rejected.group(2) == null ? "" : " (monitor)"));
            }
        }
        Set<String> logged = new TreeSet<>();
        long rejections = 0;
        long passThroughs = 0;
        long summaries = 0;
        for (String line : lines) {
            Matcher refusal = LogHygiene.REFUSAL_LINE.matcher(line);
            Matcher passThrough = LogHygiene.PASS_THROUGH_LINE.matcher(line);
            if (refusal.find()) {
                rejections++;
                logged.add(refusal.group(1));
            } else if (passThrough.find()) {
                passThroughs++;
                logged.add(passThrough.group(1) + " (monitor)");
            } else if (line.contains(" in the last ")) {
                summaries++;
                assertTrue(LogHygiene.SUMMARY_LINE.matcher(line).find(), "a summary line holds counts and reason codes only: " + line);
            } else {
                assertFalse(line.contains("Approov: rejected ") || line.contains("Approov (monitor mode): ")
                        && !LogHygiene.NOT_CHECKED_LINE.matcher(line).find(),
                        "a decision line holds its reason code and the client's report as made safe, nothing else: " + line);
            }
        }
        long acceptances = lines.stream().filter(l -> l.contains("Approov: accepted ")).count();
        if (target == AttackMatrix.Target.SIGNED || target == AttackMatrix.Target.ACCOUNT) {
            // Between them the two signing servers hear every message-signature reason but three: they never require
            // an account signature on every request (so a token without mskid is never asked for one), no body fails
            // to be read, and their replay stores answer (the store-down server's reason). A token without ipk is
            // refused only on a single-use endpoint. The installation signature's reasons are the signing server's,
            // the account signature's the account server's.
            Set<String> signingReasons = heardReasons.stream().map(r -> r.replace(" (monitor)", "")).collect(Collectors.toSet());
            List<String> expected = LogHygiene.MESSAGE_SIGNING_CODES.stream()
                    .filter(c -> !Set.of("message_body_unreadable", "missing_account_key_id", "replay_store_unavailable")
                            .contains(c))
                    .filter(c -> c.contains("account") == (target == AttackMatrix.Target.ACCOUNT)).toList();
            assertTrue(signingReasons.containsAll(expected), "the matrix exercised every message-signature reason of "
                    + target + " " + expected + ": " + heardReasons);
        }
        assertEquals(heardReasons, logged, "every reason heard has a line of its own");
        assertTrue(acceptances >= legitimate().size(), "acceptances logged at DEBUG: " + acceptances);
        // What the client's SDK reported reaches the lines only as made safe: REPORT is all a decision line may add
        // to its reason code (the lines of an offline device's refusal are asserted in LoggingListenerTest and
        // QuickstartHarnessIT; here a flood of missing_token may hold them back).
        long reported = lines.stream().filter(l -> l.contains(" [status=") || l.contains(" [trace=")).count();

        // Every string of every request of the matrix, whichever server it went to: a line may leak none of them.
        List<AttackMatrix.Request> sent = new ArrayList<>(matrix.attacks);
        sent.addAll(matrix.legitimate);
        Map<String, String> forbidden = LogHygiene.forbiddenStrings(sent);
        List<String> leaks = LogHygiene.leaks(lines, forbidden);
        System.out.println("Log hygiene on " + Servers.RUNTIME.name() + ", target " + target + (monitor ? " in monitor mode" : "")
                + ": " + heard.size() + " decisions heard (" + heardReasons.size() + " reasons, each with a line: "
                + heardReasons + "); " + lines.size() + " log lines captured (" + rejections + " rejections, " + passThroughs
                + " monitor-mode pass-throughs, " + summaries + " flood summaries, " + reported + " with the client's report, "
                + acceptances + " acceptances) and searched for " + forbidden.size() + " forbidden strings; leaks: "
                + leaks.size());
        assertEquals(List.of(), leaks);
    }

    /** What {@code request} must get on this runtime: its own answer where it states one, else the case's. */
    private static AttackMatrix.Expected expected(AttackMatrix.Request request) {
        return Servers.RUNTIME.ownAnswers().getOrDefault(request.toString(), request.expected());
    }

    private void assertAnswered(AttackMatrix.Request request, AttackMatrix.Expected expected, HttpResponse<String> response,
            List<String> rejected) {
        int status = response.statusCode();
        ApproovFailure reason = expected.reason();
        if (expected.equals(AttackMatrix.Expected.ACCEPTED)) {
            // The runtime turned the request into the genuine one before any application code saw it (stated in
            // its ownAnswers, with why): the library sees, and binds to, what the application sees.
            assertEquals(200, status, request + ": the runtime made it the genuine request, got " + status + " " + response.body());
            assertEquals(List.of(), rejected, request + ": the reasons the listener heard (" + events() + ")");
            assertEquals(1, events().stream().filter(event -> event.startsWith("accepted ")).count(), events().toString());
            return;
        }
        if (reason == null) {
            assertEquals(expected.status(), status, request + ": expected " + expected + ", got " + status + " " + response.body());
            assertEquals(List.of(), rejected, request + ": the container answered " + status + " before the library");
            return;
        }
        if (monitor) {
            assertEquals(200, status, request + ": let through in monitor mode, got " + status + " " + response.body());
            if (!request.method().equals("HEAD")) {
                assertFalse(response.body().startsWith("claims:"), request + ": a failed request shows no claims: " + response.body());
            }
            assertEquals(List.of(reason.code() + " (monitor)"), rejected, request + ": the reasons the listener heard (" + events() + ")");
            return;
        }
        assertEquals(expected.status(), status, request + ": expected " + expected + ", got " + status + " " + response.body());
        if (status == 401) {
            if (!request.method().equals("HEAD")) {
                assertEquals("{}", response.body(), request + ": the 401 body never says why");
            }
            assertEquals("Approov", response.headers().firstValue("WWW-Authenticate").orElse(""), request.toString());
        }
        if (status == 413 && request.body() != null) {
            assertEquals("{}", response.body(), request + ": the library's 413 body never says why either");
        }
        if (status == 503) {
            assertEquals("{}", response.body(), request + ": the 503 body never says why either");
            assertEquals("1", response.headers().firstValue("Retry-After").orElse(""), request.toString());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""), request.toString());
            assertEquals("", response.headers().firstValue("WWW-Authenticate").orElse(""), request + ": no challenge");
        }
        assertEquals(List.of(reason.code()), rejected, request + ": the reasons the listener heard (" + events() + ")");
    }

    /** The reasons (and "(monitor)") of the refusals heard for the request just sent. */
    private List<String> rejections() {
        return events().stream().filter(event -> event.startsWith("rejected "))
                .map(event -> event.replaceAll("^rejected \\S+ \\S+ ", "")).toList();
    }

    private List<AttackMatrix.Request> attacks() {
        return matrix.attacks.stream().filter(request -> request.target() == target).toList();
    }

    private List<AttackMatrix.Request> legitimate() {
        return matrix.legitimate.stream().filter(request -> request.target() == target).toList();
    }
}
