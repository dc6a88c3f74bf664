package io.github.approovjaxrs.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar benchmarks.jar tokens [options]}: prints many distinct tokens, one per line, minted in
 * this one JVM, for the load script's token pools (a pool so large that the verifier's cache cannot flatter
 * the figures, and floods of forged tokens). Signed with {@code APPROOV_BASE64_SECRET} from the environment
 * or, when it is unset, Approov's public dummy secret, which the Shapes API falls back to.
 */
final class TokenPool {

    static final String USAGE = """
            Usage: java -jar benchmarks/target/benchmarks.jar tokens [options]

            Prints distinct Approov-shaped tokens (exp, iat, did, ip), one per line.

              --count <n>               how many (default 1, at most 1000000)
              --type valid|bad-signature|expired
                                        valid (default); bad-signature: signed with another key;
                                        expired: exp an hour ago
              --bind <value>            bind each valid or expired token to this Authorization
                                        value (adds pay)
              --expires-in <seconds>    lifetime of valid and forged tokens (default 7200)
              --seed <n>                seed of the device ids (default 1)

            Signed with APPROOV_BASE64_SECRET, or Approov's public dummy secret when it is unset.
            """;

    static final int MAXIMUM_COUNT = 1_000_000;

    private TokenPool() {
    }

    /** Runs the tool; exit status 0, or 2 with the usage for bad options. */
    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        int count = 1;
        String type = "valid";
        String binding = null;
        long expiresIn = 7200;
        long seed = 1;
        try {
            for (int i = 0; i < args.size(); i++) {
                String option = args.get(i);
                if (option.equals("--help")) {
                    out.print(USAGE);
                    return 0;
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args.get(++i);
                switch (option) {
                    case "--count" -> count = Integer.parseInt(value);
                    case "--type" -> type = value;
                    case "--bind" -> binding = value;
                    case "--expires-in" -> expiresIn = Long.parseLong(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (count < 1 || count > MAXIMUM_COUNT) {
                throw new IllegalArgumentException("--count must be between 1 and " + MAXIMUM_COUNT);
            }
            if (expiresIn < 1) {
                throw new IllegalArgumentException("--expires-in must be at least 1 second");
            }
            if (!List.of("valid", "bad-signature", "expired").contains(type)) {
                throw new IllegalArgumentException("--type must be valid, bad-signature or expired");
            }
        } catch (IllegalArgumentException usage) { // NumberFormatException included
            err.println("tokens: " + usage.getMessage());
            err.print(USAGE);
            return 2;
        }

        String secret = environment.get("APPROOV_BASE64_SECRET");
        TokenMinter minter = secret == null || secret.isBlank()
                ? TokenMinter.withDummySecret(seed)
                : new TokenMinter(Base64.getDecoder().decode(secret.strip()), seed);
        Instant now = Instant.now();
        Instant expiresAt = now.plus(Duration.ofSeconds(expiresIn));
        Instant expiredAt = now.minus(Duration.ofHours(1));
        try {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
            for (int i = 0; i < count; i++) {
                String token = switch (type) {
                    case "bad-signature" -> minter.forge(now, expiresAt);
                    case "expired" -> minter.mint(expiredAt.minus(Duration.ofHours(1)), expiredAt, binding);
                    default -> minter.mint(now, expiresAt, binding);
                };
                writer.write(token);
                writer.write('\n');
            }
            writer.flush();
        } catch (IOException cannotWrite) {
            err.println("tokens: cannot write: " + cannotWrite.getMessage());
            return 1;
        }
        return 0;
    }
}
