package io.github.approovjaxrs.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.approovjaxrs.RawHttp;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approov's quickstart contract, end to end against the shaded jar: {@code /unprotected}, {@code /token-check},
 * {@code /token-binding}, {@code /token-double-binding} and {@code /approov-state} answer each kind of request
 * Approov's quickstart test harness sends (valid and invalid tokens; a missing, wrong or extra binding header;
 * the signature replaced by {@code bogussignature} or cut off; a JWE-looking token; an expired one; a token not
 * bound at all on the double-binding endpoint; no token header) as the contract requires. Written for this
 * project; Approov's own scripts are not in this repository (the README says how to run them).
 *
 * <p>The tokens come from the {@code approov} wrapper in {@code src/test/approov-harness}, called through
 * {@code sh} and the PATH as a script calls the Approov CLI, with the CLI's spelling ({@code approov token
 * -genExample example.com}, {@code -type invalid}, {@code -setDataHashInToken <value>}), so that the wrapper
 * and the token tool's CLI spelling are exercised as a user's script would use them. The server runs on a
 * secret given as {@code APPROOV_BASE64URL_SECRET}: made here and read from a {@code .env} file in the
 * enforcing run, the public dummy secret in the environment in the monitor-mode run.
 *
 * <p>Needs a POSIX {@code sh} for the wrapper; {@code -DskipITs} skips it on purpose.
 */
class QuickstartHarnessIT {

    static final Path WRAPPER = Path.of("src", "test", "approov-harness", "approov").toAbsolutePath();
    static final String API_DOMAIN = "example.com";
    /** Binding values of our own: a bearer credential, and the RFC 9530 digest of an empty body. */
    static final String AUTHORIZATION = "Bearer 0c6d5e1f-quickstart-user";
    static final String CONTENT_DIGEST = "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:";
    static final String STATE_ENFORCED = "{\"approovEnabled\":true,\"tokenBindingEnabled\":true}";
    static final String STATE_MONITOR = "{\"approovEnabled\":false,\"tokenBindingEnabled\":false}";
    /** The log writes this many lines per reason code a second before it only counts them (LoggingListener). */
    static final int LOG_LINES_PER_REASON = 10;
    static final Pattern REJECTED = Pattern.compile("Approov: rejected (GET \\S+): (\\w+)");
    static final Pattern LET_THROUGH = Pattern.compile("Approov \\(monitor mode\\): (GET \\S+) failed \\((\\w+)\\) and was"
            + " let through");

    /**
     * One request of the harness: its endpoint and headers, and the reason code it must be refused with when
     * tokens are enforced (null: it must be answered 200).
     */
    record Case(String name, String path, List<String> headers, String refusedFor) {
        Case(String name, String path, String refusedFor, String... headers) {
            this(name, path, List.of(headers), refusedFor);
        }

        /** "GET /token-check: expired", as the log names a refusal. */
        String logged() {
            return "GET " + path + ": " + refusedFor;
        }
    }

    /** The tokens one run mints through the wrapper, with that run's secret. */
    record Tokens(String valid, String invalid, String expired, String boundToAuthorization,
            String invalidBoundToAuthorization, String boundToAnotherAuthorization, String boundToBoth,
            String boundToBothReversed, String boundToBothOfAnother, String expiredBoundToBoth) {

        static Tokens mint(Cli approov) throws IOException, InterruptedException {
            String both = AUTHORIZATION + CONTENT_DIGEST; // concatenated in the endpoint's order, no separator
            return new Tokens(
                    approov.token("-genExample", API_DOMAIN),
                    approov.token("-genExample", API_DOMAIN, "-type", "invalid"),
                    // The CLI has no spelling for an expired token; the tool's own option, beside the CLI's.
                    approov.token("-genExample", API_DOMAIN, "--type", "expired"),
                    approov.token("-setDataHashInToken", AUTHORIZATION, "-genExample", API_DOMAIN),
                    approov.token("-setDataHashInToken", AUTHORIZATION, "-type", "invalid", "-genExample", API_DOMAIN),
                    approov.token("-setDataHashInToken", "Bearer someone-else", "-genExample", API_DOMAIN),
                    approov.token("-setDataHashInToken", both, "-genExample", API_DOMAIN),
                    approov.token("-setDataHashInToken", CONTENT_DIGEST + AUTHORIZATION, "-genExample", API_DOMAIN),
                    approov.token("-setDataHashInToken", "Bearer someone-else" + CONTENT_DIGEST, "-genExample", API_DOMAIN),
                    approov.token("-setDataHashInToken", both, "-genExample", API_DOMAIN, "--type", "expired"));
        }

        List<String> all() {
            return List.of(valid, invalid, expired, boundToAuthorization, invalidBoundToAuthorization,
                    boundToAnotherAuthorization, boundToBoth, boundToBothReversed, boundToBothOfAnother,
                    expiredBoundToBoth);
        }
    }

