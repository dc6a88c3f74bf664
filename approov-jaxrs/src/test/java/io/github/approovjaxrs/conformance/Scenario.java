package io.github.approovjaxrs.conformance;

import io.github.approovjaxrs.ApproovBound;
import io.github.approovjaxrs.ApproovFeature;
import io.github.approovjaxrs.ApproovProtected;
import io.github.approovjaxrs.conformance.endpoints.BoundClass;
import io.github.approovjaxrs.conformance.endpoints.CookieBound;
import io.github.approovjaxrs.conformance.endpoints.MethodLevel;
import io.github.approovjaxrs.conformance.endpoints.ProtectedClass;
import io.github.approovjaxrs.conformance.endpoints.Quickstart;
import io.github.approovjaxrs.conformance.endpoints.Seen;
import io.github.approovjaxrs.conformance.endpoints.SessionClass;
import io.github.approovjaxrs.conformance.endpoints.SignedResource;
import io.github.approovjaxrs.conformance.endpoints.SingleUseClass;
import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovFailure;
import io.github.approovjaxrs.core.ApproovListener;
import io.github.approovjaxrs.core.ApproovRequest;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One deployment the suite tests: a plain {@link Application} (annotated or not), the resources it serves, and the
 * {@link ApproovFeature} it registers, configured for the scenario and heard by the scenario's {@link Recorder}. A
 * runtime serves each scenario once per test run, however many test classes use it.
 */
