package io.github.approovjaxrs.core;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of the Approov check (T1–T10, B1–B4, M1–M14): header values in, an {@link ApproovVerdict} out,
 * with no policy. {@link ApproovCheck} applies the policy (monitor mode, listeners, logging) on top: it is
 * the public entry point. Thread-safe; one per configuration.
 *
 * <p>How it stays fast without trusting less: a token string already verified is recognised by exact match
 * and only its time is re-checked; any other token first meets cheap strict checks (shape, canonical
 * base64url, header, HMAC over the received text) that reject forgeries without exceptions, and only a
 * token that passes them all reaches jose4j, which must accept it too.
 */
final class ApproovVerifier {

    /** Far above any Approov token (a few hundred bytes), far below what parsing could make costly. */
    static final int MAX_TOKEN_LENGTH = 8192;
    private static final int MAX_REMEMBERED_HEADERS = 8;
    /** Header parameters that change how a JWS is processed (T4); a token carrying any of them is refused. */
    private static final List<String> PROCESSING_HEADER_PARAMETERS = List.of("crit", "b64", "zip", "cty", "enc");

    private static final System.Logger LOG = System.getLogger(ApproovVerifier.class.getPackageName());
    private static final ApproovVerdict.Rejected[] REJECTIONS = Arrays.stream(ApproovFailure.values())
            .map(ApproovVerdict.Rejected::new)
            .toArray(ApproovVerdict.Rejected[]::new);

    private final ApproovConfig config;
    private final KeySet keys;
    private final ClaimChecks claimChecks;
    private final TokenCache cache;
    private final MessageSignatureCheck messageSignatures;
    private final EcdsaP256 ecdsa;
    private final ThreadLocal<Scratch> scratch;
    /** Header segments of accepted tokens and their keys; copy-on-write, tiny (one account, one header). */
    private volatile KnownHeader[] acceptedHeaders = new KnownHeader[0];

    private record KnownHeader(String segment, List<KeySet.Entry> candidates) {
    }

