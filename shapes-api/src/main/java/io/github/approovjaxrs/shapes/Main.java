package io.github.approovjaxrs.shapes;

import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.apps.AppLifecycle;
import io.github.approovjaxrs.apps.ConsoleLog;
import io.github.approovjaxrs.apps.MalformedRequestGuard;
import io.github.approovjaxrs.apps.RunningServer;
import io.github.approovjaxrs.apps.ServerAddress;
import io.github.approovjaxrs.apps.StartupException;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovConfigurationException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;

/**
 * Starts the Shapes API of Approov's walkthroughs on Grizzly: {@code java -jar shapes-api.jar}; or mints an
 * example token: {@code java -jar shapes-api.jar token --help}.
 *
 * <p>Settings come from JVM system properties, the environment, or a {@code .env} file in the working
 * directory, in that order: {@code HTTP_HOST} (default {@code 127.0.0.1}), {@code HTTP_PORT} (default 8002)
 * and the library's {@code APPROOV_*} variables. With no {@code APPROOV_BASE64_SECRET} the demo uses
 * Approov's public dummy secret and says so loudly. Exit status 1, with a one-line message, when the
 * settings are invalid or the address cannot be listened on; 2 for unknown arguments.
 */
public final class Main {

    static final String USAGE = """
            Usage: java -jar shapes-api/target/shapes-api.jar            start the Shapes API
                   java -jar shapes-api/target/shapes-api.jar token ...  mint an example token (token --help)
                   java -jar shapes-api/target/shapes-api.jar api -list  what `approov api -list` says, for
                                                                         scripts written for the Approov CLI

            Settings (system property, environment, or .env file in the working directory):
              HTTP_HOST                 the address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
              HTTP_PORT                 the port (default 8002; 0 for any free port)
              APPROOV_BASE64URL_SECRET  the account secret, `approov secret -get base64url` (or
                                        APPROOV_BASE64_SECRET, `approov secret -get base64`; default: Approov's
                                        public dummy secret, for this demo only)
              APPROOV_*                 the other settings of approov-jaxrs (see the README)
            """;

    /** The answer to {@code api -list}: the token tool has no API domains to list; it signs for any. */
    static final String API_LIST = "The demo's token tool signs example tokens for any API domain"
            + " (token -genExample <api-domain>) with the configured account secret.\n";

    /** The port of Approov's walkthroughs. */
    static final int DEFAULT_PORT = 8002;
    /** The methods of the Shapes API's resources, for the {@code Allow} header of the answer to CONNECT. */
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "OPTIONS");
    /** The body of every error of this API. */
    static final String ERROR_BODY = "{}";

    private Main() {
    }

    /**
     * Runs the server until SIGTERM or Ctrl-C, or the token tool when the first argument is {@code token}.
     *
     * @param args nothing, {@code --help}, or {@code token} followed by the token tool's options
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenTool.run(Arrays.asList(args).subList(1, args.length), ApproovConfig::environment,
                    Clock.systemUTC(), System.out, System.err));
        }
        if (args.length == 2 && args[0].equals("api") && args[1].equals("-list")) {
            System.out.print(API_LIST); // Approov's test harness lists the API domains before it starts
            System.exit(0);
        }
        if (args.length > 0) {
            boolean help = args[0].equals("--help") || args[0].equals("-h");
            (help ? System.out : System.err).print(USAGE);
            System.exit(help ? 0 : AppLifecycle.USAGE_ERROR);
        }
        ConsoleLog.useOneLineFormat();
        RunningServer server = AppLifecycle.startOrExit("shapes-api",
                () -> start(ApproovConfig.environment(), System.out));
        AppLifecycle.serveUntilStopped("shapes-api", server::stop, "Shapes API stopped.");
    }

    /**
     * Starts the server configured by {@code environment} and prints the start-up banner to {@code out}.
     *
     * @throws ApproovConfigurationException when an {@code APPROOV_*} variable is invalid (the library's message)
     * @throws StartupException when {@code HTTP_HOST}/{@code HTTP_PORT} are invalid or cannot be listened on
     */
    static RunningServer start(Function<String, String> environment, PrintStream out) {
        ApproovSettings approov = ApproovSettings.read(environment);
        ServerAddress address = ServerAddress.read(environment, DEFAULT_PORT);
        address.resolve(); // a typo in HTTP_HOST stops start-up before the Approov check says it is ready
        ApproovFeature feature = ApproovFeature.create(approov.config());
        GrizzlyHttpContainer jersey =
                ContainerFactory.createContainer(GrizzlyHttpContainer.class, ShapesApi.application(feature));
        // Jersey answers the other methods itself, per resource.
        RunningServer running = RunningServer.start(address,
                MalformedRequestGuard.refusingConnect(jersey, METHODS, ERROR_BODY, ERROR_BODY));
        ConsoleLog.flush(); // the start-up log lines before the banner
        out.print(StartupBanner.text(approov, running.clientUri(), Clock.systemUTC().instant(), tokenCommand()));
        out.flush();
        return running;
    }

    /** How to run the token tool from the working directory: the path of this jar, when run from one. */
    static String tokenCommand() {
        String jar = "shapes-api/target/shapes-api.jar";
        try {
            Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(location)) {
                Path workingDirectory = Path.of("").toAbsolutePath();
                jar = (location.startsWith(workingDirectory) ? workingDirectory.relativize(location) : location)
                        .toString();
            }
        } catch (URISyntaxException | RuntimeException unknownLocation) {
            // keep the path the README uses
        }
        return "java -jar " + (jar.matches("[\\w./:\\\\-]+") ? jar : "'" + jar.replace("'", "'\\''") + "'")
                + " token";
    }
}
