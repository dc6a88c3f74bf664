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
 * Starts the gateway: {@code java -jar approov-gateway.jar}, or {@code --demo} in front of the Shapes API.
 *
 * <p>Prints {@code Approov gateway listening on <url>} on stdout once it listens, so a script can start it
 * with {@code HTTP_PORT=0} and read where. Exit status 1, with a one-line message on stderr, when the
 * settings are invalid or the address cannot be listened on; 2 for unknown arguments.
 */
public final class Main {

    static final String LISTENING = "Approov gateway listening on ";
    static final String USAGE = """
            Usage: java -jar approov-gateway/target/approov-gateway.jar           start the gateway
                   java -jar approov-gateway/target/approov-gateway.jar --demo    ... in front of the Shapes API

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
            """;

    private Main() {
    }

    /**
     * Runs the gateway until SIGTERM or Ctrl-C.
     *
     * @param args nothing, {@code --demo}, or {@code --help}
     */
    public static void main(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.print(USAGE);
                System.exit(0);
            } else if (!arg.equals("--demo")) {
                System.err.print("approov-gateway: unknown argument \"" + arg + "\"\n\n" + USAGE);
                System.exit(AppLifecycle.USAGE_ERROR);
            }
        }
        boolean demo = List.of(args).contains("--demo");
        ConsoleLog.useOneLineFormat();
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
        ConsoleLog.flush(); // the start-up log lines before the banner
        out.print(banner(config, gateway.clientUri(), demo));
        out.flush();
        return gateway;
    }

    /** What is printed once the gateway listens: where, what it checks, and with {@code --demo} how to try it. */
    static String banner(GatewayConfig config, URI listening, boolean demo) {
        String rule = "=".repeat(78) + "\n";
        String token = config.approov().tokenHeaderName();
        List<String> bindingHeaders = config.approov().bindingHeaderNames();
        String binding = String.join(" + ", bindingHeaders);
        StringBuilder text = new StringBuilder();
        if (config.usesDummySecret()) {
            text.append(rule)
                    .append(" WARNING: this gateway accepts tokens signed with APPROOV'S PUBLIC DUMMY\n")
                    .append(" SECRET, which anyone can mint. For trying it only (--demo): NEVER USE IT IN\n")
                    .append(" PRODUCTION. Set APPROOV_BASE64URL_SECRET to your account's secret\n")
                    .append(" (`approov secret -get base64url`), in the environment or in a .env file.\n")
                    .append(rule);
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
            String tokenTool = "java -jar shapes-api/target/shapes-api.jar token";
            String base = listening.toString();
            // One value per bound header, the first the Authorization of the README; the token binds them all.
            StringBuilder bound = new StringBuilder();
            StringBuilder boundHeaders = new StringBuilder();
            for (int i = 0; i < bindingHeaders.size(); i++) {
                String value = i == 0 ? "Bearer 0123456789abcdef" : "example-" + (i + 1);
                bound.append(value);
                boundHeaders.append(" -H '").append(bindingHeaders.get(i)).append(": ").append(value).append('\'');
            }
            text.append("\nTry it, with the Shapes API running (see the README) and its token tool:\n\n")
                    .append("# /v1/shapes, open on the Shapes API, now needs a token: 401\n")
                    .append("curl -i ").append(base).append("v1/shapes\n\n")
                    .append("# with a valid token: 200 and a shape, from the Shapes API\n")
                    .append("curl -i -H \"").append(token).append(": $(").append(tokenTool).append(")\" ")
                    .append(base).append("v1/shapes\n\n")
                    .append("# /v1/forms needs the token bound to ").append(binding).append(": 200 and a form\n")
                    .append("curl -i -H \"").append(token).append(": $(").append(tokenTool)
                    .append(" --bind '").append(bound).append("')\"").append(boundHeaders).append(' ')
                    .append(base).append("v1/forms\n\n");
        }
        return text.append("Stop: Ctrl-C\n").toString();
    }
}