    private ApproovVerifier(ApproovConfig config, EcdsaP256 ecdsa, ReplayStore replayStore) {
        this.config = config;
        this.keys = new KeySet(config.keys());
        this.claimChecks = new ClaimChecks(config.clockSkew().toMillis(), config.expectedAudience().orElse(null));
        this.cache = new TokenCache(config.tokenCacheSize());
        this.messageSignatures = new MessageSignatureCheck(config, ecdsa, replayStore);
        this.ecdsa = ecdsa;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(keys));
        scratch.get(); // fail at start-up, not on the first request, if an algorithm is unavailable
    }

    /**
     * Creates the verifier for {@code config}.
     *
     * @throws ApproovConfigurationException if the JVM has jose4j's unsafe system properties
     *     {@code org.jose4j.jws.default-allow-none} or {@code org.jose4j.jws.getPayload-skip-verify} set
     */
    static ApproovVerifier create(ApproovConfig config) {
        return create(config, EcdsaP256.DEFAULT);
    }

    /**
     * {@link #create(ApproovConfig)} with a given ECDSA engine for message signatures (tests run on each), and
     * single-use requests remembered in memory.
     */
    static ApproovVerifier create(ApproovConfig config, EcdsaP256 ecdsa) {
        return create(config, ecdsa, new InMemoryReplayStore(config.replayStoreMaxEntries(), System::nanoTime));
    }

    /** The verifier, with single-use requests remembered in {@code replayStore}. */
    static ApproovVerifier create(ApproovConfig config, EcdsaP256 ecdsa, ReplayStore replayStore) {
        Objects.requireNonNull(config, "config");
        refuseUnsafeJose4jProperties();
        return new ApproovVerifier(config, ecdsa, Objects.requireNonNull(replayStore, "replayStore"));
    }

    /** Which ECDSA engine verifies message signatures, for the start-up log. */
    String ecdsaEngine() {
        return ecdsa.describe();
    }

    /** The configuration this verifier applies. */
    public ApproovConfig config() {
        return config;
    }

    /**
     * Checks the token of a request from every line of its token header, in order (rule T1: exactly one).
     *
     * @param tokenHeaderLines the values of every token header line; null or empty when there is none
     */
    public ApproovVerdict verify(List<String> tokenHeaderLines) {
        if (tokenHeaderLines == null || tokenHeaderLines.isEmpty()) {
            return rejected(ApproovFailure.MISSING_TOKEN);
        }
        if (tokenHeaderLines.size() > 1) {
            return rejected(ApproovFailure.DUPLICATE_TOKEN_HEADER);
        }
        return verifyToken(tokenHeaderLines.get(0));
    }

    /**
     * Checks the token and its binding (rules B1–B4): the token first, then that exactly one binding header
     * line is present and that the token's {@code pay} is base64(SHA-256) of its whole value.
     *
     * @param tokenHeaderLines the values of every token header line
     * @param bindingHeaderLines the values of every binding header line (e.g. {@code Authorization})
     */
    public ApproovVerdict verify(List<String> tokenHeaderLines, List<String> bindingHeaderLines) {
        ApproovVerdict verdict = verify(tokenHeaderLines);
        if (verdict instanceof ApproovVerdict.Accepted accepted) {
            ApproovFailure bindingFailure = checkBinding(accepted.verifiedClaims(),
                    Collections.singletonList(bindingHeaderLines));
            if (bindingFailure != null) {
                return rejected(bindingFailure);
            }
        }
        return verdict;
    }

    /**
     * Checks the token of {@code request} (T1–T10) and then its Approov message signatures (rules M2–M12,
     * A1–A6): an RFC 9421 signature with label {@code install}, made with the private key whose public key the
     * token carries as {@code ipk}, and, with an account key configured, one with label {@code account}, an
     * HMAC with the account message-signing key, when the token has no {@code ipk} but an {@code mskid} (or on
     * every request with {@link ApproovConfig#requireAccountSignature()}). A token that needs neither passes
     * as token-only unless {@link ApproovConfig#requireInstallationKey()}; {@link ApproovClaims#isMessageSigned()}
     * tells the two apart. A token that is reused (and cached) still needs a valid signature on every request.
     *
     * @param request the request as received; its body is read only when a {@code Content-Digest} must be checked
     */
    public ApproovVerdict verifySigned(ApproovRequest request) {
        Objects.requireNonNull(request, "request");
        ApproovVerdict verdict = verify(request.headerLines(config.tokenHeaderName()));
        return verdict instanceof ApproovVerdict.Accepted accepted
                ? checkMessageSignature(accepted.verifiedClaims(), request, false)
                : verdict;
    }

    /**
     * Rules M2–M12 and A1–A6 for the claims of a token that passed, and with {@code singleUse} rules R1–R4; the
     * claims come back marked signed on success.
     */
    ApproovVerdict checkMessageSignature(ApproovClaims claims, ApproovRequest request, boolean singleUse) {
        try {
            return messageSignatures.check(claims, request, config.clock().millis(), singleUse);
        } catch (RuntimeException | StackOverflowError unexpected) {
            LOG.log(System.Logger.Level.WARNING, () -> "Approov message signature check failed unexpectedly ("
                    + unexpected.getClass().getName() + "); request rejected");
            return rejected(ApproovFailure.VERIFICATION_ERROR);
        }
    }

    /** Checks one token value, as found in the single token header line (no {@code Bearer } prefix). */
    public ApproovVerdict verifyToken(String token) {
        try {
            return check(token);
        } catch (RuntimeException | StackOverflowError unexpected) {
            // Fail closed; the exception's message may quote the token, so only its type is logged.
            LOG.log(System.Logger.Level.WARNING, () -> "Approov token check failed unexpectedly ("
                    + unexpected.getClass().getName() + "); request rejected");
            return rejected(ApproovFailure.VERIFICATION_ERROR);
        }
    }

    /** Checks one token value and the single value of its binding header. */
    public ApproovVerdict verifyToken(String token, String bindingHeaderValue) {
        return verify(token == null ? List.of() : List.of(token),
                bindingHeaderValue == null ? List.of() : List.of(bindingHeaderValue));
    }

    private ApproovVerdict check(String token) {
        if (token == null || token.isEmpty()) {
            return rejected(ApproovFailure.MISSING_TOKEN);
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return rejected(ApproovFailure.MALFORMED_TOKEN);
        }
        long now = config.clock().millis();
        TokenCache.Entry cached = cache.get(token);
        if (cached != null) {
            ApproovFailure timeFailure = ClaimChecks.checkTime(cached.window(), now);
            if (timeFailure == null) {
                return cached.verdict();
            }
            cache.remove(cached);
            return rejected(timeFailure);
        }

        Scratch local = scratch.get();
        SignatureLayer layer = checkSignatureLayer(token, local);
        if (layer.failure() != null) {
            return rejected(layer.failure());
        }
        int firstDot = token.indexOf('.');
        int secondDot = token.lastIndexOf('.');
        Map<String, Object> claims = parseJsonSegment(token, firstDot + 1, secondDot, local);
        if (claims == null) {
            return rejected(ApproovFailure.MALFORMED_TOKEN);
        }
        ApproovFailure claimsFailure = claimChecks.checkStructure(claims);
        if (claimsFailure != null) {
            return rejected(claimsFailure);
        }
        ClaimChecks.Window window = claimChecks.window(claims);
        ApproovFailure timeFailure = ClaimChecks.checkTime(window, now);
        if (timeFailure != null) {
            return rejected(timeFailure);
        }

        // Everything above passed: jose4j, the authority on every token not seen before, must agree.
        String jose4jRefusal = layer.key().jose4jRefusal(token);
        if (jose4jRefusal != null) {
            LOG.log(System.Logger.Level.WARNING, () -> "jose4j rejected a token the strict checks accepted ("
                    + jose4jRefusal + "); request rejected");
            return rejected(ApproovFailure.MALFORMED_TOKEN);
        }

        ApproovVerdict.Accepted accepted = new ApproovVerdict.Accepted(new ApproovClaims(claims, window.expiresAt()));
        cache.put(new TokenCache.Entry(token, accepted, window));
        rememberHeader(token, firstDot, layer.candidates());
        return accepted;
    }

    /** The outcome of the JWS layer: a failure, or the key that verified the signature. */
    record SignatureLayer(ApproovFailure failure, KeySet.Entry key, List<KeySet.Entry> candidates) {
    }

    /**
     * The JWS layer, before any claim is read: shape and canonical base64url (T2), the header (T3, T4, T6)
     * and the signature over the received text with a configured key of the token's algorithm (T5). Cheap
     * and exception-free, so forged tokens are turned away before jose4j runs.
     */
    SignatureLayer checkSignatureLayer(String token, Scratch local) {
        int secondDot = CompactJws.scan(token);
        if (secondDot < 0) {
            return failed(ApproovFailure.MALFORMED_TOKEN);
        }
        int firstDot = token.indexOf('.');
        List<KeySet.Entry> candidates = knownHeaderCandidates(token, firstDot);
        if (candidates == null) {
            Map<String, Object> header = parseJsonSegment(token, 0, firstDot, local);
            if (header == null) {
                return failed(ApproovFailure.MALFORMED_TOKEN);
            }
            ApproovFailure headerFailure = checkHeader(header);
            if (headerFailure != null) {
                return failed(headerFailure);
            }
            candidates = keys.candidates(header.get("alg"), header.get("kid"));
            if (candidates.isEmpty()) {
                return failed(ApproovFailure.ALGORITHM_NOT_ALLOWED);
            }
        }
        byte[] signingInput = local.signingInput(token, secondDot);
        KeySet.Entry key = local.crypto.verify(candidates, signingInput, secondDot, token, secondDot + 1);
        return key == null ? failed(ApproovFailure.BAD_SIGNATURE) : new SignatureLayer(null, key, candidates);
    }

    private static SignatureLayer failed(ApproovFailure failure) {
        return new SignatureLayer(failure, null, null);
    }

    /** {@link #checkSignatureLayer(String, Scratch)} on this thread's scratch; null when it holds. */
    ApproovFailure checkSignatureLayer(String token) {
        return checkSignatureLayer(token, scratch.get()).failure();
    }

    /** Rules T3 (alg a string; which one is the key set's call) and T4 on the parsed header; null when acceptable. */
    private static ApproovFailure checkHeader(Map<String, Object> header) {
        // Allow-list: only these parameters can change how a JWS is processed, so their mere presence fails.
        for (String parameter : PROCESSING_HEADER_PARAMETERS) {
            if (header.containsKey(parameter)) {
                return ApproovFailure.UNSUPPORTED_HEADER_PARAMETER;
            }
        }
        // jwk, jku, x5u and x5c are ignored, and kid only chooses among configured keys (KeySet).
        return header.get("alg") instanceof String ? null : ApproovFailure.ALGORITHM_NOT_ALLOWED;
    }

    private List<KeySet.Entry> knownHeaderCandidates(String token, int firstDot) {
        for (KnownHeader header : acceptedHeaders) {
            if (header.segment().length() == firstDot && token.startsWith(header.segment())) {
                return header.candidates();
            }
        }
        return null;
    }

    private void rememberHeader(String token, int firstDot, List<KeySet.Entry> candidates) {
        if (knownHeaderCandidates(token, firstDot) != null) {
            return;
        }
        synchronized (this) {
            KnownHeader[] current = acceptedHeaders;
            if (current.length < MAX_REMEMBERED_HEADERS) {
                KnownHeader[] grown = Arrays.copyOf(current, current.length + 1);
                grown[current.length] = new KnownHeader(token.substring(0, firstDot), candidates);
                acceptedHeaders = grown;
            }
        }
    }

    /** A segment's strict UTF-8 JSON object, or null if it is anything else (rule T6). */
    private static Map<String, Object> parseJsonSegment(String token, int start, int end, Scratch local) {
        byte[] bytes = CompactJws.decode(token, start, end);
        try {
            String json = local.utf8.reset().decode(ByteBuffer.wrap(bytes)).toString();
            return StrictJson.parseObject(json);
        } catch (CharacterCodingException | StrictJson.MalformedJsonException malformed) {
            return null;
        }
    }

    /**
     * Rules B2–B4 over the bound headers, in order: each present exactly once and non-empty (the first that is
     * not decides the failure), then {@code pay} equal to base64(SHA-256) of their values' UTF-8 bytes,
     * concatenated with no separator (one header: its whole value). Null when the binding holds.
     *
     * @param boundHeaderLines for each bound header, every line of it
     */
    ApproovFailure checkBinding(ApproovClaims claims, List<List<String>> boundHeaderLines) {
        String bound = null;
        StringBuilder concatenated = null;
        for (List<String> lines : boundHeaderLines) {
            if (lines == null || lines.isEmpty()) {
                return ApproovFailure.MISSING_BINDING_HEADER;
            }
            if (lines.size() > 1) {
                return ApproovFailure.DUPLICATE_BINDING_HEADER;
            }
            String value = lines.get(0);
            if (value == null || value.isEmpty()) {
                return ApproovFailure.MISSING_BINDING_HEADER;
            }
            if (bound == null) {
                bound = value;
            } else {
                concatenated = (concatenated == null ? new StringBuilder(bound) : concatenated).append(value);
            }
        }
        if (bound == null) {
            return ApproovFailure.MISSING_BINDING_HEADER;
        }
        byte[] pay = claims.payBytes();
        if (pay == null) {
            return ApproovFailure.MISSING_PAY_CLAIM;
        }
        String value = concatenated == null ? bound : concatenated.toString();
        MessageDigest sha256 = scratch.get().sha256;
        byte[] expected = Base64.getEncoder().encode(sha256.digest(value.getBytes(StandardCharsets.UTF_8)));
        return MessageDigest.isEqual(expected, pay) ? null : ApproovFailure.BINDING_MISMATCH;
    }

    static ApproovVerdict rejected(ApproovFailure failure) {
        return REJECTIONS[failure.ordinal()];
    }

    private static void refuseUnsafeJose4jProperties() {
        for (String property : List.of("org.jose4j.jws.default-allow-none", "org.jose4j.jws.getPayload-skip-verify")) {
            String value = System.getProperty(property);
            if (value != null && value.strip().equalsIgnoreCase("true")) {
                throw new ApproovConfigurationException("The JVM system property " + property + " is true: it"
                        + " weakens jose4j's JWS checks and is never safe for an Approov API. Remove -D" + property
                        + " from the JVM options.");
            }
        }
    }

    /** Per-thread crypto objects and buffers: Mac, Signature and MessageDigest are not thread-safe. */
    static final class Scratch {
        final KeySet.Crypto crypto;
        final MessageDigest sha256;
        final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final byte[] signingInput = new byte[MAX_TOKEN_LENGTH];

        Scratch(KeySet keys) {
            crypto = keys.newCrypto();
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException unavailable) {
                throw new IllegalStateException("SHA-256 is not available in this JVM", unavailable);
            }
        }

        /** The ASCII bytes of {@code header.payload}, in a reused buffer valid until the next call. */
        @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the scan proved it ASCII
        byte[] signingInput(String token, int secondDot) {
            token.getBytes(0, secondDot, signingInput, 0);
            return signingInput;
        }
    }
}