    /** The harness's requests with {@code tokens}, and what each must get when tokens are enforced. */
    static List<Case> cases(Tokens t) {
        String token = "Approov-Token";
        String auth = "Authorization";
        String digest = "Content-Digest";
        return List.of(
                new Case("no token", "/unprotected", null),
                new Case("an invalid token", "/unprotected", null, token, t.invalid()),

                new Case("a valid token", "/token-check", null, token, t.valid()),
                new Case("an invalid token (another key)", "/token-check", "bad_signature", token, t.invalid()),
                new Case("the token header missing", "/token-check", "missing_token"),
                new Case("the token header empty (an SDK that got no token)", "/token-check", "missing_token", token, ""),
                // Not base64url a JWT signature can be (its last character leaves bits set): malformed.
                new Case("the signature replaced by bogussignature", "/token-check", "malformed_token",
                        token, withSignature(t.valid(), "bogussignature")),
                new Case("a JWE-looking token", "/token-check", "malformed_token", token, jweLooking()),
                new Case("the signature cut off after its dot", "/token-check", "malformed_token",
                        token, withSignature(t.valid(), "")),
                new Case("the signature and its dot cut off", "/token-check", "malformed_token",
                        token, t.valid().substring(0, t.valid().lastIndexOf('.'))),
                new Case("an expired token", "/token-check", "expired", token, t.expired()),

                new Case("a token bound to Authorization, and that header", "/token-binding", null,
                        token, t.boundToAuthorization(), auth, AUTHORIZATION),
                new Case("an extra header beside the bound one", "/token-binding", null,
                        token, t.boundToAuthorization(), auth, AUTHORIZATION, digest, CONTENT_DIGEST),
                new Case("the binding header missing", "/token-binding", "missing_binding_header",
                        token, t.boundToAuthorization()),
                new Case("the binding header empty", "/token-binding", "missing_binding_header",
                        token, t.boundToAuthorization(), auth, ""),
                new Case("a wrong binding header", "/token-binding", "binding_mismatch",
                        token, t.boundToAuthorization(), auth, "Bearer someone-else"),
                new Case("the binding header twice", "/token-binding", "duplicate_binding_header",
                        token, t.boundToAuthorization(), auth, AUTHORIZATION, auth, AUTHORIZATION),
                new Case("a token bound to another value", "/token-binding", "binding_mismatch",
                        token, t.boundToAnotherAuthorization(), auth, AUTHORIZATION),
                new Case("a token not bound at all", "/token-binding", "missing_pay_claim",
                        token, t.valid(), auth, AUTHORIZATION),
                new Case("an invalid bound token", "/token-binding", "bad_signature",
                        token, t.invalidBoundToAuthorization(), auth, AUTHORIZATION),
                new Case("a bound token with the signature replaced by bogussignature", "/token-binding",
                        "malformed_token", token, withSignature(t.boundToAuthorization(), "bogussignature"),
                        auth, AUTHORIZATION),
                new Case("the token header missing, the binding header sent", "/token-binding", "missing_token",
                        auth, AUTHORIZATION),

                new Case("a token bound to both headers, and both", "/token-double-binding", null,
                        token, t.boundToBoth(), auth, AUTHORIZATION, digest, CONTENT_DIGEST),
                new Case("both headers in the other order on the wire", "/token-double-binding", null,
                        digest, CONTENT_DIGEST, token, t.boundToBoth(), auth, AUTHORIZATION),
                new Case("an extra header beside the bound two", "/token-double-binding", null,
                        token, t.boundToBoth(), auth, AUTHORIZATION, digest, CONTENT_DIGEST, "SessionId", "42"),
                new Case("Content-Digest missing", "/token-double-binding", "missing_binding_header",
                        token, t.boundToBoth(), auth, AUTHORIZATION),
                new Case("Authorization missing", "/token-double-binding", "missing_binding_header",
                        token, t.boundToBoth(), digest, CONTENT_DIGEST),
                new Case("a wrong Authorization", "/token-double-binding", "binding_mismatch",
                        token, t.boundToBoth(), auth, "Bearer someone-else", digest, CONTENT_DIGEST),
                new Case("a wrong Content-Digest", "/token-double-binding", "binding_mismatch",
                        token, t.boundToBoth(), auth, AUTHORIZATION, digest, "sha-256=:AAAA:"),
                new Case("a token over the values in the other order", "/token-double-binding", "binding_mismatch",
                        token, t.boundToBothReversed(), auth, AUTHORIZATION, digest, CONTENT_DIGEST),
                new Case("a token bound to another pair", "/token-double-binding", "binding_mismatch",
                        token, t.boundToBothOfAnother(), auth, AUTHORIZATION, digest, CONTENT_DIGEST),
                new Case("a token bound to Authorization alone", "/token-double-binding", "binding_mismatch",
                        token, t.boundToAuthorization(), auth, AUTHORIZATION, digest, CONTENT_DIGEST),
                new Case("a token not bound at all", "/token-double-binding", "missing_pay_claim",
                        token, t.valid(), auth, AUTHORIZATION, digest, CONTENT_DIGEST),
                new Case("an invalid token", "/token-double-binding", "bad_signature",
                        token, t.invalid(), auth, AUTHORIZATION, digest, CONTENT_DIGEST),
                new Case("the signature replaced by bogussignature", "/token-double-binding", "malformed_token",
                        token, withSignature(t.boundToBoth(), "bogussignature"), auth, AUTHORIZATION,
                        digest, CONTENT_DIGEST),
                new Case("an expired bound token", "/token-double-binding", "expired",
                        token, t.expiredBoundToBoth(), auth, AUTHORIZATION, digest, CONTENT_DIGEST),
                new Case("the token header missing, both headers sent", "/token-double-binding", "missing_token",
                        auth, AUTHORIZATION, digest, CONTENT_DIGEST));
    }

