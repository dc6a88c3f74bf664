package io.github.approovjaxrs.core;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A second opinion on an accepted message signature (rules M2–M12, and A1–A6 for account signatures), written
 * from RFC 9421, MESSAGE-SIGNING.md and the README's account rules without any of the library's code: no {@code StructuredFields}, no
 * {@code SignatureBase}, no {@code MessageSignatureCheck}. It is handed what the test signed — the covered
 * components and signature parameters exactly as written into {@code Signature-Input}, and the signature base
 * the test built from them and signed — and the request the verifier received, and answers whether
 * accepting that request could be right.
 *
 * <p>It rebuilds the signature base of the received request itself (JDK {@link URI}, {@link URLDecoder} and
 * {@link URLEncoder}, regular expressions) and requires it to be the base that was signed, so a received
 * request that differs from the signed one in anything covered cannot pass; it checks the signature with
 * the JDK's {@link Signature} under the key the token's {@code ipk} names; and it checks the token with
 * {@link TokenOracle}, the time window, the coverage rules and the body's digest. Only what a correct
 * acceptance cannot lack is checked, so it cannot drift into approving what the verifier approves: where
 * it does not understand the signed text, an acceptance is wrong (the verifier re-serializes what it
 * parsed, so it can only verify canonical text, which this oracle reads).
 */
final class MessageSignatureOracle {

