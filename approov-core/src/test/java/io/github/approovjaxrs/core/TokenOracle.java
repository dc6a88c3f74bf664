package io.github.approovjaxrs.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A second opinion on an acceptance, computed without any of the library's code: the JDK's {@link Mac} and
 * {@link Base64}, and jose4j's JSON reader. The fuzz and property tests ask it about every token the
 * verifier accepted; an answer other than null is a forged or malformed token that got through.
 *
 * <p>Deliberately not a second verifier: it checks only what no accepted token may lack (a correct
 * HMAC-SHA256 with the configured secret over the received text, canonical segments, {@code alg} exactly
 * {@code HS256}, no processing header, a numeric {@code exp} still in the future, and the binding), so it
 * cannot drift into approving what the verifier approves.
 */
final class TokenOracle {

    private static final List<String> PROCESSING_PARAMETERS = List.of("crit", "b64", "zip", "cty", "enc");

    private TokenOracle() {
    }

    /**
     * Why accepting {@code token} would be wrong, or null if nothing forbids it.
     *
     * @param binding the binding header value the acceptance covered, or null for a token-only check
     * @param nowMillis the verifier's clock
     */
    static String whyAcceptanceIsWrong(String token, String binding, byte[] secret, long nowMillis) {
        String[] segments = token.split("\\.", -1);
        if (segments.length != 3) {
            return "accepted a token of " + segments.length + " segments";
        }
        String signingInput = segments[0] + "." + segments[1];
        String expectedSignature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmacSha256(secret, signingInput.getBytes(StandardCharsets.ISO_8859_1)));
        if (!expectedSignature.equals(segments[2])) {
            return "accepted a token whose signature segment is not base64url(HMAC-SHA256(secret, header.payload))";
        }
        for (int i = 0; i < 2; i++) {
            byte[] decoded;
            try {
                decoded = Base64.getUrlDecoder().decode(segments[i]);
            } catch (IllegalArgumentException notBase64) {
                return "accepted a token whose segment " + i + " is not base64url";
            }
            if (!Base64.getUrlEncoder().withoutPadding().encodeToString(decoded).equals(segments[i])) {
                return "accepted a token whose segment " + i + " is not canonical base64url";
            }
        }
        Map<String, Object> header;
        Map<String, Object> claims;
        try {
            header = JsonUtil.parseJson(utf8(segments[0]));
            claims = JsonUtil.parseJson(utf8(segments[1]));
        } catch (JoseException | RuntimeException unreadable) {
            return "accepted a token whose header or payload jose4j cannot read (" + unreadable + ")";
        }
        if (!"HS256".equals(header.get("alg"))) {
            return "accepted alg " + header.get("alg");
        }
        for (String parameter : PROCESSING_PARAMETERS) {
            if (header.containsKey(parameter)) {
                return "accepted a token with header parameter " + parameter;
            }
        }
        if (!(claims.get("exp") instanceof Number exp)) {
            return "accepted exp " + claims.get("exp");
        }
        if (!(exp.doubleValue() > 0 && exp.doubleValue() <= 9007199254740992d)) {
            return "accepted exp out of range: " + exp;
        }
        if (exp.doubleValue() * 1000 <= nowMillis) {
            return "accepted an expired token: exp " + exp + ", now " + nowMillis + " ms";
        }
        if (binding != null) {
            String expectedPay = Base64.getEncoder().encodeToString(sha256(binding.getBytes(StandardCharsets.UTF_8)));
            if (!expectedPay.equals(claims.get("pay"))) {
                return "accepted a binding whose pay is not base64(SHA-256(binding value))";
            }
        }
        return null;
    }

    private static String utf8(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }

    static byte[] hmacSha256(byte[] secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
