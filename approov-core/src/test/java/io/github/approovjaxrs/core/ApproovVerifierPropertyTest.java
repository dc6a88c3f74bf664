package io.github.approovjaxrs.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.approovjaxrs.testing.ApproovTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Seeded property test: thousands of random, mutated and randomly minted tokens per run, each checked by
 * two verifiers (token cache on and off) and, when accepted, by the independent {@link TokenOracle}. The run
 * counts the tokens it checked and fails below {@value #TARGET}.
 *
 * <p>The seed is fixed so that a failure reproduces; every failure message names it and the case number.
 * Run with {@code -Dapproov.property.seed=N} to explore other inputs (Surefire passes {@code -D} options
 * on to the tests).
 */
class ApproovVerifierPropertyTest {

    static final long SEED = Long.getLong("approov.property.seed", 0x5EC_2026L);
    static final long NOW = 1_700_000_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    static final byte[] OTHER_SECRET = "property-other-secret-property-o".getBytes(StandardCharsets.US_ASCII);
    static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    /** Characters a hostile token might carry: the alphabet, its standard-base64 cousins, separators, and worse. */
    static final String HOSTILE = BASE64URL + "..=+/ \t,;:\"'{}[]\\%\u0000\u007f\u00e9\u00ff\u2028\uFEFF\uD83D";

    static final ApproovVerifier CACHED = ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).clock(CLOCK).build());
    static final ApproovVerifier UNCACHED = ApproovVerifier.create(ApproovConfig.builder().base64Secret(TestSecret.SECRET_BASE64).loggingEnabled(false).clock(CLOCK).tokenCacheSize(0).build());

    /** The tokens every run must check, over all its kinds together. */
    static final int TARGET = 10_000;

    /** The cases of one run: counted as they are checked, so a generator that stops short cannot hide. */
    static final class Tally {
        int checked;
        int accepted;

        /** Runs one case through both verifiers; returns true when accepted, failing on any broken property. */
        boolean check(String kind, int index, String token, String binding) {
            checked++;
            String context = "seed " + SEED + ", " + kind + " #" + index + ": token [" + token + "]"
                    + (binding == null ? "" : ", binding [" + binding + "]");
            ApproovVerdict cached;
            ApproovVerdict uncached;
            try {
                cached = verify(CACHED, token, binding);
                uncached = verify(UNCACHED, token, binding);
            } catch (RuntimeException | Error escaped) {
                throw new AssertionError("the verifier threw " + escaped + " (" + context + ")", escaped);
            }
            if (cached.failure().orElse(null) == ApproovFailure.VERIFICATION_ERROR) {
                fail("the verifier caught an unexpected exception (" + context + ")");
            }
            assertEquals(uncached.failure(), cached.failure(), "the token cache changed the verdict (" + context + ")");
            assertEquals(cached.failure(), verify(CACHED, token, binding).failure(),
                    "a second look changed the verdict (" + context + ")");
            if (cached.isAccepted()) {
                accepted++;
                String wrong = TokenOracle.whyAcceptanceIsWrong(token, binding, TestSecret.SECRET, NOW * 1000);
                if (wrong != null) {
                    fail(wrong + " (" + context + ")");
                }
            }
            return cached.isAccepted();
        }
    }

    private static ApproovVerdict verify(ApproovVerifier verifier, String token, String binding) {
        return binding == null ? verifier.verify(List.of(token)) : verifier.verify(List.of(token), List.of(binding));
    }

    /**
     * Every kind of case, then the count: one factory, so the count cannot be separated from the cases it
     * counts ({@code -Dtest=ApproovVerifierPropertyTest} runs them all; there is no method to pick alone).
     */
    @TestFactory
    Stream<DynamicTest> tenThousandTokensKeepEveryProperty() {
        Tally tally = new Tally();
        return Stream.of(
                dynamicTest("random strings are never accepted", () -> randomStringsAreNeverAccepted(tally)),
                dynamicTest("every mutation of a genuine token is refused", () -> everyMutationOfAGenuineTokenIsRefused(tally)),
                dynamicTest("randomly minted tokens are accepted only when the oracle agrees",
                        () -> randomlyMintedTokensAreAcceptedOnlyWhenTheOracleAgrees(tally)),
                dynamicTest("genuine tokens in any legal spelling are accepted", () -> genuineTokensInAnyLegalSpellingAreAccepted(tally)),
                dynamicTest("bindings pass only for the exact bound value", () -> bindingsPassOnlyForTheExactBoundValue(tally)),
                dynamicTest("the run checked at least " + TARGET + " tokens", () -> {
                    System.out.println("Property test (seed " + SEED + "): " + tally.checked + " tokens checked, " + tally.accepted
                            + " accepted, each acceptance confirmed by the independent oracle");
                    assertTrue(tally.checked >= TARGET, "at least " + TARGET + " cases per run; ran " + tally.checked);
                }));
    }

    static void randomStringsAreNeverAccepted(Tally tally) {
        Random random = new Random(SEED);
        for (int i = 0; i < 2500; i++) {
            String token = random.nextBoolean()
                    ? randomText(random, HOSTILE, random.nextInt(200))
                    : randomText(random, BASE64URL, 1 + random.nextInt(60)) + "."
                            + randomText(random, BASE64URL, 1 + random.nextInt(80)) + "."
                            + randomText(random, BASE64URL, random.nextInt(4) == 0 ? random.nextInt(60) : 43);
            if (tally.check("random string", i, token, null)) {
                fail("seed " + SEED + ", random string #" + i + " was accepted: " + token);
            }
        }
    }

    static void everyMutationOfAGenuineTokenIsRefused(Tally tally) {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 3000; i++) {
            String genuine = genuineToken(random);
            String mutant = genuine;
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits || mutant.equals(genuine); e++) {
                mutant = mutate(random, mutant);
            }
            if (tally.check("mutant", i, mutant, null)) {
                fail("seed " + SEED + ", mutant #" + i + " of a genuine token was accepted: " + mutant
                        + " (from " + genuine + ")");
            }
        }
    }

    static void randomlyMintedTokensAreAcceptedOnlyWhenTheOracleAgrees(Tally tally) {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 3000; i++) {
            byte[] secret = random.nextInt(4) == 0 ? OTHER_SECRET : TestSecret.SECRET;
            String token = ApproovTokens.sign(randomHeader(random), randomClaims(random), secret);
            boolean accepted = tally.check("minted", i, token, null);
            if (accepted && secret == OTHER_SECRET) {
                fail("seed " + SEED + ", minted #" + i + " signed with another secret was accepted: " + token);
            }
        }
    }

    static void genuineTokensInAnyLegalSpellingAreAccepted(Tally tally) {
        Random random = new Random(SEED + 3);
        for (int i = 0; i < 1000; i++) {
            String token = genuineToken(random);
            if (!tally.check("genuine", i, token, null)) {
                fail("seed " + SEED + ", genuine token #" + i + " was refused ("
                        + CACHED.verifyToken(token).failure().orElseThrow() + "): " + token);
            }
        }
    }

    static void bindingsPassOnlyForTheExactBoundValue(Tally tally) {
        Random random = new Random(SEED + 4);
        for (int i = 0; i < 1000; i++) {
            String value = "Bearer " + randomText(random, BASE64URL + " .~+/=\u00e9", 1 + random.nextInt(40));
            String token = ApproovTokens.sign("{\"alg\":\"HS256\"}",
                    "{\"exp\":" + (NOW + 60) + ",\"pay\":\"" + ApproovTokens.pay(value) + "\"}", TestSecret.SECRET);
            String sent = random.nextBoolean() ? value : mutateText(random, value);
            boolean accepted = tally.check("binding", i, token, sent);
            assertEquals(sent.equals(value), accepted,
                    "seed " + SEED + ", binding #" + i + ": bound [" + value + "], sent [" + sent + "]");
        }
    }

    // ---- generators ----

    /** A token the verifier must accept: random unknown claims, optional kid/typ, random JSON spacing. */
    static String genuineToken(Random random) {
        List<String> header = new ArrayList<>(List.of("\"alg\":\"HS256\""));
        if (random.nextBoolean()) {
            header.add("\"typ\":\"JWT\"");
        }
        if (random.nextInt(4) == 0) {
            header.add("\"kid\":\"" + randomText(random, BASE64URL, 1 + random.nextInt(10)) + "\"");
        }
        List<String> claims = new ArrayList<>();
        String exp = random.nextBoolean() ? String.valueOf(NOW + 1 + random.nextInt(100_000))
                : (NOW + random.nextInt(100_000)) + "." + (1 + random.nextInt(999));
        claims.add("\"exp\":" + exp);
        int extra = random.nextInt(6);
        for (int i = 0; i < extra; i++) {
            claims.add("\"c" + i + "\":" + randomJson(random, 2));
        }
        if (random.nextBoolean()) {
            claims.add("\"iat\":" + (NOW - random.nextInt(1000)));
        }
        if (random.nextBoolean()) {
            claims.add("\"did\":\"" + randomText(random, BASE64URL, 22) + "==\"");
        }
        java.util.Collections.shuffle(header, random);
        java.util.Collections.shuffle(claims, random);
        String space = random.nextBoolean() ? "" : " ";
        return ApproovTokens.sign("{" + space + String.join("," + space, header) + "}",
                "{" + String.join(",", claims) + space + "}", TestSecret.SECRET);
    }

    static String randomHeader(Random random) {
        List<String> members = new ArrayList<>();
        String[] algs = {"HS256", "HS256", "HS256", "none", "None", "HS384", "HS512", "RS256", "ES256", "hs256", "HS256 ", ""};
        int count = random.nextInt(4);
        if (random.nextInt(8) != 0) {
            members.add("\"alg\":" + (random.nextInt(10) == 0 ? randomJson(random, 1) : "\"" + algs[random.nextInt(algs.length)] + "\""));
        }
        String[] names = {"typ", "kid", "jku", "jwk", "x5u", "x5c", "crit", "b64", "zip", "cty", "enc", "alg", "p2c"};
        for (int i = 0; i < count; i++) {
            members.add("\"" + names[random.nextInt(names.length)] + "\":" + randomJson(random, 2));
        }
        java.util.Collections.shuffle(members, random);
        return "{" + String.join(",", members) + "}";
    }

    static String randomClaims(Random random) {
        List<String> members = new ArrayList<>();
        String[] exps = {String.valueOf(NOW + 60), String.valueOf(NOW), String.valueOf(NOW - 1), NOW + ".5", (NOW - 1) + ".999",
            "1e300", "9007199254740993", "9007199254740992", "0", "-1", "\"" + (NOW + 60) + "\"", "null", "true", "[]",
            "1.7000001e9", "1e-7", "-0", "9".repeat(30), "1E+10"};
        if (random.nextInt(10) != 0) {
            members.add("\"exp\":" + exps[random.nextInt(exps.length)]);
        }
        String[] names = {"nbf", "iat", "aud", "pay", "did", "ip", "exp", "x", "sub"};
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            String name = names[random.nextInt(names.length)];
            String value = switch (name) {
                case "nbf", "iat" -> random.nextBoolean() ? String.valueOf(NOW + random.nextInt(200) - 100) : randomJson(random, 1);
                default -> randomJson(random, 2);
            };
            members.add("\"" + name + "\":" + value);
        }
        java.util.Collections.shuffle(members, random);
        return "{" + String.join(",", members) + "}";
    }

    /** Pieces of JSON string content, each valid on its own: plain text, escapes, non-ASCII. */
    static final String[] STRING_PIECES = {"a", "Z", "0", " ", "-", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\u00e9",
        "\\ud83d\\ude00", "\u2713"};

    /** A random, well-formed JSON value (objects have unique names): odd numbers, escapes, nesting. */
    static String randomJson(Random random, int depth) {
        switch (random.nextInt(depth > 0 ? 8 : 6)) {
            case 0:
                return String.valueOf(random.nextLong());
            case 1:
                return random.nextInt(1000) + "." + random.nextInt(1000) + (random.nextBoolean() ? "e" + (random.nextInt(40) - 20) : "");
            case 2: {
                StringBuilder text = new StringBuilder("\"");
                for (int i = random.nextInt(8); i > 0; i--) {
                    text.append(STRING_PIECES[random.nextInt(STRING_PIECES.length)]);
                }
                return text.append('"').toString();
            }
            case 3:
                return random.nextBoolean() ? "true" : "false";
            case 4:
                return "null";
            case 5:
                return "\"" + randomText(random, BASE64URL, random.nextInt(8)) + "\"";
            case 6: {
                List<String> elements = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    elements.add(randomJson(random, depth - 1));
                }
                return "[" + String.join(",", elements) + "]";
            }
            default: {
                List<String> members = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    members.add("\"k" + i + "\":" + randomJson(random, depth - 1));
                }
                return "{" + String.join(",", members) + "}";
            }
        }
    }

    /** One random edit of a token: the kinds of damage and re-spelling a lenient parser forgives. */
    static String mutate(Random random, String token) {
        if (token.isEmpty()) {
            return String.valueOf(HOSTILE.charAt(random.nextInt(HOSTILE.length())));
        }
        int at = random.nextInt(token.length());
        String[] segments = token.split("\\.", -1);
        switch (random.nextInt(12)) {
            case 0: // replace one character with another of the alphabet
                return token.substring(0, at) + BASE64URL.charAt(random.nextInt(64)) + token.substring(at + 1);
            case 1: // delete one character
                return token.substring(0, at) + token.substring(at + 1);
            case 2: // insert a hostile character
                return token.substring(0, at) + HOSTILE.charAt(random.nextInt(HOSTILE.length())) + token.substring(at);
            case 3: // padding
                return token + "=".repeat(1 + random.nextInt(2));
            case 4: // standard alphabet
                return token.replace('-', '+').replace('_', '/') + (token.contains("-") || token.contains("_") ? "" : "+");
            case 5: // set the unused low bits of the last character
                return withTrailingBits(token);
            case 6: // swap two segments
                return segments.length == 3 ? segments[1] + "." + segments[0] + "." + segments[2] : token + ".";
            case 7: // truncate
                return token.substring(0, at);
            case 8: // drop the signature
                return segments.length == 3 ? segments[0] + "." + segments[1] + "." : token.substring(1);
            case 9: // flip the case of one letter
                char c = token.charAt(at);
                char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                return token.substring(0, at) + flipped + token.substring(at + 1);
            case 10: // a prefix some clients add
                String[] prefixes = {"Bearer ", "bearer ", " ", "Approov ", "\"", "token="};
                return prefixes[random.nextInt(prefixes.length)] + token;
            default: // another segment, as in JWE or nesting
                return token + "." + (segments.length > 1 ? segments[1] : "e30");
        }
    }

    static String mutateText(Random random, String value) {
        String mutated = value;
        while (mutated.equals(value)) {
            int at = random.nextInt(value.length());
            mutated = switch (random.nextInt(4)) {
                case 0 -> value.substring(0, at) + value.substring(at + 1);
                case 1 -> value.substring(0, at) + BASE64URL.charAt(random.nextInt(64)) + value.substring(at + 1);
                case 2 -> value.toLowerCase(java.util.Locale.ROOT);
                default -> value + " ";
            };
        }
        return mutated;
    }

    static String withTrailingBits(String token) {
        char last = token.charAt(token.length() - 1);
        int index = BASE64URL.indexOf(last);
        if (index < 0) {
            return token + "A";
        }
        char changed = BASE64URL.charAt(index ^ 0x01);
        return token.substring(0, token.length() - 1) + changed;
    }

    static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