    static final String ALGORITHM = "ecdsa-p256-sha256";
    static final String ACCOUNT_ALGORITHM = "hmac-sha256";
    private static final Set<String> DERIVED = Set.of("@method", "@target-uri", "@authority", "@scheme", "@path",
            "@query", "@request-target");
    private static final List<String> TARGETS = List.of("@target-uri", "@path", "@request-target");
    /** A covered component as the SDK serializes it: a name, and for {@code @query-param} its {@code name}. */
    private static final Pattern COMPONENT = Pattern.compile("\"([^\"\\\\]*)\"(?:;name=\"([^\"\\\\]*)\")?");
    /** One canonical parameter: {@code ;key} or {@code ;key=value}, the value a string, a display string or other text. */
    private static final Pattern PARAMETER = Pattern.compile(
            "\\G;([a-z*][a-z0-9_.*-]*)(?:=(\"(?:[^\"\\\\]|\\\\[\"\\\\])*\"|%\"[^\"]*\"|[^;\"]+))?");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,15}");
    /** An HTTP authority as a Host field carries it: a host name or IP literal, and an optional port. */
    private static final Pattern AUTHORITY = Pattern.compile("(\\[[0-9a-f:.]+\\]|[a-z0-9\\-._~%!$&'()*+,;=]*)(?::([0-9]*))?");
    private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9!#$%&'*+\\-.^_`|~]+");
    private static final Pattern INSTALL_SIGNATURE = Pattern.compile("install=(?::([A-Za-z0-9+/=]*):|\"([A-Za-z0-9+/=]*)\")");
    private static final Pattern ACCOUNT_SIGNATURE = Pattern.compile("account=(?::([A-Za-z0-9+/=]*):|\"([A-Za-z0-9+/=]*)\")");
    /** A Content-Digest member for SHA-256 or SHA-512: a key at the start of the field or after ',', space or tab. */
    private static final Pattern DIGEST = Pattern.compile("(?<![^ \\t,])sha-(256|512)=:([A-Za-z0-9+/=]*):");

    private MessageSignatureOracle() {
    }

    /**
     * The verifier's settings that decide an acceptance (MESSAGE-SIGNING.md), in seconds and bytes; the account
     * keys by key id ({@code ""} for the one without an id), and whether every request needs an account signature.
     */
    record Settings(String tokenHeader, String publicOrigin, long toleranceSeconds, long maxAgeSeconds,
            boolean requireExpires, boolean requireContentDigest, boolean requireIpk, int maxBodyBytes,
            List<String> requiredComponents, Map<String, byte[]> accountKeys, boolean requireAccount) {

        /** Without account keys. */
        Settings(String tokenHeader, String publicOrigin, long toleranceSeconds, long maxAgeSeconds,
                boolean requireExpires, boolean requireContentDigest, boolean requireIpk, int maxBodyBytes,
                List<String> requiredComponents) {
            this(tokenHeader, publicOrigin, toleranceSeconds, maxAgeSeconds, requireExpires, requireContentDigest,
                    requireIpk, maxBodyBytes, requiredComponents, Map.of(), false);
        }
    }

    /** A request as the verifier received it: header lines in order, as (name, value) pairs. */
    record Received(String method, URI target, List<Map.Entry<String, String>> headers, byte[] body) {
        List<String> lines(String name) {
            List<String> lines = new ArrayList<>();
            for (Map.Entry<String, String> header : headers) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    lines.add(header.getValue());
                }
            }
            return lines;
        }
    }

    /**
     * What was signed: the inside of the {@code install} inner list and its parameters, exactly as written
     * into {@code Signature-Input}, and the signature base that was signed.
     */
    record Signed(String components, String parameters, String base) {
    }

    /** {@link #whyAcceptanceIsWrong(ApproovVerdict, Received, Signed, Signed, Map, byte[], long, Settings)} without an account signature. */
    static String whyAcceptanceIsWrong(ApproovVerdict verdict, Received request, Signed signed,
            Map<String, PublicKey> keys, byte[] secret, long nowSeconds, Settings settings) {
        return whyAcceptanceIsWrong(verdict, request, signed, null, keys, secret, nowSeconds, settings);
    }

    /**
     * Why accepting {@code request} as {@code verdict} says would be wrong, or null if nothing forbids it.
     *
     * @param accountSigned what the account signature signed (its inner list, parameters and base); null when
     *     the test made none
     * @param keys the public key of each {@code ipk} value the test knows (canonical base64 of its DER)
     */
    static String whyAcceptanceIsWrong(ApproovVerdict verdict, Received request, Signed signed, Signed accountSigned,
            Map<String, PublicKey> keys, byte[] secret, long nowSeconds, Settings settings) {
        List<String> tokens = request.lines(settings.tokenHeader());
        if (tokens.size() != 1) {
            return "accepted a request with " + tokens.size() + " token header lines";
        }
        String token = tokens.get(0);
        String tokenProblem = TokenOracle.whyAcceptanceIsWrong(token, null, secret, nowSeconds * 1000);
        if (tokenProblem != null) {
            return tokenProblem;
        }
        Map<String, Object> claims;
        try {
            claims = JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    StandardCharsets.UTF_8));
        } catch (JoseException | RuntimeException unreadable) {
            return "accepted a token whose payload jose4j cannot read";
        }
        Set<String> verified = verdict.claims().orElseThrow().verifiedMessageSignatures();
        Object ipk = claims.get("ipk");
        if (ipk == null && settings.requireIpk()) {
            return "accepted a token without ipk although ipk is required";
        }
        // Rule A1: install when the token has ipk; account when it has none but an mskid, or always if required.
        boolean accountRequired = !settings.accountKeys().isEmpty()
                && (settings.requireAccount() || (ipk == null && claims.get("mskid") != null));
        Set<String> required = new HashSet<>();
        if (ipk != null) {
            required.add("install");
        }
        if (accountRequired) {
            required.add("account");
        }
        if (!verified.equals(required)) {
            return "accepted a request with the signatures " + verified + " verified where " + required + " are required";
        }
        if (required.isEmpty()) {
            return null; // token-only
        }
        boolean digestCovered = false;
        if (ipk != null) {
            String installProblem = whyInstallIsWrong(request, signed, ipk, keys, nowSeconds, settings);
            if (installProblem != null) {
                return installProblem;
            }
            digestCovered = coversDigest(components(signed.components()));
        }
        if (accountRequired) {
            if (accountSigned == null) {
                return "accepted an account signature the test never made";
            }
            String accountProblem = whyAccountIsWrong(request, accountSigned, claims.get("mskid"), nowSeconds, settings);
            if (accountProblem != null) {
                return accountProblem;
            }
            digestCovered |= coversDigest(components(accountSigned.components()));
        }
        return whyBodyIsWrong(request, digestCovered, settings);
    }

    /** Rules M2–M11 for the installation signature of a token with {@code ipk}. */
    private static String whyInstallIsWrong(Received request, Signed signed, Object ipk, Map<String, PublicKey> keys,
            long nowSeconds, Settings settings) {
        PublicKey key = ipk instanceof String text ? keys.get(text) : null;
        if (key == null) {
            return "accepted an ipk that is not the canonical encoding of a known P-256 key";
        }

        String parameterProblem = whyParametersAreWrong(signed.parameters(), ALGORITHM, nowSeconds, settings);
        if (parameterProblem != null) {
            return parameterProblem;
        }
        List<String[]> components = components(signed.components());
        if (components == null) {
            return "accepted covered components the oracle cannot read: " + signed.components();
        }
        String coverageProblem = whyCoverageIsWrong(components, settings);
        if (coverageProblem != null) {
            return coverageProblem;
        }
        String base = base(request, components, signed, settings, false);
        if (base == null) {
            return "accepted a request whose signature base cannot be derived (a component is missing, repeated or not printable ASCII)";
        }
        if (!base.equals(signed.base())) {
            return "accepted a request whose signature base differs from the one signed:\n" + base + "\n--- signed:\n"
                    + signed.base();
        }
        if (!carriesValidSignature(request, key, base)) {
            return "accepted a request whose Signature has no install member that verifies over the base";
        }
        return null;
    }

    /**
     * Rules A2–A5 for the account signature: the key the {@code mskid} chooses, the parameters with
     * {@code hmac-sha256}, the coverage, the base, and an {@code account} member of 32 bytes equal to the
     * HMAC-SHA256 of the base with that key (computed here with the JDK's {@link Mac}).
     */
    private static String whyAccountIsWrong(Received request, Signed signed, Object mskid, long nowSeconds,
            Settings settings) {
        byte[] key = mskid instanceof String id && !id.isEmpty() && settings.accountKeys().containsKey(id)
                ? settings.accountKeys().get(id) : settings.accountKeys().get("");
        if (key == null) {
            return "accepted an account signature although the mskid " + mskid + " names no configured key";
        }
        String parameterProblem = whyParametersAreWrong(signed.parameters(), ACCOUNT_ALGORITHM, nowSeconds, settings);
        if (parameterProblem != null) {
            return "account: " + parameterProblem;
        }
        List<String[]> components = components(signed.components());
        if (components == null) {
            return "accepted account components the oracle cannot read: " + signed.components();
        }
        String coverageProblem = whyCoverageIsWrong(components, settings);
        if (coverageProblem != null) {
            return "account: " + coverageProblem;
        }
        String base = base(request, components, signed, settings, false);
        if (base == null || !base.equals(signed.base())) {
            return "accepted a request whose account signature base differs from the one signed:\n" + base
                    + "\n--- signed:\n" + signed.base();
        }
        byte[] expected = hmacSha256(key, base);
        Matcher matcher = ACCOUNT_SIGNATURE.matcher(String.join(", ", request.lines("signature")));
        while (matcher.find()) {
            byte[] bytes = canonicalBase64(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            if (bytes != null && bytes.length == 32 && MessageDigest.isEqual(expected, bytes)) {
                return null;
            }
        }
        return "accepted a request whose Signature has no account member equal to the HMAC of the base";
    }

    private static boolean coversDigest(List<String[]> components) {
        return components != null && components.stream().anyMatch(c -> c[0].equals("content-digest") && c[1] == null);
    }

    /** Rules M5 and M6 on the signed parameters, {@code alg} being the label's one algorithm. */
    private static String whyParametersAreWrong(String parameters, String algorithm, long now, Settings settings) {
        Map<String, Object> values = parameters(parameters);
        if (values == null) {
            return "accepted signature parameters the oracle cannot read: " + parameters;
        }
        if (!algorithm.equals(values.get("alg"))) {
            return "accepted alg " + values.get("alg");
        }
        if (!(values.get("created") instanceof Long created)) {
            return "accepted created " + values.get("created");
        }
        Object expires = values.get("expires");
        if (expires == null && settings.requireExpires()) {
            return "accepted a signature without expires";
        }
        if (expires != null && !(expires instanceof Long)) {
            return "accepted expires " + expires;
        }
        long tolerance = settings.toleranceSeconds();
        if (created > now + tolerance) {
            return "accepted a signature created " + (created - now) + " s in the future";
        }
        if (expires instanceof Long expiry && (expiry < created || now > expiry + tolerance)) {
            return "accepted a signature expiring at " + expiry + " (created " + created + ", now " + now + ")";
        }
        if (settings.maxAgeSeconds() > 0 && now - created > settings.maxAgeSeconds() + tolerance) {
            return "accepted a signature " + (now - created) + " s old";
        }
        return null;
    }

    /** Rules M5 (no duplicates) and M7/M8 (what must be covered, and only what can be derived). */
    private static String whyCoverageIsWrong(List<String[]> components, Settings settings) {
        Set<List<String>> seen = new HashSet<>();
        Set<String> plain = new HashSet<>();
        for (String[] component : components) {
            String name = component[0];
            String queryName = component[1];
            if (!seen.add(java.util.Arrays.asList(name, queryName))) {
                return "accepted the component " + name + " covered twice";
            }
            boolean supported = queryName != null ? name.equals("@query-param")
                    : DERIVED.contains(name) || (!name.startsWith("@") && HEADER_NAME.matcher(name).matches());
            if (!supported) {
                return "accepted the unsupported component " + name + (queryName == null ? "" : ";name=" + queryName);
            }
            if (queryName == null) {
                plain.add(name);
            }
        }
        List<String> required = new ArrayList<>(List.of("@method", settings.tokenHeader().toLowerCase(Locale.ROOT)));
        required.addAll(settings.requiredComponents());
        for (String name : required) {
            if (!plain.contains(name)) {
                return "accepted a signature that does not cover " + name;
            }
        }
        return TARGETS.stream().anyMatch(plain::contains) ? null : "accepted a signature that covers no target";
    }

    /** The request's Signature must hold an {@code install} member whose 64 bytes verify over the base. */
    private static boolean carriesValidSignature(Received request, PublicKey key, String base) {
        Matcher matcher = INSTALL_SIGNATURE.matcher(String.join(", ", request.lines("signature")));
        while (matcher.find()) {
            String text = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            byte[] bytes = canonicalBase64(text);
            if (bytes != null && bytes.length == 64 && verifies(key, base, bytes)) {
                return true;
            }
        }
        return false;
    }

    /** Rule M12: a digest present (or required) must be of the received body, read within the limit. */
    private static String whyBodyIsWrong(Received request, boolean digestCovered, Settings settings) {
        List<String> digestLines = request.lines("content-digest");
        if (digestLines.isEmpty() && !settings.requireContentDigest()) {
            return null;
        }
        if (request.body().length > settings.maxBodyBytes()) {
            return "accepted a body of " + request.body().length + " bytes over the limit of " + settings.maxBodyBytes();
        }
        if (settings.requireContentDigest() && request.body().length > 0 && !digestCovered) {
            return "accepted a non-empty body without a covered Content-Digest";
        }
        if (digestLines.isEmpty()) {
            return null;
        }
        Matcher matcher = DIGEST.matcher(String.join(", ", digestLines));
        while (matcher.find()) {
            byte[] claimed = canonicalBase64(matcher.group(2));
            if (claimed != null && MessageDigest.isEqual(claimed, digest("SHA-" + matcher.group(1), request.body()))) {
                return null;
            }
        }
        return "accepted a Content-Digest with no sha-256 or sha-512 member equal to the body's digest";
    }

    // ---------------------------------------------------------------- the signature base (RFC 9421 §2.5)

    /**
     * The signature base of {@code request} for the signed components and parameters; null when a component
     * cannot be derived. With {@code lenient} (for signing whatever a fuzz input asks), a component that
     * cannot be derived gets an empty value instead: such a base is signed, but can never be accepted.
     */
    static String base(Received request, List<String[]> components, Signed signed, Settings settings, boolean lenient) {
        StringBuilder base = new StringBuilder();
        String[] items = signed.components().isEmpty() ? new String[0] : signed.components().split(" ", -1);
        for (int i = 0; i < items.length; i++) {
            String value = components == null || i >= components.size() ? null
                    : value(request, components.get(i)[0], components.get(i)[1], settings);
            if (value == null || !printable(value)) {
                if (!lenient) {
                    return null;
                }
                value = "";
            }
            base.append(items[i]).append(": ").append(value).append('\n');
        }
        return base.append("\"@signature-params\": (").append(signed.components()).append(')')
                .append(signed.parameters()).toString();
    }

    /** Each covered component as {name, @query-param name or null}, or null if the text is not canonical. */
    static List<String[]> components(String text) {
        List<String[]> components = new ArrayList<>();
        if (text.isEmpty()) {
            return components;
        }
        for (String item : text.split(" ", -1)) {
            Matcher matcher = COMPONENT.matcher(item);
            if (!matcher.matches()) {
                return null;
            }
            components.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        return components;
    }

    /** Canonical signature parameters by key (later wins): String, Long, or the text of any other value. */
    static Map<String, Object> parameters(String text) {
        Map<String, Object> values = new LinkedHashMap<>();
        Matcher matcher = PARAMETER.matcher(text);
        int end = 0;
        while (end < text.length() && matcher.find(end) && matcher.start() == end) {
            String value = matcher.group(2);
            Object parsed;
            if (value == null) {
                parsed = Boolean.TRUE;
            } else if (value.startsWith("\"")) {
                parsed = value.substring(1, value.length() - 1).replaceAll("\\\\([\"\\\\])", "$1");
            } else if (INTEGER.matcher(value).matches()) {
                parsed = Long.parseLong(value);
            } else {
                parsed = "other:" + value;
            }
            values.put(matcher.group(1), parsed);
            end = matcher.end();
        }
        return end == text.length() ? values : null;
    }

    /** One component's value from the request, or null if it has none. */
    private static String value(Received request, String name, String queryName, Settings settings) {
        String scheme;
        String authority;
        if (settings.publicOrigin() != null) {
            URI origin = URI.create(settings.publicOrigin());
            scheme = origin.getScheme();
            authority = origin.getRawAuthority();
        } else {
            scheme = request.target().getScheme().toLowerCase(Locale.ROOT);
            authority = normalizedAuthority(scheme, request.target().getRawAuthority());
        }
        String path = request.target().getRawPath() == null || request.target().getRawPath().isEmpty() ? "/"
                : request.target().getRawPath();
        String query = request.target().getRawQuery();
        if (queryName != null) {
            return queryParameter(query, queryName);
        }
        return switch (name) {
            case "@method" -> request.method();
            case "@target-uri" -> authority == null ? null : scheme + "://" + authority + path + (query == null ? "" : "?" + query);
            case "@authority" -> authority;
            case "@scheme" -> scheme;
            case "@path" -> path;
            case "@query" -> "?" + (query == null ? "" : query);
            case "@request-target" -> path + (query == null ? "" : "?" + query);
            default -> {
                List<String> lines = request.lines(name);
                if (name.startsWith("@") || lines.isEmpty()) {
                    yield null;
                }
                List<String> trimmed = new ArrayList<>();
                for (String line : lines) {
                    trimmed.add(line.replaceAll("\r?\n[ \t]+", " ").replaceAll("^[ \t]+|[ \t]+$", ""));
                }
                yield String.join(", ", trimmed);
            }
        };
    }

    /** RFC 9110 §4.2.3: lower case, the scheme's default port (or an empty one) dropped; null if not an authority. */
    static String normalizedAuthority(String scheme, String authority) {
        if (authority == null) {
            return null;
        }
        Matcher matcher = AUTHORITY.matcher(authority.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return null;
        }
        String port = matcher.group(2);
        boolean defaultPort = port == null || port.isEmpty() || (scheme.equals("https") && port.equals("443"))
                || (scheme.equals("http") && port.equals("80"));
        return defaultPort ? matcher.group(1) : matcher.group(1) + ":" + port;
    }

    /**
     * RFC 9421 §2.2.8: the one value of the query parameter whose name, form-decoded and percent-encoded
     * again, is {@code encodedName}; null if there is not exactly one.
     */
    private static String queryParameter(String query, String encodedName) {
        List<String> values = new ArrayList<>();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (reencoded(name).equals(encodedName)) {
                values.add(reencoded(equals < 0 ? "" : pair.substring(equals + 1)));
            }
        }
        return values.size() == 1 ? values.get(0) : null;
    }

    /** Form-decoded (a '%' without two hex digits after it stays itself) and percent-encoded again, spaces as %20. */
    private static String reencoded(String raw) {
        String decoded = URLDecoder.decode(raw.replaceAll("%(?![0-9A-Fa-f]{2})", "%25"), StandardCharsets.UTF_8);
        return URLEncoder.encode(decoded, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean printable(String value) {
        return value.chars().allMatch(c -> (c >= 0x20 && c <= 0x7E) || c == '\t');
    }

    // ---------------------------------------------------------------- crypto

    static boolean verifies(PublicKey key, String base, byte[] signature) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
            ecdsa.initVerify(key);
            ecdsa.update(base.getBytes(StandardCharsets.US_ASCII));
            return ecdsa.verify(signature);
        } catch (GeneralSecurityException | RuntimeException invalid) {
            return false;
        }
    }

    static byte[] hmacSha256(byte[] key, String base) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(base.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] canonicalBase64(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    static byte[] digest(String algorithm, byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
