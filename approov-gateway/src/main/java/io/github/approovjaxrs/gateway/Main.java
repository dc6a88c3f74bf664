package io.github.approovjaxrs.gateway;

import io.github.approovjaxrs.apps.AppLifecycle;
import io.github.approovjaxrs.apps.ConsoleLog;
import io.github.approovjaxrs.apps.StartupException;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovConfigurationException;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * Starts the gateway: {@code java -jar approov-gateway.jar}, or {@code --demo} in front of the Shapes API; or,
 * with {@code --check}, the check service that a proxy (NGINX, Envoy, Traefik, Caddy) asks about each request.
 *
 * <p>Prints {@code Approov gateway listening on <url>} (or {@code Approov check service listening on <url>})
 * on stdout once it listens, so a script can start it with {@code HTTP_PORT=0} and read where. Exit status 1,
 * with a one-line message on stderr, when the settings are invalid or the address cannot be listened on; 2
 * for unknown arguments.
 */
public final class Main {

    static final String LISTENING = "Approov gateway listening on ";
    static final String CHECK_LISTENING = "Approov check service listening on ";
    /** How the banners' examples mint tokens: the Shapes API's token tool. */
    private static final String TOKEN_TOOL = "java -jar shapes-api/target/shapes-api.jar token";
    static final String USAGE = """
            Usage: java -jar approov-gateway/target/approov-gateway.jar                 start the gateway
                   java -jar approov-gateway/target/approov-gateway.jar --demo          ... in front of the Shapes API
                   java -jar approov-gateway/target/approov-gateway.jar --check         start the check service
                   java -jar approov-gateway/target/approov-gateway.jar --check --demo  ... with the dummy secret

            Settings (system property, environment, or .env file in the working directory):
              APPROOV_UPSTREAM_URL      the API to forward checked requests to, e.g. https://api.example.com
                                        (or API_DOMAIN=api.example.com); required unless --demo
              APPROOV_BASE64URL_SECRET  the account secret, `approov secret -get base64url` (or APPROOV_BASE64_SECRET,
                                        `approov secret -get base64`); required unless --demo
              APPROOV_VERIFICATION_STRATEGY  token (default) or token-binding
              APPROOV_BINDING_PATH_PREFIXES  with token: paths that need the binding too, e.g. /v1/forms,/pay
              APPROOV_STRIP_TOKEN_HEADER     remove the token header before forwarding (default true)
              HTTP_HOST, HTTP_PORT      where to listen (default 127.0.0.1:8003; port 0 for any free port)
              APPROOV_*                 the other settings: see the README, section Gateway

            --demo: forwards to the Shapes API on http://127.0.0.1:8002 with /v1/forms needing the binding,
            and without a configured secret accepts tokens signed with Approov's PUBLIC DUMMY SECRET.

            --check: the check service for a proxy in front of your API (NGINX auth_request, Envoy ext_authz,
            Traefik forwardAuth, Caddy forward_auth; configurations in deploy/). It forwards nothing: the
            proxy calls /approov/check/token, /approov/check/token-binding, /approov/check/signed or
            /approov/check/signed-single-use and gets 200 (let through) or 401 (503 when the replay store
            of a single-use check cannot answer). HTTP_HOST, HTTP_PORT (default 127.0.0.1:8004), APPROOV_* as the library,
            APPROOV_DEVICE_ID_HEADER (the verified device id on allowed answers), APPROOV_STRIP_TOKEN_HEADER.
            """;

    private Main() {
    }

