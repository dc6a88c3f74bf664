package io.github.approovjaxrs.shapes;

import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovConfigurationException;
import io.github.approovjaxrs.ApproovFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.function.Function;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
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

            Settings (system property, environment, or .env file in the working directory):
              HTTP_HOST                 the address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
              HTTP_PORT                 the port (default 8002; 0 for any free port)
              APPROOV_BASE64_SECRET     the account secret, `approov secret -get base64` (default: Approov's
                                        public dummy secret, for this demo only)
              APPROOV_*                 the other settings of approov-jaxrs (see the README)
            """;

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
        if (args.length > 0) {
            boolean help = args[0].equals("--help") || args[0].equals("-h");
            (help ? System.out : System.err).print(USAGE);
            System.exit(help ? 0 : TokenTool.USAGE_ERROR);
        }
        useOneLineLogFormat();
        RunningServer server;
        try {
            server = start(ApproovConfig.environment(), System.out);
        } catch (ApproovConfigurationException | StartupException cannotStart) {
            System.err.println("shapes-api: " + cannotStart.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            System.out.println("Shapes API stopped.");
        }, "shapes-api-shutdown"));
        try {
            Thread.currentThread().join(); // Grizzly serves on its own threads; the shutdown hook ends the JVM
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts the server configured by {@code environment} and prints the start-up banner to {@code out}.
     *
     * @throws ApproovConfigurationException when an {@code APPROOV_*} variable is invalid (the library's message)
     * @throws StartupException when {@code HTTP_HOST}/{@code HTTP_PORT} are invalid or cannot be listened on
     */
    static RunningServer start(Function<String, String> environment, PrintStream out) {
        ApproovSettings approov = ApproovSettings.read(environment);
        ServerAddress address = ServerAddress.read(environment);
        address.resolve();
        ApproovFeature feature = ApproovFeature.create(approov.config());
        GrizzlyHttpContainer jersey =
                ContainerFactory.createContainer(GrizzlyHttpContainer.class, ShapesApi.application(feature));
        // No handler here: Jersey's goes in behind the guard.
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(
                address.baseUri(), (GrizzlyHttpContainer) null, false, null, false);
        server.getServerConfiguration().addHttpHandler(new MalformedRequestGuard(jersey), "/");
        try {
            server.start();
        } catch (IOException cannotListen) {
            server.shutdownNow();
            throw new StartupException("Cannot listen on " + address.host() + ":" + address.port() + " ("
                    + cannotListen.getMessage() + "): set " + ServerAddress.HOST_VARIABLE + " to an address of"
                    + " this machine and " + ServerAddress.PORT_VARIABLE + " to a free port (0 picks one).");
        }
        int port = server.getListeners().stream().findFirst().map(NetworkListener::getPort).orElseThrow();
        RunningServer running = new RunningServer(server, address.withPort(port).localClientUri());
        flushLogs();
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

    /**
     * One line per log record (JUL's default takes two), unless the user chose a format; and the console
     * handler replaced by one that writes in batches off the request threads (a line per rejected request
     * adds up under a flood of forged tokens).
     */
    private static void useOneLineLogFormat() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") != null) {
            return;
        }
        System.setProperty("java.util.logging.SimpleFormatter.format", OneLineLogFormatter.FORMAT);
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ConsoleHandler && handler.getFormatter() instanceof SimpleFormatter) {
                root.removeHandler(handler);
                root.addHandler(new BatchingConsoleHandler(System.err, new OneLineLogFormatter(ZoneId.systemDefault()),
                        handler.getLevel()));
            }
        }
    }

    /** Writes out every log line so far, so that the start-up lines come before the banner. */
    private static void flushLogs() {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.flush();
        }
    }
}