public enum Scenario {
    /**
     * The zero-configuration setup (one secret), every placement of the annotations, endpoints bound to the headers
     * they name, signed bodies up to 64 bytes, single-use endpoints remembered in memory.
     */
    ENFORCING(AppWide.NONE, List.of(MethodLevel.class, ProtectedClass.class, BoundClass.class, SignedResource.class,
            SingleUseClass.class, Quickstart.class),
            () -> AttackMatrix.config(AttackMatrix.Target.DEFAULT, false).maxBodyBytes(64), UnaryOperator.identity()),
    /** {@code @ApproovProtected} on the {@code Application}: every resource needs a token. */
    PROTECTED_APPLICATION(AppWide.PROTECTED, List.of(MethodLevel.class), () -> AttackMatrix.config(AttackMatrix.Target.DEFAULT, false),
            UnaryOperator.identity()),
    /** {@code @ApproovBound} on the {@code Application}: every resource needs a bound token. */
    BOUND_APPLICATION(AppWide.BOUND, List.of(MethodLevel.class), () -> AttackMatrix.config(AttackMatrix.Target.DEFAULT, false),
            UnaryOperator.identity()),
    /** Monitor mode for the token, the binding and the signature; signed bodies up to 8 bytes. */
    MONITOR(AppWide.NONE, List.of(MethodLevel.class, SignedResource.class, Quickstart.class),
            () -> AttackMatrix.config(AttackMatrix.Target.DEFAULT, true).maxBodyBytes(8), UnaryOperator.identity()),
    /** Monitor mode for the binding only. */
    BINDING_MONITOR(AppWide.NONE, List.of(MethodLevel.class),
            () -> AttackMatrix.config(AttackMatrix.Target.DEFAULT, false).abortOnInvalidBinding(false), UnaryOperator.identity()),
    /**
     * Another token header, a 403 failure response, a binding to a cookie (beside endpoints that name their binding
     * headers), and a listener that throws.
     */
    CUSTOM_HOOKS(AppWide.NONE, List.of(MethodLevel.class, CookieBound.class, Quickstart.class),
            () -> AttackMatrix.config(AttackMatrix.Target.DEFAULT, false).tokenHeaderName("X-App-Token"),
            feature -> feature
                    .failureResponder((refused, request) -> Response.status(403)
                            .entity("{\"error\":\"app not verified\"}").type("application/json").build())
                    .bindingExtractor(request -> {
                        Map<String, Cookie> cookies = request.getCookies();
                        return cookies.containsKey("session") ? List.of(cookies.get("session").getValue()) : List.of();
                    })
                    .listener(new ApproovListener() {
                        @Override
                        public void accepted(ApproovRequest request, ApproovClaims claims) {
                            throw new IllegalStateException("a broken listener must not break requests");
                        }
                    })),
    /** A failure responder that throws or returns null, and a binding extractor that throws. */
    BROKEN_HOOKS(AppWide.NONE, List.of(MethodLevel.class, CookieBound.class),
            () -> AttackMatrix.config(AttackMatrix.Target.DEFAULT, false),
            feature -> feature
                    .failureResponder((refused, request) -> {
                        if (refused.reason() == ApproovFailure.MISSING_TOKEN) {
                            throw new IllegalStateException("broken responder");
                        }
                        return null;
                    })
                    .bindingExtractor(request -> {
                        throw new IllegalStateException("broken extractor");
                    })),
    /** The attack matrix's key set with an expected audience. */
    HARDENED(AppWide.NONE, List.of(MethodLevel.class), () -> AttackMatrix.config(AttackMatrix.Target.HARDENED, false),
            UnaryOperator.identity()),
    /** The same in monitor mode. */
    HARDENED_MONITOR(AppWide.NONE, List.of(MethodLevel.class), () -> AttackMatrix.config(AttackMatrix.Target.HARDENED, true),
            UnaryOperator.identity()),
    /** Message signing behind a TLS proxy: the public origin, a required Content-Digest, bodies up to 1 KB. */
    SIGNED(AppWide.NONE, List.of(SignedResource.class), () -> AttackMatrix.config(AttackMatrix.Target.SIGNED, false),
            UnaryOperator.identity()),
    /** The same in monitor mode. */
    SIGNED_MONITOR(AppWide.NONE, List.of(SignedResource.class), () -> AttackMatrix.config(AttackMatrix.Target.SIGNED, true),
            UnaryOperator.identity()),
    /** Message signing as {@link #SIGNED}, with an account message-signing key for tokens without ipk that name it. */
    ACCOUNT(AppWide.NONE, List.of(SignedResource.class), () -> AttackMatrix.config(AttackMatrix.Target.ACCOUNT, false),
            UnaryOperator.identity()),
    /** The same in monitor mode. */
    ACCOUNT_MONITOR(AppWide.NONE, List.of(SignedResource.class), () -> AttackMatrix.config(AttackMatrix.Target.ACCOUNT, true),
            UnaryOperator.identity()),
    /**
     * Message signing as {@link #SIGNED}, its single-use requests remembered in a store that cannot answer (as a
     * Redis that is down): single-use requests get 503, other signed ones never ask it.
     */
    STORE_DOWN(AppWide.NONE, List.of(SignedResource.class), () -> AttackMatrix.config(AttackMatrix.Target.STORE_DOWN, false),
            feature -> feature.replayStore(AttackMatrix.UNREACHABLE_STORE)),
    /** One configured binding header ({@code X-Configured}) beside endpoints and a class that name their own. */
    NAMED_HEADERS(AppWide.NONE, List.of(Quickstart.class, SessionClass.class),
            () -> AttackMatrix.config(AttackMatrix.Target.DEFAULT, false).bindingHeaderNames("X-Configured"),
            UnaryOperator.identity()),
    /** Two configured binding headers, {@code Authorization} then {@code SessionId}. */
    CONFIGURED_HEADERS(AppWide.NONE, List.of(MethodLevel.class, Quickstart.class),
            () -> AttackMatrix.config(AttackMatrix.Target.DEFAULT, false).bindingHeaderNames("Authorization", "SessionId"),
            UnaryOperator.identity()),
    /** {@code @ApproovBound("X-Session")} on the {@code Application}: every resource bound to it, unless it names its own. */
    SESSION_APPLICATION(AppWide.BOUND_TO_SESSION, List.of(MethodLevel.class, Quickstart.class),
            () -> AttackMatrix.config(AttackMatrix.Target.DEFAULT, false), UnaryOperator.identity()),
    /** The client's {@code Approov-Status} and a trace id in {@code X-Trace}, as listeners hear them. */
    CLIENT_REPORT(AppWide.NONE, List.of(MethodLevel.class),
            () -> AttackMatrix.config(AttackMatrix.Target.DEFAULT, false).traceIdHeaderName("X-Trace"),
            UnaryOperator.identity()),
    /** A resource method whose {@code @ApproovBound} names a header twice: the runtime must not start. */
    HEADER_TWICE_ON_A_METHOD(AppWide.NONE, List.of(HeaderTwice.class), () -> AttackMatrix.config(AttackMatrix.Target.DEFAULT, false),
            UnaryOperator.identity()),
    /** {@code @ApproovBound} naming a header twice on the {@code Application}: every protected request refused. */
    HEADER_TWICE_ON_THE_APPLICATION(AppWide.BOUND_TWICE, List.of(MethodLevel.class),
            () -> AttackMatrix.config(AttackMatrix.Target.DEFAULT, false), UnaryOperator.identity());

