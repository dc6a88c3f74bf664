package io.github.approovjaxrs.core;

/**
 * Why a request failed the Approov check: exactly one value per rejected request.
 *
 * <p>The reason goes to the log and to {@link ApproovListener}s, never to the client: the 401 body says
 * nothing. {@link #code()} is stable across releases, for log searches, metrics and alerts.
 */
public enum ApproovFailure {

    /** No token header line, or an empty one (rule T1). */
    MISSING_TOKEN("missing_token", Stage.TOKEN),
    /** More than one token header line (rule T1). */
    DUPLICATE_TOKEN_HEADER("duplicate_token_header", Stage.TOKEN),
    /** Not a compact JWS of canonical base64url, not UTF-8 JSON objects, duplicate names, or too long (T2, T6). */
    MALFORMED_TOKEN("malformed_token", Stage.TOKEN),
    /** The header's {@code alg} is not an algorithm of a configured key (rule T3). */
    ALGORITHM_NOT_ALLOWED("algorithm_not_allowed", Stage.TOKEN),
    /** The header carries {@code crit}, {@code b64}, {@code zip}, {@code cty} or {@code enc} (rule T4). */
    UNSUPPORTED_HEADER_PARAMETER("unsupported_header_parameter", Stage.TOKEN),
    /** The signature does not verify with any configured key for the token's algorithm (rule T5). */
    BAD_SIGNATURE("bad_signature", Stage.TOKEN),
    /** A claim has the wrong type or an impossible value: {@code exp}, {@code nbf}, {@code iat}, {@code aud} (T7, T8). */
    MALFORMED_CLAIMS("malformed_claims", Stage.TOKEN),
    /** The token has no {@code exp} claim (rule T7). */
    MISSING_EXPIRATION("missing_expiration", Stage.TOKEN),
    /** The token's {@code exp} has passed, allowing for the configured clock skew (rule T7). */
    EXPIRED("expired", Stage.TOKEN),
    /** The token's {@code nbf} lies in the future, allowing for the configured clock skew (rule T8). */
    NOT_YET_VALID("not_yet_valid", Stage.TOKEN),
    /** An expected audience is configured and the token's {@code aud} is missing or does not contain it (T10). */
    AUDIENCE_MISMATCH("audience_mismatch", Stage.TOKEN),
    /** The check itself failed unexpectedly; the request is rejected rather than let through. */
    VERIFICATION_ERROR("verification_error", Stage.TOKEN),

    /** A bound header has no line, or an empty one (rule B2); with several bound headers, the first such one. */
    MISSING_BINDING_HEADER("missing_binding_header", Stage.BINDING),
    /** A bound header has more than one line (rule B2). */
    DUPLICATE_BINDING_HEADER("duplicate_binding_header", Stage.BINDING),
    /** The token has no {@code pay} claim, or it is not a non-empty string (rule B3). */
    MISSING_PAY_CLAIM("missing_pay_claim", Stage.BINDING),
    /**
     * {@code pay} is not base64(SHA-256) of the bound header's value, or of the bound headers' values
     * concatenated in order (rule B4).
     */
    BINDING_MISMATCH("binding_mismatch", Stage.BINDING),

