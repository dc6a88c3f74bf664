package io.github.approovjaxrs.shapes;

import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.testing.AppInstallation;
import io.github.approovjaxrs.testing.ApproovTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the server prints once it listens. With the public dummy secret: a loud warning and ready-to-paste
 * {@code curl} lines with freshly minted tokens, so a newcomer sees 200 and 401 within a minute. With an
 * account secret: the address and how to mint tokens, and never a token, since a token signed with a real
 * secret works against the real API and console output ends up in logs. In the demo it also shows account
 * signatures, with the account message-signing key generated for the run (printed: it is a demo key) or the
 * configured one (never printed).
 */
final class StartupBanner {

    static final Duration EXAMPLE_LIFETIME = Duration.ofHours(1);
    static final Duration EXAMPLE_EXPIRED_AGO = Duration.ofMinutes(5);
    static final String EXAMPLE_AUTHORIZATION = "Bearer 0123456789abcdef";
    static final String OTHER_AUTHORIZATION = "Bearer fedcba9876543210";
    static final String EXAMPLE_BODY = "{\"hello\":\"world\"}";
    /** Another body of the same length, so only its Content-Digest gives it away. */
    static final String OTHER_BODY = "{\"hello\":\"World\"}";
    static final String EXAMPLE_ORDER = "{\"shape\":\"Square\",\"quantity\":1}";

    private static final String RULE = "=".repeat(78);
    /** The endpoints of Approov's current quickstarts that the demo serves too (QuickstartResource). */
    static final String QUICKSTART_ENDPOINTS = "Approov's quickstart endpoints too: /unprotected, /token-check,"
            + " /token-binding,\n/token-double-binding, /approov-state (see the README).\n";

    private StartupBanner() {
    }

    /**
     * The banner.
     *
     * @param clientBase the base URI a client on this machine calls, e.g. {@code http://127.0.0.1:8002/}
     * @param tokenCommand how to run the token tool, e.g. {@code java -jar shapes-api/target/shapes-api.jar token}
     */
    static String text(ApproovSettings settings, URI clientBase, Instant now, String tokenCommand) {
        return settings.usesPublicDummySecret()
                ? demo(settings, clientBase, now, tokenCommand)
                : configured(settings, clientBase, tokenCommand);
    }

    private static String demo(ApproovSettings settings, URI base, Instant now, String tokenCommand) {
        ApproovConfig config = settings.config();
        ApproovTokens.Builder tokens = exampleTokens(settings, now);
        String valid = tokens.mint();
        String expired = tokens.issuedAt(now.minus(EXAMPLE_LIFETIME)).expiresAt(now.minus(EXAMPLE_EXPIRED_AGO)).mint();
        List<String> bindingHeaders = config.bindingHeaderNames();
        String bound = tokens.boundTo(exampleBinding(bindingHeaders, EXAMPLE_AUTHORIZATION)).mint();
        String token = config.tokenHeaderName();
        String binding = String.join(", ", bindingHeaders) + (bindingHeaders.size() > 1 ? " headers" : " header");
        String why = settings.source() == ApproovSettings.SecretSource.DUMMY_FALLBACK
                ? " WARNING: no Approov secret is configured, so this server uses\n"
                        + " APPROOV'S PUBLIC DUMMY SECRET.\n"
                : " WARNING: the Approov secret configured is APPROOV'S PUBLIC DUMMY SECRET.\n";
        return RULE + "\n"
                + why
                + " It is published in Approov's quickstarts: anyone can mint tokens that\n"
                + " this server accepts. For this demo only: NEVER USE IT IN PRODUCTION.\n"
                + " Set APPROOV_BASE64URL_SECRET to your account's secret\n"
                + " (`approov secret -get base64url`), in the environment or in a .env file.\n"
                + RULE + "\n"
                + "Shapes API listening on " + base + "\n"
                + "\n"
                + "Try it (tokens just minted with the dummy secret, valid for " + EXAMPLE_LIFETIME.toHours()
                + " hour):\n"
                + "\n"
                + "# open endpoints: 200\n"
                + curl(base, "v1/shapes") + "\n"
                + curl(base, "v2/hello") + "\n"
                + "\n"
                + "# /v2/shapes without a token: 401\n"
                + curl(base, "v2/shapes") + "\n"
                + "\n"
                + "# /v2/shapes with a valid token: 200\n"
                + curl(base, "v2/shapes", token, valid) + "\n"
                + "\n"
                + "# /v2/shapes with an expired token: 401\n"
                + curl(base, "v2/shapes", token, expired) + "\n"
                + "\n"
                + "# /v2/forms with a token bound to the " + binding + " it comes with: 200\n"
                + curl(base, "v2/forms", withBinding(token, bound, bindingHeaders, EXAMPLE_AUTHORIZATION)) + "\n"
                + "\n"
                + "# /v2/forms with the same token and another " + bindingHeaders.get(0) + ": 401\n"
                + curl(base, "v2/forms", withBinding(token, bound, bindingHeaders, OTHER_AUTHORIZATION)) + "\n"
                + "\n"
                + signedExamples(settings, base, now)
                + accountExamples(settings, base, now)
                + QUICKSTART_ENDPOINTS
                + "More tokens: " + tokenCommand + " --help\n"
                + "Stop: Ctrl-C\n";
    }

