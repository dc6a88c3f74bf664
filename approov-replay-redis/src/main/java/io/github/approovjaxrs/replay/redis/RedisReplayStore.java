package io.github.approovjaxrs.replay.redis;

import io.github.approovjaxrs.core.ApproovConfigurationException;
import io.github.approovjaxrs.core.ReplayStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Single-use signed requests remembered in Redis (or Valkey), shared by every server that points at it: a first
 * use is {@code SET approov:replay:<32-byte key> 1 NX PX <ttl>}, atomic in Redis, so of any number of
 * simultaneous copies of one request on any number of servers exactly one is recorded.
 *
 * <p>Bounded and fail-closed, never a hung request thread: a request waits for Redis's answer at most the
 * timeout ({@code APPROOV_REPLAY_STORE_TIMEOUT_MILLIS}, 50 ms by default), and anything but an answer (a
 * timeout, a lost connection, an error reply, a wrong password) is {@link Outcome#UNAVAILABLE}, which the check
 * turns into {@code 503} with {@code Retry-After}. A {@link Breaker} then refuses single-use requests at once,
 * without asking Redis, for a pause (100 ms, doubling to 1 s while Redis stays down), so a dead Redis costs one
 * request a timeout rather than every request; after each pause one request asks again, and the first answer
 * closes it: the store recovers by itself. Lettuce reconnects a lost connection by itself (within a second) and
 * refuses commands at once while it is disconnected.
 *
 * <p>One connection, multiplexed and thread-safe, opened in the background: a Redis that is down when the
 * server starts does not stop it. The URL's password never reaches a log line or {@link #describe()}; a key is
 * never logged. Build one with {@link #open(String, Duration)}, or let {@code APPROOV_REPLAY_STORE_URL} do it.
 */
public final class RedisReplayStore implements ReplayStore {

    private static final System.Logger LOG = System.getLogger(RedisReplayStore.class.getPackageName());
    private static final byte[] KEY_PREFIX = "approov:replay:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE = {'1'};
    /**
     * The key of the command a new connection sends before requests may use it: the same {@code SET NX PX} they
     * send, so that the classes and code it runs are loaded and warm, and a new server's first single-use request
     * is not the one that pays for it (over 50 ms on a cold JVM, measured: a 503).
     */
    private static final byte[] WARM_UP_KEY = "approov:replay:warm-up".getBytes(StandardCharsets.US_ASCII);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(1);
    /** How long the background connect may take: it never holds a request thread. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Commands waiting for a slow Redis, at most: beyond it, new ones are refused at once rather than queued. */
    private static final int MAX_QUEUED_COMMANDS = 10_000;

    private final RedisURI uri;
    /** The URL without its user name and password, for log lines. */
    private final String where;
    private final Duration timeout;
    private final String description;
    private final ClientResources resources;
    private final RedisClient client;
    private final Breaker breaker;
    /** The connection being opened, if any: a request may wait for it, within its timeout. */
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<byte[], byte[]>>> connecting =
            new AtomicReference<>();
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile boolean closed;

    private RedisReplayStore(RedisURI uri, String where, Duration timeout, SslOptions ssl) {
        this.uri = uri;
        this.where = where;
        this.timeout = timeout;
        this.description = "in Redis at " + where + " (timeout " + timeout.toMillis() + " ms)";
        this.breaker = new Breaker(FIRST_PAUSE, MAX_PAUSE, System::nanoTime);
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                // Lettuce's own reconnection of a lost connection: soon, and at least once a second.
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), MAX_PAUSE, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        ClientOptions.Builder options = ClientOptions.builder()
                .autoReconnect(true)
                // While disconnected, a command fails at once instead of waiting in a queue for the reconnection.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(MAX_QUEUED_COMMANDS)
                .timeoutOptions(TimeoutOptions.builder().fixedTimeout(timeout).build())
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build());
        if (ssl != null) {
            options.sslOptions(ssl);
        }
        client.setOptions(options.build());
        warnIfTheWireIsLogged(where);
        connectInBackground();
    }

    /**
     * Lettuce logs every command it sends, byte for byte, at TRACE ({@code io.lettuce.core.protocol}): the password
     * of {@code AUTH}/{@code HELLO} and the replay keys among them. Nothing below TRACE does. Said once, at start-up,
     * where an operator sees it: the log is theirs to configure.
     */
    static boolean warnIfTheWireIsLogged(String where) {
        boolean wire = InternalLoggerFactory.getInstance("io.lettuce.core.protocol.CommandEncoder").isTraceEnabled();
        if (wire) {
            LOG.log(System.Logger.Level.WARNING, "Approov replay store (Redis at " + where + "): TRACE logging of"
                    + " io.lettuce.core.protocol is on, and writes every command sent to Redis, the password and the replay"
                    + " keys among them; set it to DEBUG or less outside a debugging session");
        }
        return wire;
    }

    /**
     * The store at {@code url}, connecting in the background (this returns at once, and requests are refused
     * with 503 until Redis answers).
     *
     * @param url {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://...} for TLS (the
     *     server's certificate checked against the JVM's trust store, and its host name); special characters of
     *     the password percent-encoded
     * @param timeout how long a request waits for Redis's answer: 1 to 1000 ms
     * @throws ApproovConfigurationException when {@code url} is not such a URL; the message never shows it
     */
    public static RedisReplayStore open(String url, Duration timeout) {
        return open(url, timeout, null);
    }

    /** {@link #open(String, Duration)} with the TLS settings of a test (its own trust store). */
    static RedisReplayStore open(String url, Duration timeout, SslOptions ssl) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new ApproovConfigurationException("The Redis replay store's timeout must be between 1 and 1000 ms;"
                    + " got " + timeout.toMillis() + " ms.");
        }
        RedisURI uri = parse(url);
        return new RedisReplayStore(uri, describe(uri, url.strip().indexOf('@') >= 0), timeout, ssl);
    }

    /** The URL as Lettuce reads it; a refusal never quotes it (it may hold a password). */
    static RedisURI parse(String url) {
        String scheme = url.strip().toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("redis://") && !scheme.startsWith("rediss://")) {
            throw new ApproovConfigurationException("APPROOV_REPLAY_STORE_URL must start with redis:// or rediss://"
                    + " (TLS) for the Redis replay store.");
        }
        if (!hasHostAndPort(url.strip())) {
            throw new ApproovConfigurationException("APPROOV_REPLAY_STORE_URL names no Redis host and port: write it"
                    + " as redis://[[user]:password@]host[:port][/database], with special characters of the password"
                    + " percent-encoded.");
        }
        RedisURI uri;
        try {
            uri = RedisURI.create(url.strip());
        } catch (RuntimeException unreadable) {
            throw new ApproovConfigurationException("APPROOV_REPLAY_STORE_URL is not a Redis URL ("
                    + unreadable.getClass().getSimpleName() + "): write it as redis://[[user]:password@]host[:port]"
                    + "[/database], or rediss://... for TLS, with special characters of the password percent-encoded.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ApproovConfigurationException("APPROOV_REPLAY_STORE_URL names no Redis host: write it as"
                    + " redis://host:6379.");
        }
        return uri;
    }

    /** Whether {@code url} is a URI with a host name (and, if any, a numeric port): Lettuce is more lenient. */
    private static boolean hasHostAndPort(String url) {
        try {
            return new java.net.URI(url).getHost() != null;
        } catch (java.net.URISyntaxException notAUri) {
            return false;
        }
    }

    /**
     * The URL without its user name or password: scheme, a mark where {@code credentials} were, host, port and
     * database.
     */
    static String describe(RedisURI uri, boolean credentials) {
        return (uri.isSsl() ? "rediss://" : "redis://") + (credentials ? "***@" : "") + uri.getHost() + ":" + uri.getPort()
                + "/" + uri.getDatabase();
    }

    @Override
    public Outcome firstUse(byte[] key, Duration ttl) {
        Breaker.Ticket ticket = closed ? Breaker.Ticket.REFUSED : breaker.ask();
        if (ticket == Breaker.Ticket.REFUSED) {
            return Outcome.UNAVAILABLE;
        }
        // One budget for the whole request, a connection still being opened included.
        long deadline = System.nanoTime() + timeout.toNanos();
        StatefulRedisConnection<byte[], byte[]> current = connection;
        if (current == null) {
            current = awaitConnection(deadline);
        }
        if (current == null || !current.isOpen()) {
            return unavailable(ticket, "not connected");
        }
        RedisFuture<String> reply;
        try {
            reply = current.async().set(redisKey(key), VALUE, SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis())));
        } catch (RuntimeException refused) {
            return unavailable(ticket, refused.getClass().getSimpleName());
        }
        try {
            String answer = reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            answered();
            // SET ... NX answers OK when it set the key, and nil when the key was there.
            return "OK".equals(answer) ? Outcome.FIRST_USE : Outcome.REPLAYED;
        } catch (TimeoutException slow) {
            reply.cancel(false);
            return unavailable(ticket, "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException failed) {
            return unavailable(ticket, failed.getCause() == null ? "error" : failed.getCause().getClass().getSimpleName());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return unavailable(ticket, "interrupted");
        }
    }

    private static byte[] redisKey(byte[] key) {
        byte[] redisKey = new byte[KEY_PREFIX.length + key.length];
        System.arraycopy(KEY_PREFIX, 0, redisKey, 0, KEY_PREFIX.length);
        System.arraycopy(key, 0, redisKey, KEY_PREFIX.length, key.length);
        return redisKey;
    }

    private void answered() {
        if (breaker.succeeded() == Breaker.Change.CLOSED) {
            LOG.log(System.Logger.Level.INFO, () -> "Approov replay store: Redis at " + where
                    + " answers again; single-use requests are judged again");
        }
    }

    /** Why Redis could not answer, said once when the breaker opens; never a key, never the password. */
    private Outcome unavailable(Breaker.Ticket ticket, String why) {
        if (breaker.failed(ticket) == Breaker.Change.OPENED) {
            LOG.log(System.Logger.Level.WARNING, () -> "Approov replay store: Redis at " + where
                    + " did not answer (" + why + "); single-use requests get 503 until it does, asked again"
                    + " within a second");
        }
        return Outcome.UNAVAILABLE;
    }

    /**
     * The connection, once the attempt under way (or one started now) opens it before {@code deadline}; null
     * when it does not. A request waits for it no longer than for an answer.
     */
    private StatefulRedisConnection<byte[], byte[]> awaitConnection(long deadline) {
        CompletableFuture<StatefulRedisConnection<byte[], byte[]>> attempt = connectInBackground();
        if (attempt == null) {
            return connection;
        }
        try {
            return attempt.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException notYet) {
            return null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Starts connecting, unless a connection is being opened (then that attempt) or the store is closed (null).
     * The attempt completes with the connection, or exceptionally; nobody has to wait for it.
     */
    private CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connectInBackground() {
        CompletableFuture<StatefulRedisConnection<byte[], byte[]>> attempt = new CompletableFuture<>();
        while (true) {
            if (closed) {
                return null;
            }
            CompletableFuture<StatefulRedisConnection<byte[], byte[]>> underWay = connecting.get();
            if (underWay != null) {
                return underWay;
            }
            if (connecting.compareAndSet(null, attempt)) {
                break;
            }
        }
        CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connected;
        try {
            connected = client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture();
        } catch (RuntimeException refused) {
            connected = CompletableFuture.failedFuture(refused);
        }
        connected.thenCompose(opened -> opened.async().set(WARM_UP_KEY, VALUE, SetArgs.Builder.nx().px(1))
                .toCompletableFuture().handle((warm, ignored) -> opened)).whenComplete((opened, failure) -> {
            if (failure == null && !closed) {
                connection = opened;
                answered();
                connecting.set(null);
                attempt.complete(opened);
                return;
            }
            if (failure == null) {
                opened.closeAsync();
            } else {
                unavailable(Breaker.Ticket.ASK, "cannot connect: " + rootCause(failure).getClass().getSimpleName());
            }
            connecting.set(null);
            attempt.completeExceptionally(failure != null ? failure : new IllegalStateException("closed"));
        });
        return attempt;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Where, and how long a request may wait: for the start-up line; never the password. */
    @Override
    public String describe() {
        return description;
    }

    /** Whether single-use requests are being refused without asking Redis: for tests. */
    boolean isResting() {
        return breaker.isOpen();
    }

    /** Closes the connection and stops Lettuce's threads; later requests are {@link Outcome#UNAVAILABLE}. */
    @Override
    public void close() {
        closed = true;
        StatefulRedisConnection<byte[], byte[]> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, CONNECT_TIMEOUT);
        resources.shutdown(0, CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "RedisReplayStore[" + where + "]";
    }
}