    /** What the {@code Application} subclass itself is annotated with (a global binding). */
    public enum AppWide {
        NONE,
        PROTECTED,
        BOUND,
        /** {@code @ApproovBound("X-Session")}. */
        BOUND_TO_SESSION,
        /** {@code @ApproovBound({"SessionId", "SESSIONID"})}: a header named twice. */
        BOUND_TWICE
    }

    private final AppWide appWide;
    private final List<Class<?>> resources;
    private final Supplier<ApproovConfig.Builder> config;
    private final UnaryOperator<ApproovFeature.Builder> hooks;
    private final Recorder recorder = new Recorder();
    private volatile ApproovFeature feature;

    Scenario(AppWide appWide, List<Class<?>> resources, Supplier<ApproovConfig.Builder> config,
            UnaryOperator<ApproovFeature.Builder> hooks) {
        this.appWide = appWide;
        this.resources = resources;
        this.config = config;
        this.hooks = hooks;
    }

    /** What the scenario's {@code Application} is annotated with. */
    public AppWide appWide() {
        return appWide;
    }

    /** The resource classes and the {@link Seen} filter the scenario serves. */
    public Set<Class<?>> classes() {
        Set<Class<?>> classes = new java.util.LinkedHashSet<>(resources);
        classes.add(Seen.class);
        return classes;
    }

    /** Hears every decision of the scenario's check. */
    public Recorder recorder() {
        return recorder;
    }

    /** The scenario's feature, built once: its configuration, its hooks, and {@link #recorder()}. */
    public ApproovFeature feature() {
        ApproovFeature built = feature;
        if (built == null) {
            synchronized (this) {
                built = feature;
                if (built == null) {
                    built = hooks.apply(ApproovFeature.builder(config.get().build()).listener(recorder)).build();
                    feature = built;
                }
            }
        }
        return built;
    }

    /** A new instance of the scenario's plain {@code Application} subclass. */
    public Application application() {
        return switch (appWide) {
            case NONE -> new PlainApplication(this);
            case PROTECTED -> new ProtectedApplication(this);
            case BOUND -> new BoundApplication(this);
            case BOUND_TO_SESSION -> new SessionApplication(this);
            case BOUND_TWICE -> new TwiceBoundApplication(this);
        };
    }

    /** An application of {@link #classes()} and {@link #feature()}. */
    public abstract static class ScenarioApplication extends Application {
        private final Scenario scenario;

        ScenarioApplication(Scenario scenario) {
            this.scenario = scenario;
        }

        /** The scenario it serves. */
        public Scenario scenario() {
            return scenario;
        }

        @Override
        public Set<Class<?>> getClasses() {
            return scenario.classes();
        }

        /**
         * The feature, built with its configuration: {@code getSingletons} is how a plain {@code Application} hands
         * over a configured instance on every runtime that starts one (Jakarta REST 3.1 deprecates it in favour of
         * CDI, which not every runtime has).
         */
        @Override
        @SuppressWarnings("deprecation")
        public Set<Object> getSingletons() {
            return Set.of(scenario.feature());
        }
    }

    /** No global binding. */
    public static final class PlainApplication extends ScenarioApplication {
        PlainApplication(Scenario scenario) {
            super(scenario);
        }
    }

    /** Every resource needs a valid token. */
    @ApproovProtected
    public static final class ProtectedApplication extends ScenarioApplication {
        ProtectedApplication(Scenario scenario) {
            super(scenario);
        }
    }

    /** Every resource needs a valid bound token. */
    @ApproovBound
    public static final class BoundApplication extends ScenarioApplication {
        BoundApplication(Scenario scenario) {
            super(scenario);
        }
    }

    /** Every resource needs a token bound to {@code X-Session}, unless it names its own binding headers. */
    @ApproovBound("X-Session")
    public static final class SessionApplication extends ScenarioApplication {
        SessionApplication(Scenario scenario) {
            super(scenario);
        }
    }

    /** Names a header twice, where only the first request can find out (the feature sees the Application then). */
    @ApproovBound({"SessionId", "SESSIONID"})
    public static final class TwiceBoundApplication extends ScenarioApplication {
        TwiceBoundApplication(Scenario scenario) {
            super(scenario);
        }
    }

    /**
     * A resource whose annotation names a header twice: no valid binding can be built from it. Outside
     * {@code endpoints}, which Quarkus indexes for every one of its profiles.
     */
    @jakarta.ws.rs.Path("twice")
    public static class HeaderTwice {
        /** Never served. */
        @jakarta.ws.rs.GET
        @ApproovBound({"Authorization", "authorization"})
        public String get() {
            return "never";
        }
    }
}
