package io.github.approovjaxrs.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The one place a request is judged: what an adapter knows of a request in, one {@link ApproovDecision} out.
 * Every adapter (the JAX-RS filter, a servlet filter, a gateway, a proxy's check service) maps a request to
 * an {@link ApproovRequest}, calls {@link #decide}, and maps the decision to its own response:
 *
 * <pre>{@code
 * ApproovCheck check = ApproovCheck.create(ApproovConfig.fromEnvironment());   // once, at start-up
 * ...
 * ApproovDecision decision = check.decide(request, ApproovRequirements.token().withBinding());
 * if (decision instanceof ApproovDecision.Refused refused) {
 *     // answer refused.status(), refused.headers(), refused.body(), and stop
 * } else if (decision instanceof ApproovDecision.Accepted accepted) {
 *     // serve the request; accepted.claims() are the verified claims
 * } else {
 *     // LetThrough: monitor mode, serve the request without claims
 * }
 * }</pre>
 *
 * <p>The policy is applied here, once, for every adapter: the rules (T1–T10, B1–B4, M1–M14, R1–R4), monitor
 * mode per stage, the listeners and the log. Thread-safe; build one per configuration and share it. It never
 * throws on a request: whatever the input, the answer is a decision (an unexpected failure inside is refused
 * as {@link ApproovFailure#VERIFICATION_ERROR}).
 *
 * <p>Single-use signed requests are remembered in a {@link ReplayStore}: the builder's, else the one
 * {@code APPROOV_REPLAY_STORE_URL} names, else one in memory. {@link #close()} releases a store the check
 * opened itself.
 */
public final class ApproovCheck implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ApproovCheck.class.getPackageName());

    private final ApproovVerifier verifier;
    private final ApproovConfig config;
    private final List<ApproovListener> listeners;
    private final ReplayStore replayStore;
    /** Whether the check opened the store (from the configuration), so that {@link #close()} is its to do. */
    private final boolean ownsReplayStore;

    private ApproovCheck(ApproovVerifier verifier, List<ApproovListener> listeners, LoggingListener logging,
            ReplayStore replayStore, boolean ownsReplayStore) {
        this.verifier = verifier;
        this.config = verifier.config();
        this.replayStore = replayStore;
        this.ownsReplayStore = ownsReplayStore;
        List<ApproovListener> all = new ArrayList<>();
        if (config.loggingEnabled()) {
            all.add(logging != null ? logging : new LoggingListener());
        }
        all.addAll(listeners);
        this.listeners = List.copyOf(all);
    }

    /**
     * The check for {@code config}, logging its decisions when {@link ApproovConfig#loggingEnabled()}: a line
     * per decision, and under a flood the first 10 lines of each reason per second, then one line that counts
     * the rest.
     *
     * @throws ApproovConfigurationException if the JVM has jose4j's unsafe system properties
     *     {@code org.jose4j.jws.default-allow-none} or {@code org.jose4j.jws.getPayload-skip-verify} set, or
     *     {@code APPROOV_REPLAY_STORE_URL} names a store no module on the class path opens
     */
    public static ApproovCheck create(ApproovConfig config) {
        return builder(config).build();
    }

    /** A builder, to add listeners or give the replay store. */
    public static Builder builder(ApproovConfig config) {
        return new Builder(Objects.requireNonNull(config, "config"));
    }

    /** The configuration this check applies. */
    public ApproovConfig config() {
        return config;
    }

    /**
     * Judges {@code request} against {@code requirements}: the token first, then (if required) its binding,
     * then (if required) the request's message signature, the token verified once, and last (if required) that
     * the signed request is used for the first time. Each failure is reported to the listeners; the first
     * enforced one refuses the request. The body is read only if a {@code Content-Digest} must be checked; the
     * replay store is asked only about a request that passed everything else.
     *
     * @param request the request as received
     * @param requirements what its endpoint asks for
     */
    public ApproovDecision decide(ApproovRequest request, ApproovRequirements requirements) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(requirements, "requirements");
        try {
            return judge(request, requirements);
        } catch (RuntimeException | StackOverflowError unexpected) {
            // Fail closed and never 5xx; the exception's message may quote request data, so log its type only.
            LOG.log(System.Logger.Level.WARNING, () -> "Approov check failed unexpectedly ("
                    + unexpected.getClass().getName() + "); request refused");
            notify(l -> l.rejected(request, ApproovFailure.VERIFICATION_ERROR, true));
            return new ApproovDecision.Refused(ApproovFailure.VERIFICATION_ERROR);
        }
    }

    private ApproovDecision judge(ApproovRequest request, ApproovRequirements requirements) {
        // What the client's SDK reported, sanitized and only if a listener asks: for the rejection's log line.
        request.reportHeaders(config.statusHeaderName(), config.traceIdHeaderName());
        ApproovVerdict token = verifier.verify(request.headerLines(config.tokenHeaderName()));
        if (token instanceof ApproovVerdict.Rejected rejected) {
            ApproovFailure failure = rejected.reason();
            if (reject(request, failure)) {
                return new ApproovDecision.Refused(failure);
            }
            // Monitor mode: no claim of a failed token is trusted, so neither later check can be judged.
            if (requirements.binding()) {
                notify(l -> l.notChecked(request, ApproovFailure.Stage.BINDING));
            }
            if (requirements.messageSignature()) {
                notify(l -> l.notChecked(request, ApproovFailure.Stage.MESSAGE_SIGNATURE));
            }
            return new ApproovDecision.LetThrough(failure);
        }
        ApproovClaims claims = ((ApproovVerdict.Accepted) token).verifiedClaims();
        ApproovFailure letThrough = null;
        if (requirements.binding()) {
            ApproovFailure failure = verifier.checkBinding(claims, boundHeaderLines(request, requirements));
            if (failure != null) {
                if (reject(request, failure)) {
                    return new ApproovDecision.Refused(failure);
                }
                letThrough = failure;
            }
        }
        if (requirements.messageSignature()) {
            ApproovVerdict signature = verifier.checkMessageSignature(claims, request,
                    requirements.singleUseMessageSignature());
            if (signature instanceof ApproovVerdict.Rejected rejected) {
                if (reject(request, rejected.reason())) {
                    return new ApproovDecision.Refused(rejected.reason());
                }
                letThrough = letThrough != null ? letThrough : rejected.reason();
            } else {
                claims = ((ApproovVerdict.Accepted) signature).verifiedClaims();
            }
        }
        if (letThrough != null) {
            // Claims are only ever handed on for requests that passed every check of their endpoint.
            return new ApproovDecision.LetThrough(letThrough);
        }
        ApproovClaims accepted = claims;
        notify(l -> l.accepted(request, accepted));
        return new ApproovDecision.Accepted(accepted);
    }

    /**
     * The lines of each header the binding reads, in order: the headers the endpoint names; else the values a
     * custom extractor found, which stand for the whole binding; else the configured binding headers.
     */
    private List<List<String>> boundHeaderLines(ApproovRequest request, ApproovRequirements requirements) {
        List<String> names = requirements.bindingHeaderNames();
        if (names.isEmpty()) {
            List<String> extracted = request.bindingValues();
            if (extracted != null) {
                return List.of(extracted);
            }
            names = config.bindingHeaderNames();
        }
        if (names.size() == 1) {
            return List.of(request.headerLines(names.get(0)));
        }
        List<List<String>> lines = new ArrayList<>(names.size());
        for (String name : names) {
            lines.add(request.headerLines(name));
        }
        return lines;
    }

    /** Reports the failure; true when its stage is enforced (false: monitor mode lets the request go on). */
    private boolean reject(ApproovRequest request, ApproovFailure failure) {
        boolean enforced = failure.isEnforcedBy(config);
        notify(l -> l.rejected(request, failure, enforced));
        return enforced;
    }

    /** Tells every listener, isolating each from the others' failures. */
    private void notify(Consumer<ApproovListener> event) {
        for (ApproovListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException broken) {
                LOG.log(System.Logger.Level.WARNING, () -> "Approov listener " + listener.getClass().getName()
                        + " threw " + broken.getClass().getName() + "; ignored");
            }
        }
    }

    /**
     * One line for an adapter's start-up log: header names, keys (algorithm, id and size only, never key
     * material), the modes, audience, clock skew, the headers of the client's report and message-signing
     * settings: which signatures a signed endpoint requires, and the account message-signing keys (id and
     * size only).
     */
    public String describe() {
        return "token header " + config.tokenHeaderName()
                + ", binding header" + (config.bindingHeaderNames().size() > 1 ? "s " : " ")
                + String.join(" + ", config.bindingHeaderNames())
                + ", keys " + config.keys().stream().map(VerificationKey::describe).toList()
                + (config.abortOnInvalidToken() ? "" : ", MONITOR MODE for tokens")
                + (config.abortOnInvalidBinding() ? "" : ", MONITOR MODE for bindings")
                + config.expectedAudience().map(a -> ", expected audience " + a).orElse("")
                + ", clock skew " + config.clockSkew().toSeconds() + "s"
                + ", client report in " + config.statusHeaderName() + " and " + config.traceIdHeaderName()
                + "; message signatures: " + signaturePolicy() + ", tolerance " + config.signatureTolerance().toSeconds()
                + "s, max age "
                + config.signatureMaxAge().toSeconds() + "s, origin "
                + config.publicOrigin().orElse("from the request URI") + ", " + verifier.ecdsaEngine()
                + (config.abortOnInvalidMessageSignature() ? "" : ", MONITOR MODE for message signatures")
                + "; single-use signatures remembered " + replayStore.describe();
    }

    /**
     * Closes the replay store the check opened from its configuration ({@code APPROOV_REPLAY_STORE_URL}, or the
     * in-memory one); a store given to {@link Builder#replayStore} is its owner's to close. Call it when the
     * server stops; the check must not be used after.
     */
    @Override
    public void close() {
        if (ownsReplayStore) {
            replayStore.close();
        }
    }

    /** Which signatures a signed endpoint requires (rule A1), and the account keys by id and size only. */
    private String signaturePolicy() {
        String withoutIpk = config.requireInstallationKey() ? "a token without ipk refused" : null;
        if (config.accountKeys().isEmpty()) {
            return "install when the token has ipk, " + (withoutIpk != null ? withoutIpk : "token-only without");
        }
        String keys = " (" + config.accountKeys().stream().map(AccountKey::describe).toList() + ")";
        if (config.requireAccountSignature()) {
            return "account on every request" + keys + " and install when the token has ipk"
                    + (withoutIpk != null ? ", " + withoutIpk : "");
        }
        return "install when the token has ipk, " + (withoutIpk != null ? withoutIpk
                : "account when it has none but an mskid" + keys + ", token-only with neither");
    }

    /** Collects the listeners; {@link #build()} returns the check. */
    public static final class Builder {
        private final ApproovConfig config;
        private final List<ApproovListener> listeners = new ArrayList<>();
        private EcdsaP256 ecdsa = EcdsaP256.DEFAULT;
        private LoggingListener logging;
        private ReplayStore replayStore;

        private Builder(ApproovConfig config) {
            this.config = config;
        }

        /** Adds a listener; it hears every decision, alongside the default logging (if enabled). */
        public Builder listener(ApproovListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Where single-use signed requests are remembered, in place of the one the configuration names
         * ({@code APPROOV_REPLAY_STORE_URL}, else in memory): e.g. a store built in code, or one shared by
         * several checks. The caller keeps it, and closes it when done.
         */
        public Builder replayStore(ReplayStore store) {
            this.replayStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The ECDSA engine for message signatures: tests run each. */
        Builder ecdsa(EcdsaP256 engine) {
            this.ecdsa = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** The default logging with a test's logger, clock and timer (used only when logging is enabled). */
        Builder logging(LoggingListener logging) {
            this.logging = Objects.requireNonNull(logging, "logging");
            return this;
        }

        /**
         * The check. Opens the replay store {@code APPROOV_REPLAY_STORE_URL} names, unless one was given, without
         * waiting for it to answer.
         *
         * @throws ApproovConfigurationException if the JVM has jose4j's unsafe system properties set, or no
         *     module on the class path opens the store {@code APPROOV_REPLAY_STORE_URL} names
         */
        public ApproovCheck build() {
            boolean owned = replayStore == null;
            ReplayStore store = owned ? ReplayStores.open(config) : replayStore;
            try {
                return new ApproovCheck(ApproovVerifier.create(config, ecdsa, store), listeners, logging, store, owned);
            } catch (RuntimeException | Error failed) {
                if (owned) {
                    store.close();
                }
                throw failed;
            }
        }
    }
}
