package io.github.approovjaxrs.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rules M2–M12: the request's Approov installation message signature (RFC 9421, label {@code install},
 * {@code ecdsa-p256-sha256}), verified with the key in the token's {@code ipk}, and its
 * {@code Content-Digest}. Called by {@link ApproovVerifier} once the token passed; thread-safe.
 *
 * <p>The order is the cheapest first and the body last: the fields are parsed and judged, the signature
 * base is rebuilt and the signature verified, and only a verified request has its body read and digested.
 */
final class MessageSignatureCheck {

    static final String LABEL = "install";
    static final String ALGORITHM = "ecdsa-p256-sha256";
    static final int SIGNATURE_BYTES = 64;
    /** Where the target may come from (rule M7): one of these must be covered. */
    private static final List<String> TARGET_COMPONENTS = List.of("@target-uri", "@path", "@request-target");
    private static final System.Logger LOG = System.getLogger(MessageSignatureCheck.class.getPackageName());

    private final ApproovConfig config;
    private final String tokenComponent;
    private final String publicScheme;
    private final String publicAuthority;
    private final long toleranceMillis;
    private final long maxAgeMillis;
    private final EcdsaP256 engine;
    private final ThreadLocal<Crypto> crypto;

    MessageSignatureCheck(ApproovConfig config) {
        this(config, EcdsaP256.DEFAULT);
    }

    /** With a given ECDSA engine: tests run every rule on each. */
    MessageSignatureCheck(ApproovConfig config, EcdsaP256 engine) {
        this.config = config;
        this.engine = engine;
        this.crypto = ThreadLocal.withInitial(() -> new Crypto(engine));
        this.tokenComponent = config.tokenHeaderName().toLowerCase(Locale.ROOT);
        String origin = config.publicOrigin().orElse(null);
        int separator = origin == null ? -1 : origin.indexOf("://");
        this.publicScheme = origin == null ? null : origin.substring(0, separator);
        this.publicAuthority = origin == null ? null : origin.substring(separator + 3);
        this.toleranceMillis = config.signatureTolerance().toMillis();
        this.maxAgeMillis = config.signatureMaxAge().toMillis();
        crypto.get(); // fail at start-up, not on the first request, if ECDSA or a digest is unavailable
    }

    /** Per-thread JCA objects: they are not thread-safe, and reusing them is cheap. */
    private static final class Crypto {
        final Signature ecdsa;
        final MessageDigest sha256;
        final MessageDigest sha512;

        Crypto(EcdsaP256 engine) {
            try {
                ecdsa = engine.newSignature();
                sha256 = MessageDigest.getInstance("SHA-256");
                sha512 = MessageDigest.getInstance("SHA-512");
            } catch (GeneralSecurityException unavailable) {
                throw new IllegalStateException("ECDSA P-256 or SHA-2 is not available in this JVM", unavailable);
            }
        }
    }

    /**
     * Judges the request of an accepted token: accepted with claims marked signed, accepted as token-only
     * when the token has no {@code ipk} and that is allowed (rule M2), or rejected with the first rule that
     * failed.
     */
    ApproovVerdict check(ApproovClaims claims, ApproovRequest request, long nowMillis) {
        InstallationKey key = claims.installationKey(engine);
        if (key.absent()) {
            return config.requireInstallationKey() ? ApproovVerifier.rejected(ApproovFailure.MISSING_INSTALLATION_KEY)
                    : new ApproovVerdict.Accepted(claims);
        }
        ApproovFailure failure = key.failure() != null ? key.failure() : checkSignature(key, request, nowMillis);
        return failure == null ? new ApproovVerdict.Accepted(claims.signed()) : ApproovVerifier.rejected(failure);
    }

    private ApproovFailure checkSignature(InstallationKey key, ApproovRequest request, long nowMillis) {
        List<String> inputLines = request.headerLines("signature-input");
        List<String> signatureLines = request.headerLines("signature");
        if (inputLines.isEmpty() || signatureLines.isEmpty()) {
            return ApproovFailure.MISSING_MESSAGE_SIGNATURE;
        }
        Object input;
        Object signature;
        try {
            input = StructuredFields.parseDictionary(inputLines).get(LABEL);
            signature = StructuredFields.parseDictionary(signatureLines).get(LABEL);
        } catch (StructuredFields.ParseException malformed) {
            return ApproovFailure.MALFORMED_MESSAGE_SIGNATURE;
        }
        if (input == null || signature == null) {
            return ApproovFailure.MISSING_MESSAGE_SIGNATURE;
        }
        if (!(input instanceof StructuredFields.InnerList components)) {
            return ApproovFailure.MALFORMED_MESSAGE_SIGNATURE;
        }
        byte[] signatureBytes = signatureBytes(signature);
        ApproovFailure failure = signatureBytes == null ? ApproovFailure.MALFORMED_MESSAGE_SIGNATURE
                : checkComponents(components);
        if (failure == null) {
            failure = checkParameters(components.parameters(), nowMillis);
        }
        if (failure != null) {
            return failure;
        }

        String scheme = SignatureBase.normalizeScheme(publicScheme != null ? publicScheme : request.scheme());
        String authority = publicAuthority != null ? publicAuthority
                : SignatureBase.normalizeAuthority(scheme, request.authority());
        SignatureBase.Outcome base = SignatureBase.build(components, request, scheme, authority);
        if (base.failure() != null) {
            return base.failure();
        }
        Crypto local = crypto.get();
        if (!verifies(local.ecdsa, key, base.text(), signatureBytes)) {
            return ApproovFailure.BAD_MESSAGE_SIGNATURE;
        }
        return checkContentDigest(request, covers(components, "content-digest"), local);
    }

    /** Rule M10: 64 bytes, as a Byte Sequence or as an sf-String of canonical base64 (Android's form). */
    private static byte[] signatureBytes(Object member) {
        if (!(member instanceof StructuredFields.Item item)) {
            return null;
        }
        byte[] bytes = null;
        if (item.value() instanceof StructuredFields.ByteSequence sequence) {
            bytes = sequence.bytes();
        } else if (item.value() instanceof String text) {
            bytes = StructuredFields.decodeCanonicalBase64(text);
        }
        return bytes != null && bytes.length == SIGNATURE_BYTES ? bytes : null;
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

    /** Rules M5 ({@code alg}, {@code created}, {@code expires}) and M6 (time). */
    private ApproovFailure checkParameters(Map<String, Object> parameters, long nowMillis) {
        if (!ALGORITHM.equals(parameters.get("alg"))) {
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
