package io.github.approovjaxrs.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code java -jar benchmarks/target/benchmarks.jar [JMH options]}: runs the JMH benchmarks (all of them
 * unless told otherwise), allocation included ({@code -prof gc} unless other profilers are named), then
 * prints every score as a ratio to the HMAC floor and each target of issue 5 as met or missed.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar tokens --help}: mints token pools for the load
 * script ({@link TokenPool}).
 */
public final class Main {

    static final String FLOOR = "hmacFloor";

    /** A target of issue 5: {@code benchmark} costs at most {@code limit} times {@code reference}. */
    record Target(String benchmark, double limit, String reference) {
    }

    static final List<Target> TARGETS = List.of(
            new Target("validSeenBefore", 2.0, FLOOR),
            new Target("badSignature", 2.0, FLOOR),
            new Target("validFirstSeen", 1.15, "jose4jConsumer"));

    private Main() {
    }

    /**
     * Runs the benchmarks, or the token pool tool when the first argument is {@code tokens}.
     *
     * @param args JMH's command-line options ({@code -h} lists them), or {@code tokens} and its options
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("tokens")) {
            System.exit(TokenPool.run(Arrays.asList(args).subList(1, args.length), System.getenv(), System.out,
                    System.err));
        }
        CommandLineOptions commandLine;
        try {
            commandLine = new CommandLineOptions(args);
        } catch (CommandLineOptionException invalid) {
            System.err.println("benchmarks: " + invalid.getMessage() + " (-h lists JMH's options)");
            System.exit(2);
            return;
        }
        if (commandLine.shouldHelp() || commandLine.shouldList() || commandLine.shouldListWithParams()
                || commandLine.shouldListProfilers() || commandLine.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Options options = commandLine.getProfilers().isEmpty()
                ? new OptionsBuilder().parent(commandLine).addProfiler(GCProfiler.class).build()
                : commandLine;
        String before = machine();
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (RunnerException failed) {
            System.err.println("benchmarks: " + failed.getMessage());
            System.exit(1);
            return;
        }
        report(results, before, machine(), System.out);
    }

    /** The table of scores, ratios to the floor and allocation, then the targets. */
    static void report(Collection<RunResult> results, String before, String after, PrintStream out) {
        Map<String, RunResult> byName = new LinkedHashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            byName.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), result);
        }
        RunResult floor = byName.get(FLOOR);
        out.println();
        out.println("Approov token check, " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", JDK "
                + System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + ")");
        out.println("machine before: " + before);
        out.println("machine after:  " + after);
        out.println();
        out.printf(Locale.ROOT, "%-28s %12s %10s %9s %12s%n", "benchmark", "score", "+-99.9%", "x floor", "B/op");
        for (Map.Entry<String, RunResult> entry : byName.entrySet()) {
            Result<?> primary = entry.getValue().getPrimaryResult();
            out.printf(Locale.ROOT, "%-28s %12.1f %10.1f %9s %12s  %s%n", entry.getKey(), primary.getScore(),
                    primary.getScoreError(),
                    floor == null ? "-" : String.format(Locale.ROOT, "%.2f",
                            primary.getScore() / floor.getPrimaryResult().getScore()),
                    allocation(entry.getValue()), primary.getScoreUnit());
        }
        out.println();
        out.println("Targets (issue 5; scores as ratios from this one run):");
        printTargets(TARGETS, byName, out);
        out.println("Not a target of the issue, the same limit for comparison (a forger choosing the header):");
        printTargets(List.of(new Target("badSignatureUnseenHeader", 2.0, FLOOR)), byName, out);
        out.println("Message signing (issues 10, 15, 18): a signed request as a ratio to the token check alone, and a"
                + " single-use one to the plain signed request:");
        printRatios(SIGNING_RATIOS, byName, out);
    }

    /**
     * Issue 10's figures: each signed case against the token check alone of the same token; issue 15's account
     * signatures; issue 18's single-use requests against the same signed GET on a plain signed endpoint.
     */
    static final List<List<String>> SIGNING_RATIOS = List.of(
            List.of("signedGet", "signedTokenAlone"),
            List.of("signedPost", "signedTokenAlone"),
            List.of("signedGetTokenNotCached", "signedTokenAloneNotCached"),
            List.of("ecdsaVerifyJdk", "ecdsaVerifyBouncyCastle"),
            List.of("accountSignedGet", "accountTokenAlone"),
            List.of("accountSignedPost", "accountTokenAlone"),
            List.of("signedGet", "accountSignedGet"),
            List.of("singleUseGetInMemory", "signedGet"),
            List.of("singleUseGetRedis", "signedGet"),
            List.of("singleUseReplayInMemory", "signedGet"));

    private static void printRatios(List<List<String>> pairs, Map<String, RunResult> byName, PrintStream out) {
        for (List<String> pair : pairs) {
            RunResult measured = byName.get(pair.get(0));
            RunResult reference = byName.get(pair.get(1));
            if (measured == null || reference == null) {
                out.println("  " + pair.get(0) + " / " + pair.get(1) + ": not measured in this run");
                continue;
            }
            out.printf(Locale.ROOT, "  %-26s %9.2f x %s (+%.1f us)%n", pair.get(0),
                    measured.getPrimaryResult().getScore() / reference.getPrimaryResult().getScore(), pair.get(1),
                    (measured.getPrimaryResult().getScore() - reference.getPrimaryResult().getScore()) / 1000);
        }
    }

    private static void printTargets(List<Target> targets, Map<String, RunResult> byName, PrintStream out) {
        for (Target target : targets) {
            RunResult measured = byName.get(target.benchmark());
            RunResult reference = byName.get(target.reference());
            if (measured == null || reference == null) {
                out.println("  " + target.benchmark() + " <= " + target.limit() + " x " + target.reference()
                        + ": not measured in this run");
                continue;
            }
            double ratio = measured.getPrimaryResult().getScore() / reference.getPrimaryResult().getScore();
            out.printf(Locale.ROOT, "  %-26s <= %.2f x %-16s %6.2f x  %s%n", target.benchmark(), target.limit(),
                    target.reference(), ratio, ratio <= target.limit() ? "met" : "MISSED");
        }
    }

    /** Bytes allocated per operation, from the GC profiler, when it ran. */
    @SuppressWarnings("rawtypes") // RunResult.getSecondaryResults() returns Map<String, Result>, raw
    private static String allocation(RunResult result) {
        for (var secondary : result.getSecondaryResults().entrySet()) {
            if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
                return String.format(Locale.ROOT, "%.0f", secondary.getValue().getScore());
            }
        }
        return "-";
    }

    /** Load average and cores, so that figures from a shared machine can be judged. */
    static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        String load;
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            load = fields[0] + ", " + fields[1] + ", " + fields[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException notLinux) {
            load = String.format(Locale.ROOT, "%.2f (1 min)", os.getSystemLoadAverage());
        }
        return os.getAvailableProcessors() + " cores, load average " + load;
    }
}