    /**
     * Requests to {@code /v5/shapes} as Approov's SDK sends them: a token carrying the public key of an app
     * installation made up now ({@code ipk}), and the request signed with its private key (RFC 9421).
     */
    private static String signedExamples(ApproovSettings settings, URI base, Instant now) {
        AppInstallation installation = AppInstallation.create();
        String token = exampleTokens(settings, now).installationKey(installation.publicKey()).mint();
        String tokenHeader = settings.config().tokenHeaderName();
        long lifetime = TokenTool.signatureLifetime(settings).toSeconds();
        SignedRequest[] getAndPost = getAndPost(settings, base, now, token, installation, null);
        SignedRequest get = getAndPost[0];
        SignedRequest post = getAndPost[1];
        SignedRequest tampered = new SignedRequest("POST", post.url(), post.headers(),
                OTHER_BODY.getBytes(StandardCharsets.UTF_8));
        SignedRequest order = SignedRequest.sign(installation, "POST", base.resolve("v5/orders"), tokenHeader, token,
                Map.of(), EXAMPLE_ORDER.getBytes(StandardCharsets.UTF_8), now, lifetime);
        return "# /v5/shapes with a token carrying an app installation's key (ipk), the request\n"
                + "# signed with that key as Approov's SDK signs (valid " + lifetime / 60 + " minutes): 200\n"
                + get.curl() + "\n"
                + "\n"
                + "# POST /v5/shapes, its body signed through Content-Digest: 200\n"
                + post.curl() + "\n"
                + "\n"
                + "# the same signed POST with another body: 401\n"
                + tampered.curl() + "\n"
                + "\n"
                + "# the same token without the signature (a token lifted from traffic): 401\n"
                + curl(base, "v5/shapes", tokenHeader, token) + "\n"
                + "\n"
                + "# POST /v5/orders, @ApproovSigned(singleUse = true), takes each signed request\n"
                + "# once: 201\n"
                + order.curl() + "\n"
                + "\n"
                + "# the very same signed order again, as a replay: 401\n"
                + order.curl() + "\n"
                + "\n"
                + "Signed requests for other URLs, methods and bodies: token --signed-curl <url>\n";
    }

    /**
     * The example values of the binding headers: {@code first} in the first, and a made-up session id in each
     * other (configured as {@code APPROOV_TOKEN_BINDING_HEADER_NAME=Authorization,SessionId}, say).
     */
    static String[] exampleBinding(List<String> headers, String first) {
        String[] values = new String[headers.size()];
        values[0] = first;
        for (int i = 1; i < values.length; i++) {
            values[i] = "example-" + headers.get(i).toLowerCase(Locale.ROOT);
        }
        return values;
    }

    /** The token header and the binding headers, as name, value pairs for {@link #curl}. */
    private static String[] withBinding(String tokenHeader, String token, List<String> headers, String first) {
        String[] values = exampleBinding(headers, first);
        List<String> pairs = new ArrayList<>(List.of(tokenHeader, token));
        for (int i = 0; i < values.length; i++) {
            pairs.add(headers.get(i));
            pairs.add(values[i]);
        }
        return pairs.toArray(String[]::new);
    }

