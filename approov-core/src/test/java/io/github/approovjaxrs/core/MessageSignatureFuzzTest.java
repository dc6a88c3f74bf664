package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.approovjaxrs.testing.ApproovTokens;
import io.github.approovjaxrs.testing.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of the message-signature check ({@link ApproovVerifier#verifySigned}) with
 * Jazzer. Each input describes a request, signs it with the {@code install} label as Approov's SDK would —
 * with the private key of Approov's published test key pair, whose public key is the token's {@code ipk}
 * — and with the {@code account} label (HMAC-SHA256 with a test account key), and then lets the input change
 * what is actually received: method, target, headers, body, and the {@code Signature},
 * {@code Signature-Input} and {@code Content-Digest} lines. Four verifiers judge it (the default settings,
 * strict ones behind a public origin, one with an account key named {@code msk-1}, and one that requires the
 * account signature on every request with a key without id). Each must return a verdict (no exception,
 * never {@link ApproovFailure#VERIFICATION_ERROR}, the same verdict twice), and every acceptance must
 * satisfy {@link MessageSignatureOracle}: the signatures the token needs (rule A1) were verified, each
 * received base, rebuilt by the oracle from RFC 9421, is the very base that was signed, and each signature
 * in the request verifies over it: with the JDK's ECDSA under the {@code ipk} key, or as the JDK's
 * HMAC-SHA256 with the account key the {@code mskid} chooses.
 *
 * <p>In {@code mvn -B verify} it runs in regression mode over the committed inputs in
 * {@code src/test/resources/io/github/approovjaxrs/MessageSignatureFuzzTestInputs/}; SECURITY.md gives the
 * command that fuzzes it. Signing is deterministic (the ECDSA nonce comes from a generator seeded with the
 * base), so an input always means the same request.
 *
 * <p>Input format, line by line, {@code keyword value} (a value takes the escapes {@code \n}, {@code \r},
 * {@code \t}, {@code \\} and {@code \xHH}; unknown keywords are ignored):
 * <ul>
 *   <li>the signed request: {@code method} (default GET), {@code target} (absolute URI, default
 *       {@code https://api.example.com/v5/shapes}), {@code header Name: value} (repeatable; when no
 *       {@code Approov-Token} is given, one line with the token is added), {@code body};</li>
 *   <li>what is signed: {@code cover} (the inside of the inner list, default
 *       {@code "@method" "@target-uri" "approov-token"}), {@code params} (default
 *       {@code ;alg="ecdsa-p256-sha256";created=1700000000;expires=1700000015}), {@code key attacker} (sign
 *       with another key), {@code ipk} (the JSON value of the token's {@code ipk}, default
 *       {@code "{device}"}; empty: no {@code ipk}); the account signature: {@code account-cover} (default:
 *       {@code cover}), {@code account-params} (default
 *       {@code ;alg="hmac-sha256";created=1700000000;expires=1700000015}), {@code account-key attacker} (sign
 *       with another account key), {@code mskid} (the JSON value of the token's {@code mskid}; default: none),
 *       {@code account} (send the account signature beside the installation one by default);</li>
 *   <li>what is received instead: {@code send-method}, {@code send-target}, {@code send-body},
 *       the lines {@code signature-input} and {@code signature} (repeatable; defaults
 *       {@code install={input}} and {@code install=:{sig}:}, with {@code , account={account-input}} and
 *       {@code , account=:{account-sig}:} after them when {@code account} is given), {@code drop-header name} (removes every line of
 *       that name, the signature lines too), {@code send-header Name: value} (appended last).</li>
 * </ul>
 * Placeholders: {@code {token}}; {@code {digest}}, {@code {digest512}} (the signed body's Content-Digest
 * members) and {@code {sent-digest}}; {@code {input}} (the signed inner list), {@code {sig}} (base64 of r‖s),
 * {@code {sig-der}}, {@code {sig-high-s}} (r‖(n−s), as valid as r‖s), {@code {sig-url}} (base64url),
 * {@code {sig-63}} and {@code {sig-65}} (one byte short, one zero byte more); {@code {account-input}},
 * {@code {account-sig}} (base64 of the 32-byte HMAC), {@code {account-sig-31}}, {@code {account-sig-33}};
 * in {@code ipk}: {@code {device}}, {@code {attacker}}, {@code {p384}}, {@code {rsa}}, {@code {off-curve}}.
 */
class MessageSignatureFuzzTest {

    static final long NOW = 1_700_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final String DEFAULT_TARGET = "https://api.example.com/v5/shapes";
    static final String DEFAULT_COVER = "\"@method\" \"@target-uri\" \"approov-token\"";
    static final String DEFAULT_PARAMS = ";alg=\"ecdsa-p256-sha256\";created=" + NOW + ";expires=" + (NOW + 15);
    static final String DEFAULT_ACCOUNT_PARAMS = ";alg=\"hmac-sha256\";created=" + NOW + ";expires=" + (NOW + 15);
    /** The account message-signing key of the account judges, and another one an attacker might hold. */
    static final byte[] ACCOUNT_KEY = "fuzz-account-key-fuzz-account-ke".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ATTACKER_ACCOUNT_KEY = "attacker-account-key-attacker-ac".getBytes(StandardCharsets.US_ASCII);
    static final String ACCOUNT_KEY_ID = "msk-1";
    static final int MAX_BODY_BYTES = 64;
    static final String ORIGIN = "https://api.example.com";
    static final BigInteger N = new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    /** Approov's ASP.NET quickstart test key pair (test resource message-signing/approov-install-signatures.json). */
    static final KeyPair DEVICE = approovTestKeyPair();
    static final KeyPair ATTACKER = TestKeys.ec("secp256r1");
    static final Map<String, String> IPKS = Map.of(
            "{device}", ApproovTokens.ipk(DEVICE.getPublic()),
            "{attacker}", ApproovTokens.ipk(ATTACKER.getPublic()),
            "{p384}", ApproovTokens.ipk(TestKeys.ec("secp384r1").getPublic()),
            "{rsa}", ApproovTokens.ipk(TestKeys.rsa(2048).getPublic()),
            "{off-curve}", offCurve(DEVICE.getPublic()));
    /** The P-256 keys an accepted ipk may name. */
    static final Map<String, PublicKey> KEYS = Map.of(
            ApproovTokens.ipk(DEVICE.getPublic()), DEVICE.getPublic(),
            ApproovTokens.ipk(ATTACKER.getPublic()), ATTACKER.getPublic());

    /**
     * A verifier and the settings the oracle judges its acceptances by: the default settings (with a 64-byte
     * body limit, so the fuzzer reaches it), and strict ones — a public origin, {@code ipk} required,
     * {@code expires} optional, no maximum age, 5 s tolerance, a covered digest required on any body, and
     * {@code @authority} required.
     */
    record Judge(String name, ApproovVerifier verifier, MessageSignatureOracle.Settings settings) {
    }

    static final List<Judge> JUDGES = List.of(
            new Judge("default", ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).clock(CLOCK).maxBodyBytes(MAX_BODY_BYTES).build()),
                    new MessageSignatureOracle.Settings("Approov-Token", null, 60, 300, true, false, false, MAX_BODY_BYTES,
                            List.of())),
            new Judge("strict", ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).clock(CLOCK).maxBodyBytes(MAX_BODY_BYTES)
                    .publicOrigin("HTTPS://API.example.com:443").requireInstallationKey(true).requireSignatureExpiry(false)
                    .signatureMaxAge(Duration.ZERO).signatureTolerance(Duration.ofSeconds(5)).requireContentDigest(true)
                    .requiredSignedComponents(List.of("@authority")).build()),
                    new MessageSignatureOracle.Settings("Approov-Token", ORIGIN, 5, 0, false, true, true, MAX_BODY_BYTES,
                            List.of("@authority"))),
            new Judge("account", ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64)
                    .loggingEnabled(false).clock(CLOCK).maxBodyBytes(MAX_BODY_BYTES)
                    .addAccountMessageSigningSecret(ACCOUNT_KEY_ID, ACCOUNT_KEY).build()),
                    new MessageSignatureOracle.Settings("Approov-Token", null, 60, 300, true, false, false, MAX_BODY_BYTES,
                            List.of(), Map.of(ACCOUNT_KEY_ID, ACCOUNT_KEY), false)),
            new Judge("account-required", ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64)
                    .loggingEnabled(false).clock(CLOCK).maxBodyBytes(MAX_BODY_BYTES).requireContentDigest(true)
                    .addAccountMessageSigningSecret(null, ACCOUNT_KEY).requireAccountSignature(true).build()),
                    new MessageSignatureOracle.Settings("Approov-Token", null, 60, 300, true, true, false, MAX_BODY_BYTES,
                            List.of(), Map.of("", ACCOUNT_KEY), true)));

    static final Judge ACCOUNT_JUDGE = JUDGES.get(2);

    /** One decoded input: the request signed, what each label signed, and the request received. */
    record Case(MessageSignatureOracle.Received signedRequest, MessageSignatureOracle.Signed signed,
            MessageSignatureOracle.Signed accountSigned, MessageSignatureOracle.Received received) {
    }

    @FuzzTest(maxDuration = "10m")
    void everyRequestGetsAVerdictAndOnlyCorrectlySignedOnesPass(byte[] input) {
        Case fuzzCase = decode(input);
        if (fuzzCase == null) {
            return; // not a request a server could receive (no absolute http(s) target with a host and port)
        }
        ApproovVerdict first = null;
        for (Judge judge : JUDGES) {
            ApproovVerdict verdict = judge.verifier().verifySigned(request(fuzzCase.received()));
            assertNotEquals(ApproovFailure.VERIFICATION_ERROR, verdict.failure().orElse(null),
                    judge.name() + ": the verifier caught an unexpected exception");
            if (verdict.isAccepted()) {
                assertNull(MessageSignatureOracle.whyAcceptanceIsWrong(verdict, fuzzCase.received(), fuzzCase.signed(),
                        fuzzCase.accountSigned(), KEYS, TestSecret.SECRET, NOW, judge.settings()), judge.name());
            }
            first = first == null ? verdict : first;
        }
        // A second look (the token now cached) gives the same verdict; once is enough, ECDSA is the cost.
        assertEquals(first.failure(), JUDGES.get(0).verifier().verifySigned(request(fuzzCase.received())).failure(),
                "a second look gives the same verdict");
    }

    /**
     * The committed inputs get the verdicts their names say, so the corpus is a regression suite and the
     * oracle is shown not to be vacuous: each {@code valid-*} input is accepted as signed by the default
     * verifier (each {@code valid-strict-*} by the strict one too) and confirmed by the oracle, and refused
     * once its received method changes; the few that are accepted by design (a token without {@code ipk}
     * passes as token-only; a body is only bound when its digest is covered) are accepted; every other one
     * is refused. Inputs named {@code account-*} are judged by the verifier with an account key: each
     * {@code account-valid-*} is accepted with its account signature verified (each {@code account-valid-both-*}
     * also by the one that requires the account signature, with both verified) and confirmed by the oracle,
     * and refused once its method changes; each other one is refused, unless accepted by design. Inputs named
     * {@code harness-*} are the fuzzer's findings in this test's own decoding.
     */
    @Test
    void theCommittedInputsGetTheVerdictsTheirNamesSay() throws IOException, java.net.URISyntaxException {
        Path inputs = Path.of(MessageSignatureFuzzTest.class.getResource(
                "MessageSignatureFuzzTestInputs/everyRequestGetsAVerdictAndOnlyCorrectlySignedOnesPass").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(inputs)) {
            files = listing.sorted().toList();
        }
        int valid = 0;
        int refused = 0;
        int accountValid = 0;
        int accountRefused = 0;
        Judge standard = JUDGES.get(0);
        for (Path file : files) {
            String name = file.getFileName().toString();
            byte[] bytes = Files.readAllBytes(file);
            Case fuzzCase = decode(bytes);
            if (name.startsWith("account-")) {
                int[] tally = judgeAccountInput(name, bytes, fuzzCase);
                accountValid += tally[0];
                accountRefused += tally[1];
                continue;
            }
            ApproovVerdict verdict = standard.verifier().verifySigned(request(fuzzCase.received()));
            if (name.startsWith("valid-")) {
                valid++;
                for (Judge judge : name.startsWith("valid-strict-") ? JUDGES.subList(0, 2) : List.of(standard)) {
                    ApproovVerdict judged = judge.verifier().verifySigned(request(fuzzCase.received()));
                    assertTrue(judged.isAccepted() && judged.claims().orElseThrow().isMessageSigned(),
                            name + " (" + judge.name() + "): " + judged);
                    assertNull(MessageSignatureOracle.whyAcceptanceIsWrong(judged, fuzzCase.received(), fuzzCase.signed(),
                            KEYS, TestSecret.SECRET, NOW, judge.settings()), name);
                }
                byte[] otherMethod = (new String(bytes, StandardCharsets.UTF_8) + "\nsend-method PATCH")
                        .getBytes(StandardCharsets.UTF_8);
                assertEquals(ApproovFailure.BAD_MESSAGE_SIGNATURE, standard.verifier()
                        .verifySigned(request(decode(otherMethod).received())).failure().orElse(null), name);
            } else if (ACCEPTED_BY_DESIGN.contains(name)) {
                assertTrue(verdict.isAccepted(), name + ": " + verdict);
            } else if (!name.startsWith("harness-")) {
                refused++;
                assertTrue(verdict.failure().isPresent(), name + " is refused");
            }
        }
        assertTrue(valid >= 15 && refused >= 60, valid + " valid and " + refused + " refused inputs");
        assertTrue(accountValid >= 4 && accountRefused >= 10, accountValid + " valid and " + accountRefused
                + " refused account inputs");
    }

    /** An {@code account-*} input on the account judges; returns {valid, refused} counts for the tally. */
    private static int[] judgeAccountInput(String name, byte[] bytes, Case fuzzCase) {
        Judge account = ACCOUNT_JUDGE;
        ApproovVerdict verdict = account.verifier().verifySigned(request(fuzzCase.received()));
        if (name.startsWith("account-valid-")) {
            boolean both = name.startsWith("account-valid-both-");
            for (Judge judge : both ? List.of(JUDGES.get(3)) : List.of(account)) {
                ApproovVerdict judged = judge.verifier().verifySigned(request(fuzzCase.received()));
                assertTrue(judged.isAccepted() && judged.claims().orElseThrow().verifiedMessageSignatures().contains("account"),
                        name + " (" + judge.name() + "): " + judged);
                assertNull(MessageSignatureOracle.whyAcceptanceIsWrong(judged, fuzzCase.received(), fuzzCase.signed(),
                        fuzzCase.accountSigned(), KEYS, TestSecret.SECRET, NOW, judge.settings()), name);
                byte[] otherMethod = (new String(bytes, StandardCharsets.UTF_8) + "\nsend-method PATCH")
                        .getBytes(StandardCharsets.UTF_8);
                ApproovFailure changed = judge.verifier().verifySigned(request(decode(otherMethod).received())).failure()
                        .orElse(null);
                assertTrue(changed == ApproovFailure.BAD_ACCOUNT_SIGNATURE || changed == ApproovFailure.BAD_MESSAGE_SIGNATURE,
                        name + " with another method: " + changed);
            }
            return new int[] {1, 0};
        }
        if (ACCEPTED_BY_DESIGN.contains(name)) {
            assertTrue(verdict.isAccepted(), name + ": " + verdict);
            assertNull(MessageSignatureOracle.whyAcceptanceIsWrong(verdict, fuzzCase.received(), fuzzCase.signed(),
                    fuzzCase.accountSigned(), KEYS, TestSecret.SECRET, NOW, account.settings()), name);
            return new int[] {0, 0};
        }
        assertTrue(verdict.failure().isPresent(), name + " is refused: " + verdict);
        return new int[] {0, 1};
    }

    /**
     * Accepted by design: token-only without ipk (rule M2), bodies whose digest is not covered (M12); with an
     * account key, a fail-over token (neither ipk nor mskid) as token-only, and a token with ipk whose
     * installation signature holds beside a wrong account signature, which is not checked (A1).
     */
    static final java.util.Set<String> ACCEPTED_BY_DESIGN = java.util.Set.of("ipk-null", "ipk-absent",
            "body-without-digest", "body-changed-digest-recomputed-uncovered", "account-fail-over-token-only",
            "account-with-ipk-wrong-account-signature-not-checked");

    // ---------------------------------------------------------------- decoding an input

    static Case decode(byte[] input) {
        String method = "GET";
        String target = DEFAULT_TARGET;
        List<String> headers = new ArrayList<>();
        byte[] body = new byte[0];
        String cover = DEFAULT_COVER;
        String params = DEFAULT_PARAMS;
        boolean attackerKey = false;
        String ipk = "\"{device}\"";
        String accountCover = null;
        String accountParams = DEFAULT_ACCOUNT_PARAMS;
        boolean attackerAccountKey = false;
        String mskid = null;
        boolean sendAccount = false;
        String sendMethod = null;
        String sendTarget = null;
        byte[] sendBody = null;
        List<String> dropped = new ArrayList<>();
        List<String> sentHeaders = new ArrayList<>();
        List<String> signatureInputs = new ArrayList<>();
        List<String> signatures = new ArrayList<>();
        for (byte[] line : lines(input)) {
            int space = indexOf(line, (byte) ' ');
            String keyword = new String(line, 0, space < 0 ? line.length : space, StandardCharsets.UTF_8);
            byte[] rawValue = space < 0 ? new byte[0] : unescape(Arrays.copyOfRange(line, space + 1, line.length));
            String value = new String(rawValue, StandardCharsets.UTF_8);
            switch (keyword) {
                case "method" -> method = value;
                case "target" -> target = value;
                case "header" -> headers.add(value);
                case "body" -> body = rawValue;
                case "cover" -> cover = value;
                case "params" -> params = value;
                case "key" -> attackerKey = value.equals("attacker");
                case "ipk" -> ipk = value;
                case "account-cover" -> accountCover = value;
                case "account-params" -> accountParams = value;
                case "account-key" -> attackerAccountKey = value.equals("attacker");
                case "mskid" -> mskid = value;
                case "account" -> sendAccount = true;
                case "send-method" -> sendMethod = value;
                case "send-target" -> sendTarget = value;
                case "send-body" -> sendBody = rawValue;
                case "drop-header" -> dropped.add(value);
                case "send-header" -> sentHeaders.add(value);
                case "signature-input" -> signatureInputs.add(value);
                case "signature" -> signatures.add(value);
                default -> {
                    // unknown keywords are ignored, so the fuzzer can mutate them without failing
                }
            }
        }
        URI signedTarget = target(target);
        URI receivedTarget = sendTarget == null ? signedTarget : target(sendTarget);
        if (signedTarget == null || receivedTarget == null) {
            return null;
        }
        String token = token(ipk, mskid);
        if (headers.stream().noneMatch(h -> h.regionMatches(true, 0, "Approov-Token:", 0, 14))) {
            headers.add(0, "Approov-Token: {token}");
        }
        byte[] receivedBody = sendBody == null ? body : sendBody;
        Map<String, String> common = Map.of("{token}", token, "{digest}", digestMember("sha-256", body),
                "{digest512}", digestMember("sha-512", body), "{sent-digest}", digestMember("sha-256", receivedBody));
        List<Map.Entry<String, String>> signedHeaders = headerLines(headers, common);
        MessageSignatureOracle.Received signedRequest = new MessageSignatureOracle.Received(method, signedTarget,
                signedHeaders, body);

        // Sign as the SDK does: the base of the signed request under the default settings' view of it.
        MessageSignatureOracle.Signed unsigned = new MessageSignatureOracle.Signed(cover, params, null);
        String base = MessageSignatureOracle.base(signedRequest, MessageSignatureOracle.components(cover), unsigned,
                JUDGES.get(0).settings(), true);
        byte[] signature = ecdsa(attackerKey ? ATTACKER.getPrivate() : DEVICE.getPrivate(), base);
        MessageSignatureOracle.Signed signed = new MessageSignatureOracle.Signed(cover, params, base);
        String accountComponents = accountCover != null ? accountCover : cover;
        String accountBase = MessageSignatureOracle.base(signedRequest, MessageSignatureOracle.components(accountComponents),
                new MessageSignatureOracle.Signed(accountComponents, accountParams, null), JUDGES.get(0).settings(), true);
        byte[] accountMac = MessageSignatureOracle.hmacSha256(attackerAccountKey ? ATTACKER_ACCOUNT_KEY : ACCOUNT_KEY,
                accountBase);
        MessageSignatureOracle.Signed accountSigned = new MessageSignatureOracle.Signed(accountComponents, accountParams,
                accountBase);

        List<Map.Entry<String, String>> receivedHeaders = new ArrayList<>(signedHeaders);
        Map<String, String> signing = new java.util.LinkedHashMap<>();
        signing.put("{account-input}", "(" + accountComponents + ")" + accountParams);
        signing.put("{account-sig-31}", Base64.getEncoder().encodeToString(Arrays.copyOf(accountMac, 31)));
        signing.put("{account-sig-33}", Base64.getEncoder().encodeToString(Arrays.copyOf(accountMac, 33)));
        signing.put("{account-sig}", Base64.getEncoder().encodeToString(accountMac));
        signing.putAll(Map.of("{input}", "(" + cover + ")" + params,
                "{sig}", Base64.getEncoder().encodeToString(signature),
                "{sig-der}", Base64.getEncoder().encodeToString(der(signature)),
                "{sig-high-s}", Base64.getEncoder().encodeToString(highS(signature)),
                "{sig-url}", Base64.getUrlEncoder().withoutPadding().encodeToString(signature),
                "{sig-63}", Base64.getEncoder().encodeToString(Arrays.copyOf(signature, 63)),
                "{sig-65}", Base64.getEncoder().encodeToString(Arrays.copyOf(signature, 65))));
        String defaultInput = sendAccount ? "install={input}, account={account-input}" : "install={input}";
        String defaultSignature = sendAccount ? "install=:{sig}:, account=:{account-sig}:" : "install=:{sig}:";
        for (String line : signatureInputs.isEmpty() ? List.of(defaultInput) : signatureInputs) {
            receivedHeaders.add(new AbstractMap.SimpleImmutableEntry<>("Signature-Input", replace(line, signing)));
        }
        for (String line : signatures.isEmpty() ? List.of(defaultSignature) : signatures) {
            receivedHeaders.add(new AbstractMap.SimpleImmutableEntry<>("Signature", replace(line, signing)));
        }
        receivedHeaders.removeIf(header -> dropped.stream().anyMatch(header.getKey()::equalsIgnoreCase));
        receivedHeaders.addAll(headerLines(sentHeaders, common));
        MessageSignatureOracle.Received received = new MessageSignatureOracle.Received(
                sendMethod == null ? method : sendMethod, receivedTarget, receivedHeaders, receivedBody);
        return new Case(signedRequest, signed, accountSigned, received);
    }

    /** The request handed to the verifier: a fresh one each time, as the body is read once per request. */
    static ApproovRequest request(MessageSignatureOracle.Received received) {
        ApproovRequest.Builder builder = ApproovRequest.builder().method(received.method()).target(received.target())
                .body(received.body());
        received.headers().forEach(h -> builder.header(h.getKey(), h.getValue()));
        return builder.build();
    }

    /** An absolute http(s) URI with an authority of host and port only, or null. */
    private static URI target(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || MessageSignatureOracle.normalizedAuthority(scheme.toLowerCase(java.util.Locale.ROOT),
                            uri.getRawAuthority()) == null) {
                return null;
            }
            return uri;
        } catch (java.net.URISyntaxException | RuntimeException notAUri) {
            return null;
        }
    }

    private static String token(String ipkJson, String mskidJson) {
        String payload = "{\"exp\":" + (NOW + 3600) + (ipkJson.isEmpty() ? "" : ",\"ipk\":" + replace(ipkJson, IPKS))
                + (mskidJson == null || mskidJson.isEmpty() ? "" : ",\"mskid\":" + mskidJson) + "}";
        return ApproovTokens.sign(ApproovTokens.HS256_HEADER, payload, TestSecret.SECRET);
    }

    private static List<Map.Entry<String, String>> headerLines(List<String> lines, Map<String, String> placeholders) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            String name = (colon < 0 ? line : line.substring(0, colon)).strip();
            String value = colon < 0 ? "" : line.substring(colon + 1).stripLeading();
            if (!name.isEmpty()) {
                headers.add(new AbstractMap.SimpleImmutableEntry<>(name, replace(value, placeholders)));
            }
        }
        return headers;
    }

    private static String replace(String text, Map<String, String> placeholders) {
        String result = text;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            result = result.replace(placeholder.getKey(), placeholder.getValue());
        }
        return result;
    }

    private static String digestMember(String algorithm, byte[] body) {
        return algorithm + "=:" + Base64.getEncoder().encodeToString(
                MessageSignatureOracle.digest(algorithm.toUpperCase(java.util.Locale.ROOT), body)) + ":";
    }

    private static List<byte[]> lines(byte[] input) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == '\n') {
                lines.add(Arrays.copyOfRange(input, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** {@code \n}, {@code \r}, {@code \t}, {@code \\} and {@code \xHH}; any other backslash stays. */
    static byte[] unescape(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length);
        for (int i = 0; i < value.length; i++) {
            byte b = value[i];
            if (b == '\\' && i + 1 < value.length) {
                byte next = value[i + 1];
                int hex = next == 'x' && i + 3 < value.length
                        ? Character.digit(value[i + 2], 16) << 4 | Character.digit(value[i + 3], 16) : -1;
                if (next == 'n' || next == 'r' || next == 't' || next == '\\') {
                    out.write(next == 'n' ? '\n' : next == 'r' ? '\r' : next == 't' ? '\t' : '\\');
                    i++;
                    continue;
                }
                if (hex >= 0 && Character.digit(value[i + 2], 16) >= 0 && Character.digit(value[i + 3], 16) >= 0) {
                    out.write(hex);
                    i += 3;
                    continue;
                }
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- keys and signatures

    /** ECDSA P-256 over the base, with a nonce generator seeded by the base: the same input, the same signature. */
    static byte[] ecdsa(PrivateKey key, String base) {
        try {
            SecureRandom nonces = SecureRandom.getInstance("SHA1PRNG");
            nonces.setSeed(base.getBytes(StandardCharsets.UTF_8));
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key, nonces);
            signer.update(base.getBytes(StandardCharsets.US_ASCII));
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same r and s as an ASN.1 DER SEQUENCE of two INTEGERs (the JDK's default ECDSA format). */
    static byte[] der(byte[] rs) {
        byte[] r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)).toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(4 + r.length + s.length);
        out.write(0x02);
        out.write(r.length);
        out.writeBytes(r);
        out.write(0x02);
        out.write(s.length);
        out.writeBytes(s);
        return out.toByteArray();
    }

    /** r‖(n − s): the other valid signature of the same base (ECDSA is malleable; RFC 9421 does not forbid it). */
    static byte[] highS(byte[] rs) {
        byte[] out = Arrays.copyOf(rs, 64);
        byte[] s = N.subtract(new BigInteger(1, Arrays.copyOfRange(rs, 32, 64))).toByteArray();
        byte[] padded = new byte[32];
        int length = Math.min(s.length, 32);
        System.arraycopy(s, s.length - length, padded, 32 - length, length);
        System.arraycopy(padded, 0, out, 32, 32);
        return out;
    }

    /** The public key's encoding with the last byte of the point's y changed: a point off the curve. */
    static String offCurve(PublicKey key) {
        byte[] encoded = key.getEncoded();
        encoded[encoded.length - 1] ^= 1;
        return Base64.getEncoder().encodeToString(encoded);
    }

    /**
     * Approov's test key pair: the public key is the published {@code ipk}; the private key's SEC1 DER
     * holds the scalar d at bytes 7 to 38 ({@code 30 77 02 01 01 04 20 d...}).
     */
    static KeyPair approovTestKeyPair() {
        try (InputStream in = MessageSignatureFuzzTest.class.getResourceAsStream("/message-signing/approov-install-signatures.json")) {
            Map<String, Object> file = StructuredFieldsTest.castMap(org.jose4j.json.JsonUtil.parseJson(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            KeyFactory ec = KeyFactory.getInstance("EC");
            ECPublicKey publicKey = (ECPublicKey) ec.generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode((String) file.get("ipk"))));
            byte[] sec1 = Base64.getDecoder().decode((String) file.get("private_key_sec1_der_base64"));
            if (sec1[5] != 0x04 || sec1[6] != 0x20) {
                throw new IllegalStateException("not a SEC1 P-256 private key");
            }
            PrivateKey privateKey = ec.generatePrivate(new ECPrivateKeySpec(
                    new BigInteger(1, Arrays.copyOfRange(sec1, 7, 39)), publicKey.getParams()));
            KeyPair pair = new KeyPair(publicKey, privateKey);
            if (!MessageSignatureOracle.verifies(publicKey, "check", ecdsa(privateKey, "check"))) {
                throw new IllegalStateException("the test key pair does not match");
            }
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
