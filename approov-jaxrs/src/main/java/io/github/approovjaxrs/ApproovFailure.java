package io.github.approovjaxrs;

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

    /** No binding header line, or an empty one (rule B2). */
    MISSING_BINDING_HEADER("missing_binding_header", Stage.BINDING),
    /** More than one binding header line (rule B2). */
    DUPLICATE_BINDING_HEADER("duplicate_binding_header", Stage.BINDING),
    /** The token has no {@code pay} claim, or it is not a non-empty string (rule B3). */
    MISSING_PAY_CLAIM("missing_pay_claim", Stage.BINDING),
    /** {@code pay} is not base64(SHA-256(binding header value)) (rule B4). */
    BINDING_MISMATCH("binding_mismatch", Stage.BINDING);

    /** Which configured abort switch governs a failure. */
    enum Stage {
        TOKEN,
        BINDING
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

    /**
     * Whether this failure is about the token binding (rules B2–B4) rather than the token itself; binding
     * failures obey {@code APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN_BINDING}, the others
     * {@code APPROOV_ABORT_REQUEST_ON_INVALID_TOKEN}.
     */
    public boolean isBindingFailure() {
        return stage == Stage.BINDING;
    }
}