    /** The token has no {@code ipk} and {@code APPROOV_MESSAGE_SIGNING_REQUIRE_IPK} is true (rule M2). */
    MISSING_INSTALLATION_KEY("missing_installation_key", Stage.MESSAGE_SIGNATURE),
    /** The token's {@code ipk} is not a string holding a canonical base64 P-256 public key (rules M2, M3). */
    MALFORMED_INSTALLATION_KEY("malformed_installation_key", Stage.MESSAGE_SIGNATURE),
    /** No {@code Signature} or {@code Signature-Input} header, or no {@code install} member in one (rule M4). */
    MISSING_MESSAGE_SIGNATURE("missing_message_signature", Stage.MESSAGE_SIGNATURE),
    /**
     * {@code Signature} or {@code Signature-Input} is not a valid dictionary, or the {@code install} members
     * are not shaped as rules M5 and M10 say (strings, no duplicate, integer times, 64 signature bytes).
     */
    MALFORMED_MESSAGE_SIGNATURE("malformed_message_signature", Stage.MESSAGE_SIGNATURE),
    /** The {@code alg} parameter is absent or not {@code "ecdsa-p256-sha256"} (rule M5). */
    MESSAGE_SIGNATURE_ALGORITHM_NOT_ALLOWED("message_signature_algorithm_not_allowed", Stage.MESSAGE_SIGNATURE),
    /** The signature's {@code expires} has passed, or it was {@code created} longer ago than allowed (rule M6). */
    MESSAGE_SIGNATURE_EXPIRED("message_signature_expired", Stage.MESSAGE_SIGNATURE),
    /** The signature's {@code created} lies in the future, beyond the tolerance (rule M6). */
    MESSAGE_SIGNATURE_NOT_YET_VALID("message_signature_not_yet_valid", Stage.MESSAGE_SIGNATURE),
    /** The signature does not cover {@code @method}, the token header, the target, or a configured component (M7). */
    REQUIRED_COMPONENT_NOT_COVERED("required_component_not_covered", Stage.MESSAGE_SIGNATURE),
    /** A covered component is not one this check derives, or its value is not printable ASCII (rule M8). */
    UNSUPPORTED_MESSAGE_COMPONENT("unsupported_message_component", Stage.MESSAGE_SIGNATURE),
    /** A covered header or query parameter is not in the request (rule M8). */
    MISSING_MESSAGE_COMPONENT("missing_message_component", Stage.MESSAGE_SIGNATURE),
    /** The signature does not verify with the {@code ipk} key over the rebuilt signature base (rule M11). */
    BAD_MESSAGE_SIGNATURE("bad_message_signature", Stage.MESSAGE_SIGNATURE),
    /** {@code Content-Digest} is not a dictionary of byte sequences with a sha-256 or sha-512 member (M12). */
    MALFORMED_CONTENT_DIGEST("malformed_content_digest", Stage.MESSAGE_SIGNATURE),
    /** A {@code Content-Digest} member does not match the digest of the received body (rule M12). */
    CONTENT_DIGEST_MISMATCH("content_digest_mismatch", Stage.MESSAGE_SIGNATURE),
    /**
     * {@code APPROOV_MESSAGE_SIGNING_REQUIRE_CONTENT_DIGEST} is true and a non-empty body comes without a
     * {@code Content-Digest} the signature covers (rule M12).
     */
    MISSING_CONTENT_DIGEST("missing_content_digest", Stage.MESSAGE_SIGNATURE),
    /**
     * The body to digest is larger than {@code APPROOV_MESSAGE_SIGNING_MAX_BODY_BYTES} (rule M12); the
     * default responder answers 413 rather than 401, since the client's signature may be fine.
     */
    MESSAGE_BODY_TOO_LARGE("message_body_too_large", Stage.MESSAGE_SIGNATURE),
    /** The body to digest could not be read, e.g. the client went away (rule M12). */
    MESSAGE_BODY_UNREADABLE("message_body_unreadable", Stage.MESSAGE_SIGNATURE),

    /*
     * Account signatures (label "account", hmac-sha256 with the account message-signing key; rules A1-A6): each
     * failure of the account signature has its own reason, so a log tells it from the installation signature's.
     */