    /**
     * Runs the gateway until SIGTERM or Ctrl-C.
     *
     * @param args nothing, {@code --demo}, {@code --check}, both, or {@code --help}
     */
    public static void main(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.print(USAGE);
                System.exit(0);
            } else if (!arg.equals("--demo") && !arg.equals("--check")) {
                System.err.print("approov-gateway: unknown argument \"" + arg + "\"\n\n" + USAGE);
                System.exit(AppLifecycle.USAGE_ERROR);
            }
        }
        boolean demo = List.of(args).contains("--demo");
        ConsoleLog.useOneLineFormat();
        if (List.of(args).contains("--check")) {
            CheckService service = AppLifecycle.startOrExit("approov-gateway",
                    () -> startCheckService(ApproovConfig.environment(), demo, System.out));
            AppLifecycle.serveUntilStopped("approov-check", service::stop, "Approov check service stopped.");
            return;
        }
        Gateway gateway = AppLifecycle.startOrExit("approov-gateway",
                () -> start(ApproovConfig.environment(), demo, System.out));
        AppLifecycle.serveUntilStopped("approov-gateway", gateway::stop, "Approov gateway stopped.");
    }

    /**
     * Reads the settings, starts the gateway and prints where it listens to {@code out}.
     *
     * @throws ApproovConfigurationException when an {@code APPROOV_*} variable of the library is invalid
     * @throws StartupException when a setting is invalid ({@link GatewayConfigException}), the host does not
     *     resolve, or the address cannot be listened on
     */
    static Gateway start(Function<String, String> environment, boolean demo, PrintStream out) {
        GatewayConfig config = GatewayConfig.read(environment, demo);
        Gateway gateway = Gateway.start(config);
        announce(banner(config, gateway.clientUri(), demo), out);
        return gateway;
    }

    /**
     * Reads the settings, starts the check service and prints where it listens to {@code out}.
     *
     * @throws ApproovConfigurationException when an {@code APPROOV_*} variable of the library is invalid
     * @throws StartupException when a setting is invalid ({@link GatewayConfigException}), the host does not
     *     resolve, or the address cannot be listened on
     */
    static CheckService startCheckService(Function<String, String> environment, boolean demo, PrintStream out) {
        CheckServiceConfig config = CheckServiceConfig.read(environment, demo);
        CheckService service = CheckService.start(config);
        announce(checkBanner(config, service.clientUri(), demo), out);
        return service;
    }

    /** Prints the banner once it listens, after the start-up log lines. */
    private static void announce(String banner, PrintStream out) {
        ConsoleLog.flush();
        out.print(banner);
        out.flush();
    }

    /** What is printed once the check service listens: where, the policies, and with {@code --demo} how to try it. */
    static String checkBanner(CheckServiceConfig config, URI listening, boolean demo) {
        String token = config.approov().tokenHeaderName();
        List<String> bindingHeaders = config.approov().bindingHeaderNames();
        String binding = String.join(" + ", bindingHeaders);
        String base = listening.toString().replaceAll("/$", "");
        StringBuilder text = new StringBuilder();
        if (config.usesDummySecret()) {
            text.append(dummySecretWarning("service"));
        }
        text.append(CHECK_LISTENING).append(listening).append('\n')
                .append("A proxy asks it about each request; the path it calls is the policy:\n")
                .append("  ").append(CheckPolicy.TOKEN.path()).append("          a valid ").append(token).append('\n')
                .append("  ").append(CheckPolicy.TOKEN_BINDING.path()).append("  a valid ").append(token)
                .append(" bound to ").append(binding).append('\n')
                .append("  ").append(CheckPolicy.SIGNED.path()).append("         a valid ").append(token)
                .append(" and the app's signature\n")
                .append("  ").append(CheckPolicy.SIGNED_SINGLE_USE.path())
                .append("  the same, each signed request once\n")
                .append("200 lets the request through, 401 refuses it; 503: the replay store is down.\n")
                .append("Proxy configurations in deploy/: NGINX, Caddy, Envoy, Traefik, Kubernetes\n")
                .append("(Istio, Envoy Gateway).\n");
        if (demo) {
            text.append("\nTry it as NGINX asks (X-Original-URI: the client's request):\n\n")
                    .append("# no token: 401\n")
                    .append("curl -i -H 'X-Original-URI: /v1/shapes' ").append(base).append(CheckPolicy.TOKEN.path())
                    .append("\n\n# a valid token: 200\n")
                    .append("curl -i -H \"").append(token).append(": $(").append(TOKEN_TOOL).append(")\" -H 'X-Original-URI:"
                            + " /v1/shapes' ").append(base).append(CheckPolicy.TOKEN.path())
                    .append("\n\n# bound to ").append(binding).append(": 200\n")
                    .append(boundCurl(token, bindingHeaders)).append(' ').append(base)
                    .append(CheckPolicy.TOKEN_BINDING.path()).append("\n\n");
        }
        return text.append("Stop: Ctrl-C\n").toString();
    }

    /** The warning above the banner; {@code what} has 7 letters, so that the lines break as they always have. */
    private static String dummySecretWarning(String what) {
        String rule = "=".repeat(78) + "\n";
        String first = " WARNING: this " + what + " accepts tokens signed with APPROOV'S PUBLIC DUMMY\n";
        return rule + first
                + " SECRET, which anyone can mint. For trying it only (--demo): NEVER USE IT IN\n"
                + " PRODUCTION. Set APPROOV_BASE64URL_SECRET to your account's secret\n"
                + " (`approov secret -get base64url`), in the environment or in a .env file.\n"
                + rule;
    }

    /** What is printed once the gateway listens: where, what it checks, and with {@code --demo} how to try it. */
    static String banner(GatewayConfig config, URI listening, boolean demo) {
        String token = config.approov().tokenHeaderName();
        List<String> bindingHeaders = config.approov().bindingHeaderNames();
        String binding = String.join(" + ", bindingHeaders);
        StringBuilder text = new StringBuilder();
        if (config.usesDummySecret()) {
            text.append(dummySecretWarning("gateway"));
        }
        text.append(LISTENING).append(listening).append('\n')
                .append("Forwarding to ").append(config.upstream()).append(" the requests with a valid ")
                .append(token);
        if (!config.bindingPolicy().isNone()) {
            text.append(",\nbound to ").append(binding).append(" on ").append(config.bindingPolicy().describe());
        }
        text.append(" (strategy ").append(config.strategy().value()).append(").\n")
                .append(config.stripTokenHeader() ? "The " + token + " header is removed before forwarding.\n"
                        : "The " + token + " header is forwarded.\n");
        if (demo) {
            String base = listening.toString();
            text.append("\nTry it, with the Shapes API running (see the README) and its token tool:\n\n")
                    .append("# /v1/shapes, open on the Shapes API, now needs a token: 401\n")
                    .append("curl -i ").append(base).append("v1/shapes\n\n")
                    .append("# with a valid token: 200 and a shape, from the Shapes API\n")
                    .append("curl -i -H \"").append(token).append(": $(").append(TOKEN_TOOL).append(")\" ")
                    .append(base).append("v1/shapes\n\n")
                    .append("# /v1/forms needs the token bound to ").append(binding).append(": 200 and a form\n")
                    .append(boundCurl(token, bindingHeaders)).append(' ').append(base).append("v1/forms\n\n");
        }
        return text.append("Stop: Ctrl-C\n").toString();
    }

    /**
     * The start of a demo curl line with a token bound to {@code headers}: one example value per header, the
     * first the README's {@code Authorization} value, and the token tool's {@code --bind} over them all,
     * concatenated in order, as a binding to several headers hashes them.
     */
    private static String boundCurl(String tokenHeader, List<String> headers) {
        StringBuilder bound = new StringBuilder();
        StringBuilder options = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            String value = i == 0 ? "Bearer 0123456789abcdef" : "example-" + (i + 1);
            bound.append(value);
            options.append(" -H '").append(headers.get(i)).append(": ").append(value).append('\'');
        }
        return "curl -i -H \"" + tokenHeader + ": $(" + TOKEN_TOOL + " --bind '" + bound + "')\"" + options;
    }
}
