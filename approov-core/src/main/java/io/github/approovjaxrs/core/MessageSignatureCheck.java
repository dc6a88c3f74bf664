package io.github.approovjaxrs.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rules M2–M12 and A1–A6: the request's Approov message signatures (RFC 9421), verified once the token
 * passed. Two labels share one signature base and one set of rules for fields, components, parameters, time
 * and {@code Content-Digest}: {@code install} ({@code ecdsa-p256-sha256}, with the key in the token's
 * {@code ipk}) and {@code account} ({@code hmac-sha256}, with a configured account message-signing key the
 * token's {@code mskid} chooses). Called by {@link ApproovVerifier}; thread-safe.
 *
 * <p>Which signatures a request needs (rule A1): the installation signature when the token has {@code ipk};
 * with an account key configured, the account signature too when the token has no {@code ipk} but an
 * {@code mskid} (Approov gave the app the account key, so it can sign), or on every request with
 * {@link ApproovConfig#requireAccountSignature()}. A token with neither passes as token-only (Approov's
 * fail-over tokens), unless {@link ApproovConfig#requireInstallationKey()}. A signature that is not needed
 * is not checked; one that is needed must pass, whatever the other does.
 *
 * <p>The order is the cheapest first and the body last: the fields are parsed and judged, each needed
 * signature's base rebuilt and verified (installation first), and only a verified request has its body read
 * and digested. On a single-use endpoint (rules R1–R4), a request that passed all that is then looked up in
 * the {@link ReplayStore}, last, so that a request refused for any other reason never uses up its signature.
 */
final class MessageSignatureCheck {

    /** Where the target may come from (rule M7): one of these must be covered. */
    private static final List<String> TARGET_COMPONENTS = List.of("@target-uri", "@path", "@request-target");
    private static final System.Logger LOG = System.getLogger(MessageSignatureCheck.class.getPackageName());
    /** What a replay key's digest starts with: a key of this library, of this version of the rules. */
    private static final byte[] REPLAY_KEY_DOMAIN = "approov-jaxrs single-use signature v1\n"
            .getBytes(StandardCharsets.US_ASCII);

    /**
     * A label this check verifies: its name in the fields, the one {@code alg} allowed under it, the length of
     * its signature, and the reasons its failures are reported with.
     */
    enum Label {
        /** Rules M2–M11: the app installation's ECDSA P-256 signature, key from {@code ipk}. */
        INSTALL("install", "ecdsa-p256-sha256", 64),
        /** Rules A1–A5: the HMAC-SHA256 signature with the account message-signing key. */
        ACCOUNT("account", "hmac-sha256", AccountKeys.MAC_BYTES);

        final String label;
        final String algorithm;
        final int signatureBytes;

        Label(String label, String algorithm, int signatureBytes) {
            this.label = label;
            this.algorithm = algorithm;
            this.signatureBytes = signatureBytes;
        }

        /** {@code failure}, found by the shared rules, as this label reports it: account failures have their own. */
        ApproovFailure report(ApproovFailure failure) {
            if (this == INSTALL) {
                return failure;
            }
            return switch (failure) {
                case MISSING_MESSAGE_SIGNATURE -> ApproovFailure.MISSING_ACCOUNT_SIGNATURE;
                case MALFORMED_MESSAGE_SIGNATURE -> ApproovFailure.MALFORMED_ACCOUNT_SIGNATURE;
                case MESSAGE_SIGNATURE_ALGORITHM_NOT_ALLOWED -> ApproovFailure.ACCOUNT_SIGNATURE_ALGORITHM_NOT_ALLOWED;
                case MESSAGE_SIGNATURE_EXPIRED -> ApproovFailure.ACCOUNT_SIGNATURE_EXPIRED;
                case MESSAGE_SIGNATURE_NOT_YET_VALID -> ApproovFailure.ACCOUNT_SIGNATURE_NOT_YET_VALID;
                case REQUIRED_COMPONENT_NOT_COVERED -> ApproovFailure.ACCOUNT_REQUIRED_COMPONENT_NOT_COVERED;
                case UNSUPPORTED_MESSAGE_COMPONENT -> ApproovFailure.UNSUPPORTED_ACCOUNT_MESSAGE_COMPONENT;
                case MISSING_MESSAGE_COMPONENT -> ApproovFailure.MISSING_ACCOUNT_MESSAGE_COMPONENT;
                case BAD_MESSAGE_SIGNATURE -> ApproovFailure.BAD_ACCOUNT_SIGNATURE;
                default -> failure;
            };
        }
    }

    /** Whether a signature verifies over a base; the key is the caller's. */
    @FunctionalInterface
    private interface Verifier {
        boolean verifies(String base, byte[] signature);
    }

    private final ApproovConfig config;
    private final String tokenComponent;
    private final String publicScheme;
    private final String publicAuthority;
    private final long toleranceMillis;
    private final long maxAgeMillis;
    private final EcdsaP256 engine;
    private final AccountKeys accountKeys;
    private final ThreadLocal<Crypto> crypto;
    private final ReplayStore replayStore;
    private final long serverClockSkewMillis;
    private final AtomicBoolean storeFailureReported = new AtomicBoolean();

    /**
     * With a given ECDSA engine (tests run every rule on each) and the store single-use endpoints remember
     * their requests in.
     */
    MessageSignatureCheck(ApproovConfig config, EcdsaP256 engine, ReplayStore replayStore) {
        this.config = config;
        this.engine = engine;
        this.replayStore = replayStore;
        this.serverClockSkewMillis = config.clockSkew().toMillis();
        this.accountKeys = new AccountKeys(config.accountKeys());
        this.crypto = ThreadLocal.withInitial(() -> new Crypto(engine, accountKeys));
        this.tokenComponent = config.tokenHeaderName().toLowerCase(Locale.ROOT);
        String origin = config.publicOrigin().orElse(null);
        int separator = origin == null ? -1 : origin.indexOf("://");
        this.publicScheme = origin == null ? null : origin.substring(0, separator);
        this.publicAuthority = origin == null ? null : origin.substring(separator + 3);
        this.toleranceMillis = config.signatureTolerance().toMillis();
        this.maxAgeMillis = config.signatureMaxAge().toMillis();
        crypto.get(); // fail at start-up, not on the first request, if ECDSA, HMAC or a digest is unavailable
    }

    /** Per-thread JCA objects: they are not thread-safe, and reusing them is cheap. */
    private static final class Crypto {
        final Signature ecdsa;
        final AccountKeys.Crypto hmac;
        final MessageDigest sha256;
        final MessageDigest sha512;

        Crypto(EcdsaP256 engine, AccountKeys accountKeys) {
            try {
                ecdsa = engine.newSignature();
                sha256 = MessageDigest.getInstance("SHA-256");
                sha512 = MessageDigest.getInstance("SHA-512");
            } catch (GeneralSecurityException unavailable) {
                throw new IllegalStateException("ECDSA P-256 or SHA-2 is not available in this JVM", unavailable);
            }
            hmac = accountKeys.newCrypto();
        }
    }

    /** The account keys' ids and sizes, for the start-up log. */
    List<String> describeAccountKeys() {
        return accountKeys.describe();
    }

    /**
     * Judges the request of an accepted token: accepted with claims marked signed (by each label verified),
     * accepted as token-only when the token needs no signature (rules M2, A1), or rejected with the first rule
     * that failed. With {@code singleUse}, a token-only request is refused (rule R1) and a signed one is
     * accepted only if the replay store has not seen it (rules R2–R4).
     */
    ApproovVerdict check(ApproovClaims claims, ApproovRequest request, long nowMillis, boolean singleUse) {
        InstallationKey key = claims.installationKey(engine);
        if (key.failure() != null) {
            return ApproovVerifier.rejected(key.failure());
        }
        boolean install = !key.absent();
        if (!install && config.requireInstallationKey()) {
            return ApproovVerifier.rejected(ApproovFailure.MISSING_INSTALLATION_KEY);
        }
        boolean account = !accountKeys.isEmpty()
                && (config.requireAccountSignature() || (!install && claims.claim("mskid").isPresent()));
        if (!install && !account) {
            // Rule R1: a token-only request carries no signature, so nothing in it can be proved new.
            return singleUse ? ApproovVerifier.rejected(ApproovFailure.MISSING_INSTALLATION_KEY)
                    : new ApproovVerdict.Accepted(claims);
        }
        Label first = install ? Label.INSTALL : Label.ACCOUNT;
        List<String> inputLines = request.headerLines("signature-input");
        List<String> signatureLines = request.headerLines("signature");
        if (inputLines.isEmpty() || signatureLines.isEmpty()) {
            return ApproovVerifier.rejected(first.report(ApproovFailure.MISSING_MESSAGE_SIGNATURE));
        }
        Map<String, Object> inputs;
        Map<String, Object> signatures;
        try {
            inputs = StructuredFields.parseDictionary(inputLines);
            signatures = StructuredFields.parseDictionary(signatureLines);
        } catch (StructuredFields.ParseException malformed) {
            return ApproovVerifier.rejected(first.report(ApproovFailure.MALFORMED_MESSAGE_SIGNATURE));
        }
        String scheme = SignatureBase.normalizeScheme(publicScheme != null ? publicScheme : request.scheme());
        String authority = publicAuthority != null ? publicAuthority
                : SignatureBase.normalizeAuthority(scheme, request.authority());
        Crypto local = crypto.get();
        Set<String> verified = new LinkedHashSet<>();
        boolean digestCovered = false;
        // Rule R3: a single-use request is remembered by its first signature (the installation's when there is
        // one, the strongest), so another account signature beside the same installation one changes nothing.
        Verified remembered = singleUse ? new Verified() : null;
        if (install) {
            ApproovFailure failure = checkMember(Label.INSTALL, inputs, signatures, request, scheme, authority,
                    nowMillis, (base, signature) -> verifies(local.ecdsa, key, base, signature), remembered);
            if (failure != null) {
                return ApproovVerifier.rejected(failure);
            }
            verified.add(Label.INSTALL.label);
            digestCovered = coversDigest(inputs.get(Label.INSTALL.label));
            if (remembered != null) {
                remembered.keyDigest = local.sha256.digest(key.key().getEncoded());
            }
        }
        if (account) {
            // Rule A2: the key first, from the token alone; an mskid never loads or fetches one.
            AccountKeys.Selection selection = accountKeys.select(claims.claim("mskid").orElse(null));
            Verified rememberedAccount = install ? null : remembered;
            ApproovFailure failure = selection.failure() != null ? selection.failure()
                    : checkMember(Label.ACCOUNT, inputs, signatures, request, scheme, authority, nowMillis,
                            (base, signature) -> local.hmac.verifies(selection, base, signature), rememberedAccount);
            if (failure != null) {
                return ApproovVerifier.rejected(failure);
            }
            verified.add(Label.ACCOUNT.label);
            digestCovered |= coversDigest(inputs.get(Label.ACCOUNT.label));
            if (rememberedAccount != null) {
                rememberedAccount.keyDigest = accountKeys.digest(selection);
            }
        }
        ApproovFailure failure = checkContentDigest(request, digestCovered, local);
        if (failure == null && remembered != null) {
            failure = firstUse(remembered, install ? Label.INSTALL : Label.ACCOUNT, nowMillis, local.sha256);
        }
        return failure == null ? new ApproovVerdict.Accepted(claims.signed(verified)) : ApproovVerifier.rejected(failure);
    }

    /** What a single-use request is remembered by: its first signature's key digest and base, and its deadline. */
    private static final class Verified {
        byte[] keyDigest;
        String base;
        /** After this (epoch milliseconds) the signature is no longer accepted; {@code Long.MAX_VALUE}: never. */
        long acceptedUntilMillis;
    }

    /**
     * Rules R2–R4: null when the replay store records the request now; else why not. The store's key is
     * SHA-256 of a domain label, the digest of the key that verified the signature and the whole signature
     * base, never the signature's bytes (an ECDSA signature has more than one valid value, and the library
     * accepts two spellings of it), and is remembered until the signature could no longer be accepted, plus
     * the servers' clock skew ({@code APPROOV_CLOCK_SKEW_SECONDS}), since servers sharing a store judge time by
     * their own clocks.
     */
    private ApproovFailure firstUse(Verified remembered, Label label, long nowMillis, MessageDigest sha256) {
        if (remembered.acceptedUntilMillis == Long.MAX_VALUE) {
            // Rule R2: no expires and no maximum age; a store cannot remember a signature that never expires.
            return label.report(ApproovFailure.MALFORMED_MESSAGE_SIGNATURE);
        }
        sha256.update(REPLAY_KEY_DOMAIN);
        sha256.update(remembered.keyDigest);
        byte[] key = sha256.digest(remembered.base.getBytes(StandardCharsets.US_ASCII));
        long ttl = Math.max(1, remembered.acceptedUntilMillis - nowMillis + serverClockSkewMillis);
        ReplayStore.Outcome outcome;
        try {
            outcome = replayStore.firstUse(key, Duration.ofMillis(ttl));
        } catch (RuntimeException broken) {
            if (storeFailureReported.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, () -> "Approov replay store " + replayStore.getClass().getName()
                        + " threw " + broken.getClass().getName() + "; single-use requests refused while it does"
                        + " (reported once)");
            }
            outcome = ReplayStore.Outcome.UNAVAILABLE;
        }
        if (outcome == ReplayStore.Outcome.FIRST_USE) {
            return null;
        }
        return outcome == ReplayStore.Outcome.REPLAYED ? ApproovFailure.REPLAYED_MESSAGE_SIGNATURE
                : ApproovFailure.REPLAY_STORE_UNAVAILABLE;
    }

    /**
     * Rules M4–M11 (and A3–A5) for one label's members of the parsed fields: null when its signature verifies
     * with {@code verifier}, else the failure as the label reports it.
     */
    private ApproovFailure checkMember(Label label, Map<String, Object> inputs, Map<String, Object> signatures,
            ApproovRequest request, String scheme, String authority, long nowMillis, Verifier verifier,
            Verified remember) {
        Object input = inputs.get(label.label);
        Object signature = signatures.get(label.label);
        if (input == null || signature == null) {
            return label.report(ApproovFailure.MISSING_MESSAGE_SIGNATURE);
        }
        if (!(input instanceof StructuredFields.InnerList components)) {
            return label.report(ApproovFailure.MALFORMED_MESSAGE_SIGNATURE);
        }
        byte[] signatureBytes = signatureBytes(signature, label.signatureBytes);
        ApproovFailure failure = signatureBytes == null ? ApproovFailure.MALFORMED_MESSAGE_SIGNATURE
                : checkComponents(components);
        if (failure == null) {
            failure = checkParameters(components.parameters(), label.algorithm, nowMillis);
        }
        if (failure != null) {
            return label.report(failure);
        }
        SignatureBase.Outcome base = SignatureBase.build(components, request, scheme, authority);
        if (base.failure() != null) {
            return label.report(base.failure());
        }
        if (!verifier.verifies(base.text(), signatureBytes)) {
            return label.report(ApproovFailure.BAD_MESSAGE_SIGNATURE);
        }
        if (remember != null) {
            remember.base = base.text();
            remember.acceptedUntilMillis = acceptedUntil(components.parameters());
        }
        return null;
    }

    /**
     * When a signature whose parameters passed rule M6 stops being accepted (epoch milliseconds): at
     * {@code expires} plus the tolerance, or {@code created} plus the maximum age plus the tolerance, whichever
     * comes first; {@code Long.MAX_VALUE} when neither bounds it.
     */
    private long acceptedUntil(Map<String, Object> parameters) {
        long until = Long.MAX_VALUE;
        if (parameters.get("expires") instanceof Long expires) {
            until = expires * 1000 + toleranceMillis;
        }
        if (maxAgeMillis > 0 && parameters.get("created") instanceof Long created) {
            until = Math.min(until, created * 1000 + maxAgeMillis + toleranceMillis);
        }
        return until;
    }

    /** Whether a verified member's inner list covers {@code content-digest}. */
    private static boolean coversDigest(Object input) {
        return input instanceof StructuredFields.InnerList components && covers(components, "content-digest");
    }

    /**
     * Rules M10 and A4: {@code length} bytes (64 for ECDSA P-256, 32 for HMAC-SHA256), as a Byte Sequence or as
     * an sf-String of canonical base64 (Android's form).
     */
    private static byte[] signatureBytes(Object member, int length) {
        if (!(member instanceof StructuredFields.Item item)) {
            return null;
        }
        byte[] bytes = null;
        if (item.value() instanceof StructuredFields.ByteSequence sequence) {
            bytes = sequence.bytes();
        } else if (item.value() instanceof String text) {
            bytes = StructuredFields.decodeCanonicalBase64(text);
        }
        return bytes != null && bytes.length == length ? bytes : null;
    }

    /** Rules M5 (strings, no duplicate identifier) and M7 (what must be covered). */
    private ApproovFailure checkComponents(StructuredFields.InnerList components) {
        Set<Object> identifiers = new HashSet<>();
        for (StructuredFields.Item component : components.items()) {
            if (!(component.value() instanceof String)) {
                return ApproovFailure.MALFORMED_MESSAGE_SIGNATURE;
            }
            // Equal names with equal parameters in any order are one identifier (RFC 9421 §2).
            if (!identifiers.add(List.of(component.value(), Map.copyOf(component.parameters())))) {
                return ApproovFailure.MALFORMED_MESSAGE_SIGNATURE;
            }
        }
        List<String> required = new ArrayList<>(List.of("@method", tokenComponent));
        required.addAll(config.requiredSignedComponents());
        for (String component : required) {
            if (!covers(components, component)) {
                return ApproovFailure.REQUIRED_COMPONENT_NOT_COVERED;
            }
        }
        return TARGET_COMPONENTS.stream().anyMatch(target -> covers(components, target)) ? null
                : ApproovFailure.REQUIRED_COMPONENT_NOT_COVERED;
    }

    /** Whether {@code name} is covered without parameters (a parameter changes what is covered). */
    private static boolean covers(StructuredFields.InnerList components, String name) {
        return components.items().stream()
                .anyMatch(item -> item.value().equals(name) && item.parameters().isEmpty());
    }

    /** Rules M5 ({@code alg}, the label's one {@code algorithm}; {@code created}, {@code expires}) and M6 (time). */
    private ApproovFailure checkParameters(Map<String, Object> parameters, String algorithm, long nowMillis) {
        if (!algorithm.equals(parameters.get("alg"))) {
            return ApproovFailure.MESSAGE_SIGNATURE_ALGORITHM_NOT_ALLOWED;
        }
        if (!(parameters.get("created") instanceof Long created)) {
            return ApproovFailure.MALFORMED_MESSAGE_SIGNATURE;
        }
        Object expires = parameters.get("expires");
        if (expires == null ? config.requireSignatureExpiry() : !(expires instanceof Long)) {
            return ApproovFailure.MALFORMED_MESSAGE_SIGNATURE;
        }
        // SF Integers have at most 15 digits, so seconds times 1000 cannot overflow.
        long createdMillis = created * 1000;
        if (createdMillis > nowMillis + toleranceMillis) {
            return ApproovFailure.MESSAGE_SIGNATURE_NOT_YET_VALID;
        }
        if (expires instanceof Long expiry) {
            if (expiry < created) {
                return ApproovFailure.MALFORMED_MESSAGE_SIGNATURE;
            }
            if (nowMillis > expiry * 1000 + toleranceMillis) {
                return ApproovFailure.MESSAGE_SIGNATURE_EXPIRED;
            }
        }
        if (maxAgeMillis > 0 && nowMillis - createdMillis > maxAgeMillis + toleranceMillis) {
            return ApproovFailure.MESSAGE_SIGNATURE_EXPIRED;
        }
        return null;
    }

    /** Rule M11: r and s in [1, n-1], then ECDSA P-256 with SHA-256 over the base. */
    private static boolean verifies(Signature ecdsa, InstallationKey key, String base, byte[] signature) {
        if (!KeySet.inSignatureRange(signature, 0) || !KeySet.inSignatureRange(signature, 32)) {
            return false;
        }
        try {
            ecdsa.initVerify(key.engineKey());
            ecdsa.update(base.getBytes(StandardCharsets.US_ASCII));
            return ecdsa.verify(signature);
        } catch (GeneralSecurityException | RuntimeException invalid) {
            return false;
        }
    }

    /**
     * Rule M12: when {@code Content-Digest} is present (covered implies present, or the base failed), each
     * sha-256/sha-512 member must match the body, read once and bounded; with
     * {@code requireContentDigest}, a non-empty body needs a covered digest. When the adapter cannot see the
     * body ({@link ApproovRequest#bodyUnavailable()}) the digest is checked for its form only, the comparison
     * is the origin's, and {@code requireContentDigest} asks for a covered digest whatever the body.
     */
    private ApproovFailure checkContentDigest(ApproovRequest request, boolean covered, Crypto local) {
        List<String> digestLines = request.headerLines("content-digest");
        if (digestLines.isEmpty() && !config.requireContentDigest()) {
            return null; // nothing to check, so the body is never read
        }
        byte[] body = null; // null: the body is not available here
        if (!request.bodyUnavailable()) {
            try {
                body = request.body(config.maxBodyBytes());
            } catch (IOException | RuntimeException unreadable) {
                LOG.log(System.Logger.Level.DEBUG, () -> "Approov: request body unreadable ("
                        + unreadable.getClass().getName() + ")");
                return ApproovFailure.MESSAGE_BODY_UNREADABLE;
            }
            if (body.length > config.maxBodyBytes()) {
                return ApproovFailure.MESSAGE_BODY_TOO_LARGE;
            }
        }
        if (config.requireContentDigest() && (body == null || body.length > 0) && !covered) {
            return ApproovFailure.MISSING_CONTENT_DIGEST;
        }
        if (digestLines.isEmpty()) {
            return null;
        }
        Map<String, Object> digests;
        try {
            digests = StructuredFields.parseDictionary(digestLines);
        } catch (StructuredFields.ParseException malformed) {
            return ApproovFailure.MALFORMED_CONTENT_DIGEST;
        }
        boolean trusted = false;
        for (Map.Entry<String, Object> member : digests.entrySet()) {
            if (!(member.getValue() instanceof StructuredFields.Item item
                    && item.value() instanceof StructuredFields.ByteSequence received)) {
                return ApproovFailure.MALFORMED_CONTENT_DIGEST;
            }
            MessageDigest digest = switch (member.getKey()) {
                case "sha-256" -> local.sha256;
                case "sha-512" -> local.sha512;
                default -> null; // other algorithms (md5, sha, ...) are not trusted, so not compared
            };
            if (digest != null) {
                if (body != null && !MessageDigest.isEqual(digest.digest(body), received.bytes())) {
                    return ApproovFailure.CONTENT_DIGEST_MISMATCH;
                }
                trusted = true;
            }
        }
        return trusted ? null : ApproovFailure.MALFORMED_CONTENT_DIGEST;
    }
}