    /**
     * Requests to {@code /v5/shapes} as Approov's SDK sends them on a device whose token has no {@code ipk} but
     * names the account message-signing key ({@code mskid}): signed with that key, label {@code account}. The
     * key is this run's generated one (printed, so the token tool can sign with it) or the configured one.
     */
    private static String accountExamples(ApproovSettings settings, URI base, Instant now) {
        if (settings.accountKey().isEmpty()) {
            return "";
        }
        byte[] key = settings.accountKey().get();
        String token = exampleTokens(settings, now).accountKeyId(settings.accountKeyId()).mint();
        String tokenHeader = settings.config().tokenHeaderName();
        SignedRequest[] getAndPost = getAndPost(settings, base, now, token, null, key);
        SignedRequest get = getAndPost[0];
        SignedRequest post = getAndPost[1];
        String keyText = "\n" + (settings.accountKeyGenerated()
                ? "Account message-signing key of this run (generated now, demo only), base64url:\n  "
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\n"
                : "Account message-signing key: the configured one\n");
        return keyText
                + "\n"
                + "# /v5/shapes with a token without ipk that names the account key (mskid \""
                + settings.accountKeyId() + "\"),\n"
                + "# the request signed with the account key (Approov's account signature): 200\n"
                + get.curl() + "\n"
                + "\n"
                + "# POST /v5/shapes, account-signed, its body through Content-Digest: 200\n"
                + post.curl() + "\n"
                + "\n"
                + "# the same token without the account signature: 401\n"
                + curl(base, "v5/shapes", tokenHeader, token) + "\n"
                + "\n"
                + "Account-signed requests: token --signed-curl <url> --account-key <key>\n";
    }

    /**
     * A GET and a POST of {@link #EXAMPLE_BODY} to {@code /v5/shapes} with {@code token}, signed with the
     * installation's key or the account key (whichever is given), valid as long as the server allows.
     */
    private static SignedRequest[] getAndPost(ApproovSettings settings, URI base, Instant now, String token,
            AppInstallation installation, byte[] accountKey) {
        String tokenHeader = settings.config().tokenHeaderName();
        long lifetime = TokenTool.signatureLifetime(settings).toSeconds();
        URI url = base.resolve("v5/shapes");
        return new SignedRequest[] {
            SignedRequest.sign(installation, accountKey, "GET", url, tokenHeader, token, Map.of(), null, now, lifetime),
            SignedRequest.sign(installation, accountKey, "POST", url, tokenHeader, token, Map.of(),
                    EXAMPLE_BODY.getBytes(StandardCharsets.UTF_8), now, lifetime)
        };
    }

    /** Tokens signed with the (dummy) secret, issued {@code now} and valid for {@link #EXAMPLE_LIFETIME}. */
    private static ApproovTokens.Builder exampleTokens(ApproovSettings settings, Instant now) {
        return ApproovTokens.hs256(settings.secret().orElseThrow()).issuedAt(now).expiresAt(now.plus(EXAMPLE_LIFETIME));
    }

    private static String configured(ApproovSettings settings, URI base, String tokenCommand) {
        return "Shapes API listening on " + base + "\n"
                + "Approov secret configured: /v2/shapes needs a valid " + settings.config().tokenHeaderName() + ",\n"
                + "/v2/forms one bound to " + String.join(" + ", settings.config().bindingHeaderNames())
                + ", /v5/shapes a signed request,\n"
                + "POST /v5/orders a signed request taken once.\n"
                + (settings.accountKey().isEmpty() ? "" : "Account signatures: checked with the configured account key;"
                        + " sign test requests\nwith token --signed-curl <url> --account-key <key>.\n")
                + QUICKSTART_ENDPOINTS
                + "Mint test tokens with your secret (they work against your API: keep them out of logs):\n"
                + "  " + tokenCommand + " --help\n"
                + "Stop: Ctrl-C\n";
    }

    /** A {@code curl -i} line; headers as name, value pairs, single-quoted for the shell. */
    private static String curl(URI base, String path, String... headers) {
        StringBuilder line = new StringBuilder("curl -i");
        for (int i = 0; i < headers.length; i += 2) {
            line.append(" -H ").append(shellQuoted(headers[i] + ": " + headers[i + 1]));
        }
        return line.append(' ').append(base.resolve(path)).toString();
    }

    private static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