    /**
     * An account signature is required (rule A1) and there is no {@code Signature} or {@code Signature-Input}
     * header, or no {@code account} member in one.
     */
    MISSING_ACCOUNT_SIGNATURE("missing_account_signature", Stage.MESSAGE_SIGNATURE),
    /**
     * The {@code account} members are not shaped as rules M5 and A4 say (strings, no duplicate, integer times,
     * 32 signature bytes), or the fields are no dictionaries when only the account signature is required.
     */
    MALFORMED_ACCOUNT_SIGNATURE("malformed_account_signature", Stage.MESSAGE_SIGNATURE),
    /** The account signature's {@code alg} is absent or not {@code "hmac-sha256"} (rule A3). */
    ACCOUNT_SIGNATURE_ALGORITHM_NOT_ALLOWED("account_signature_algorithm_not_allowed", Stage.MESSAGE_SIGNATURE),
    /** The account signature's {@code expires} has passed, or it was {@code created} too long ago (rules M6, A3). */
    ACCOUNT_SIGNATURE_EXPIRED("account_signature_expired", Stage.MESSAGE_SIGNATURE),
    /** The account signature's {@code created} lies in the future, beyond the tolerance (rules M6, A3). */
    ACCOUNT_SIGNATURE_NOT_YET_VALID("account_signature_not_yet_valid", Stage.MESSAGE_SIGNATURE),
    /** The account signature does not cover {@code @method}, the token header, the target, or a configured component. */
    ACCOUNT_REQUIRED_COMPONENT_NOT_COVERED("account_required_component_not_covered", Stage.MESSAGE_SIGNATURE),
    /** A component the account signature covers is not one this check derives, or not printable ASCII (M8, A3). */
    UNSUPPORTED_ACCOUNT_MESSAGE_COMPONENT("unsupported_account_message_component", Stage.MESSAGE_SIGNATURE),
    /** A header or query parameter the account signature covers is not in the request (rules M8, A3). */
    MISSING_ACCOUNT_MESSAGE_COMPONENT("missing_account_message_component", Stage.MESSAGE_SIGNATURE),
    /** The account signature is not the HMAC-SHA256 of the rebuilt signature base with the chosen key (rule A5). */
    BAD_ACCOUNT_SIGNATURE("bad_account_signature", Stage.MESSAGE_SIGNATURE),
    /**
     * The token has no {@code mskid} claim, and every configured account key has a key id, so none can be
     * chosen (rule A2).
     */
    MISSING_ACCOUNT_KEY_ID("missing_account_key_id", Stage.MESSAGE_SIGNATURE),
    /**
     * The token's {@code mskid} names no configured account key (nor is it a string), and there is no account
     * key without an id to fall back to (rule A2): an unknown key id is never loaded or fetched.
     */
    UNKNOWN_ACCOUNT_KEY_ID("unknown_account_key_id", Stage.MESSAGE_SIGNATURE),

    /*
     * Single-use signed requests (ApproovRequirements#withSingleUseMessageSignature, @ApproovSigned(singleUse =
     * true)): judged only once the signature verified, so a refusal for these never hides another failure.
     */

    /**
     * The endpoint accepts each signed request once, and this one's signature base was accepted before with the
     * same key, while its signature is still valid: a replay (or the SDK's quick re-send of the same request).
     */
    REPLAYED_MESSAGE_SIGNATURE("replayed_message_signature", Stage.MESSAGE_SIGNATURE),
    /**
     * The endpoint accepts each signed request once, and the store that remembers them could not say whether
     * this one is new: Redis unreachable, slower than its timeout or recovering, or the in-memory store full of
     * live entries. Refused (fail closed) with {@code 503} and {@code Retry-After}: the request may be fine.
     */
    REPLAY_STORE_UNAVAILABLE("replay_store_unavailable", Stage.MESSAGE_SIGNATURE);

    /**
     * The check a failure belongs to; each has its own monitor-mode switch
     * ({@code APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN}, {@code ..._TOKEN_BINDING}, {@code ..._MESSAGE_SIGNATURE}).
     */
    public enum Stage {
        /** The token itself (rules T1–T10). */
        TOKEN,
        /** The token's binding to request headers (rules B2–B4). */
        BINDING,
        /** The request's message signatures, installation and account (rules M2–M12, A1–A6). */
        MESSAGE_SIGNATURE
    }

    private final String code;
    private final Stage stage;

    ApproovFailure(String code, Stage stage) {
        this.code = code;
        this.stage = stage;
    }

    /** A stable, lower-case identifier such as {@code "expired"}, safe for logs and metric labels. */
    public String code() {
        return code;
    }

    /** The check this failure belongs to, which decides the monitor-mode switch that governs it. */
    public Stage stage() {
        return stage;
    }

    /** Whether {@code config} refuses a request for this failure (false: monitor mode for its stage). */
    boolean isEnforcedBy(ApproovConfig config) {
        return switch (stage) {
            case TOKEN -> config.abortOnInvalidToken();
            case BINDING -> config.abortOnInvalidBinding();
            case MESSAGE_SIGNATURE -> config.abortOnInvalidMessageSignature();
        };
    }
}