    @Test
    void enforcingEveryRequestGetsTheContractsAnswerAndEveryRefusalItsReasonInTheLog(@TempDir Path dir)
            throws Exception {
        requireJar();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String base64Url = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        // The server reads the secret from .env, as a user following Approov's quickstarts writes it; the
        // wrapper's token tool from the environment, as a shell that exported it.
        Path serverDirectory = Files.createDirectories(dir.resolve("server"));
        Files.writeString(serverDirectory.resolve(".env"), "APPROOV_BASE64URL_SECRET=" + base64Url + "\n");
        Cli approov = new Cli(dir.resolve("cli"), Map.of("APPROOV_BASE64URL_SECRET", base64Url));
        List<String> serverOutput = new CopyOnWriteArrayList<>();
        Process server = PostmanAcceptanceIT.startJar(serverDirectory, Map.of(), serverOutput);
        Tokens tokens;
        List<Case> cases;
        try {
            String base = PostmanAcceptanceIT.awaitListening(server, serverOutput);
            // First, while the log's per-reason quota is untouched: what an offline device sends.
            HttpResponse<String> offline = RawHttp.get(URI.create(base + "/token-check"), "Approov-Status", "no_network",
                    "Approov-TraceID", "4bf92f3577b34da6");
            assertEquals(401, offline.statusCode());
            awaitLine(serverOutput, "Approov: rejected GET /token-check: missing_token [status=no_network"
                    + " trace=4bf92f3577b34da6]");

            Cli.Run list = approov.run("api", "-list");
            assertEquals(0, list.status(), list.toString());
            assertFalse(list.out().isBlank(), "`approov api -list` printed nothing");

            tokens = Tokens.mint(approov);
            cases = cases(tokens);
            assertState(base, STATE_ENFORCED);
            List<String> wrong = new ArrayList<>();
            for (Case c : cases) {
                check(base, c, c.refusedFor() == null ? 200 : 401, wrong);
            }
            report("enforcing", cases, wrong);
            assertEquals(List.of(), wrong, "requests that did not get the contract's answer");

            List<String> expected = new ArrayList<>(List.of("GET /token-check: missing_token")); // the offline one
            cases.stream().filter(c -> c.refusedFor() != null).map(Case::logged).forEach(expected::add);
            assertLogged(serverOutput, REJECTED, expected);
        } finally {
            PostmanAcceptanceIT.terminate(server);
        }
        assertNoTokenOrSecretIn(serverOutput, tokens, base64Url);
    }

    @Test
    void inMonitorModeTheStateSaysDisabledEveryRequestGoesOnAndEveryFailureIsLogged(@TempDir Path dir)
            throws Exception {
        requireJar();
        Map<String, String> settings = Map.of(
                "APPROOV_BASE64URL_SECRET", ApproovTokens.DUMMY_SECRET_BASE64URL,
                "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN", "false",
                "APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN_BINDING", "false");
        Cli approov = new Cli(dir.resolve("cli"), settings);
        List<String> serverOutput = new CopyOnWriteArrayList<>();
        Process server = PostmanAcceptanceIT.startJar(Files.createDirectories(dir.resolve("server")), settings,
                serverOutput);
        try {
            String base = PostmanAcceptanceIT.awaitListening(server, serverOutput);
            List<Case> cases = cases(Tokens.mint(approov));
            assertState(base, STATE_MONITOR);
            List<String> wrong = new ArrayList<>();
            for (Case c : cases) {
                check(base, c, 200, wrong);
            }
            report("monitor mode", cases, wrong);
            assertEquals(List.of(), wrong, "requests that were not let through");

            assertLogged(serverOutput, LET_THROUGH, cases.stream().filter(c -> c.refusedFor() != null)
                    .map(Case::logged).toList());
            assertTrue(serverOutput.stream().anyMatch(line -> line.contains("Approov (monitor mode): GET /token-check"
                    + " failed (bad_signature) and was let through")), "the failures are still logged");
        } finally {
            PostmanAcceptanceIT.terminate(server);
        }
    }

    /** Sends one case; adds to {@code wrong} what differs from a 200 JSON message or a 401 {} with its challenge. */
    static void check(String base, Case c, int status, List<String> wrong) {
        HttpResponse<String> response = RawHttp.get(URI.create(base + c.path()), c.headers().toArray(String[]::new));
        String got = response.statusCode() + " " + response.body() + " "
                + response.headers().firstValue("WWW-Authenticate").orElse("-");
        boolean right = response.statusCode() == status && (status == 200
                ? response.body().startsWith("{\"message\":") && !response.headers().firstValue("WWW-Authenticate").isPresent()
                : response.body().equals("{}") && got.endsWith(" Approov"));
        if (!right) {
            wrong.add(c.path() + ", " + c.name() + ": expected " + status + ", got " + got);
        }
    }

    static void assertState(String base, String expected) {
        HttpResponse<String> state = RawHttp.get(URI.create(base + "/approov-state"));
        assertEquals(200, state.statusCode(), state.body());
        assertEquals("application/json", state.headers().firstValue("Content-Type").orElse(""));
        assertEquals(expected, state.body());
    }

    static void report(String run, List<Case> cases, List<String> wrong) {
        long refused = cases.stream().filter(c -> c.refusedFor() != null).count();
        System.out.println("Quickstart harness against the demo jar (" + run + "): " + cases.size() + " requests, "
                + refused + " of them refused when enforced; " + (cases.size() - wrong.size()) + " answered as required, "
                + wrong.size() + " not");
    }

    /**
     * The decision lines {@code pattern} finds in the server's output are, as a multiset, {@code expected}
     * ("GET /token-check: expired", ...): each refusal logged once, with its reason code, and nothing else.
     */
    static void assertLogged(List<String> output, Pattern pattern, List<String> expected) throws InterruptedException {
        Map<String, Long> want = counts(expected);
        want.forEach((line, n) -> {
            String reason = line.substring(line.lastIndexOf(' ') + 1);
            long sameReason = expected.stream().filter(e -> e.endsWith(": " + reason)).count();
            assertTrue(sameReason <= LOG_LINES_PER_REASON, "more than " + LOG_LINES_PER_REASON + " cases refused"
                    + " for " + reason + ": the log may only count some; split the runs");
        });
        Map<String, Long> got = Map.of();
        for (int i = 0; i < 100 && !(got = logged(output, pattern)).equals(want); i++) {
            Thread.sleep(100); // the copier thread may still be reading the last lines
        }
        assertEquals(want, got, "the decision lines in the server's log");
    }

    static Map<String, Long> logged(List<String> output, Pattern pattern) {
        List<String> lines = new ArrayList<>();
        for (String line : output) {
            Matcher decision = pattern.matcher(line);
            if (decision.find()) {
                lines.add(decision.group(1) + ": " + decision.group(2));
            }
        }
        return counts(lines);
    }

    static Map<String, Long> counts(List<String> lines) {
        Map<String, Long> counts = new TreeMap<>();
        lines.forEach(line -> counts.merge(line, 1L, Long::sum));
        return counts;
    }

    /** No token the wrapper minted, none of their signatures, and not the secret, in what the server printed. */
    static void assertNoTokenOrSecretIn(List<String> serverOutput, Tokens tokens, String secret) {
        List<String> forbidden = new ArrayList<>(List.of(secret, secret.substring(0, 12)));
        for (String token : tokens.all()) {
            forbidden.add(token);
            forbidden.add(token.substring(token.lastIndexOf('.') + 1));
        }
        for (String line : serverOutput) {
            for (String value : forbidden) {
                assertFalse(line.contains(value), "a token or the secret in the server's output: " + line);
            }
        }
    }

    static void awaitLine(List<String> output, String expected) throws InterruptedException {
        for (int i = 0; i < 100 && output.stream().noneMatch(line -> line.endsWith(expected)); i++) {
            Thread.sleep(100);
        }
        assertTrue(output.stream().anyMatch(line -> line.endsWith(expected)), "expected \"" + expected + "\" in " + output);
    }

    /** {@code token} with its signature replaced by {@code signature} (empty: nothing after the last dot). */
    static String withSignature(String token, String signature) {
        return token.substring(0, token.lastIndexOf('.') + 1) + signature;
    }

    /** Five base64url segments under an encryption header, as a JWE in compact form looks. */
    static String jweLooking() {
        return String.join(".", ApproovTokens.b64url("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"typ\":\"JWT\"}"),
                ApproovTokens.b64url("encrypted key"), ApproovTokens.b64url("initialization"),
                ApproovTokens.b64url("ciphertext"), ApproovTokens.b64url("authentication tag"));
    }

    static void requireJar() {
        assertTrue(Files.isRegularFile(PostmanAcceptanceIT.JAR),
                PostmanAcceptanceIT.JAR + " is missing: run `mvn verify`, which builds it first.");
    }

    /**
     * The {@code approov} wrapper on a PATH of its own, run through {@code sh} as a script runs the Approov CLI:
     * no Approov or HTTP setting inherited from the build, only {@code settings}, in an empty directory (no
     * {@code .env}).
     */
    static final class Cli {
        private final Path home;
        private final Path bin;
        private final Map<String, String> settings;
        private int runs;

        /** What one command printed, and its exit status. */
        record Run(int status, String out, String err) {
        }

        Cli(Path home, Map<String, String> settings) throws IOException {
            this.home = Files.createDirectories(home);
            this.bin = Files.createDirectories(home.resolve("bin"));
            Path wrapper = Files.copy(WRAPPER, bin.resolve("approov"));
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            this.settings = settings;
        }

        /** The one line {@code approov token <args>} printed: a JWT. */
        String token(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("token"));
            command.addAll(List.of(args));
            Run run = run(command.toArray(String[]::new));
            assertEquals(0, run.status(), "approov " + String.join(" ", command) + ": " + run);
            String token = run.out().strip();
            assertTrue(token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"),
                    "approov " + String.join(" ", command) + " printed no token alone: " + run);
            return token;
        }

        Run run(String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("sh", "-c", "approov \"$@\"", "approov"));
            command.addAll(List.of(args));
            int n = ++runs;
            Path out = home.resolve(n + ".out");
            Path err = home.resolve(n + ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("APPROOV_") || name.startsWith("HTTP_"));
            environment.putAll(settings);
            environment.put("PATH", bin + File.pathSeparator + environment.getOrDefault("PATH", "/usr/bin:/bin"));
            environment.put("SHAPES_API_JAR", PostmanAcceptanceIT.JAR.toString());
            environment.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Process process;
            try {
                process = builder.start();
            } catch (IOException noShell) {
                throw new AssertionError("The `approov` wrapper is a POSIX sh script, and `sh` could not be run;"
                        + " skip the integration tests on purpose with -DskipITs.", noShell);
            }
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("approov " + String.join(" ", args) + " did not finish within 2 minutes");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
    }
}
