package io.github.approovjaxrs;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one thing to register: turns {@link ApproovProtected}, {@link ApproovBound} and {@link ApproovSigned}
 * into checks.
 *
 * <pre>{@code
 * ResourceConfig app = new ResourceConfig(ShapesResource.class)
 *         .register(ApproovFeature.fromEnvironment());
 * }</pre>
 *
 * <p>Construction reads and validates the configuration and builds the verifier, so a missing or invalid
 * secret stops start-up right there, with a message naming the variable. Resources read the verified claims
 * with {@link #claims(ContainerRequestContext)}. Unannotated resources stay open.
 */
public final class ApproovFeature implements Feature {

    private static final System.Logger LOG = System.getLogger(ApproovFeature.class.getPackageName());

    private final ApproovVerifier verifier;
    private final ApproovListener listener;
    private final ApproovBindingExtractor bindingExtractor;
    private final ApproovFailureResponder failureResponder;
    private final int priority;

    private ApproovFeature(Builder builder) {
        this.verifier = builder.verifier;
        List<ApproovListener> listeners = new ArrayList<>();
        if (verifier.config().loggingEnabled()) {
            listeners.add(new LoggingListener());
        }
        listeners.addAll(builder.listeners);
        this.listener = new Listeners(List.copyOf(listeners));
        this.bindingExtractor = builder.bindingExtractor != null
                ? builder.bindingExtractor
                : ApproovBindingExtractor.header(verifier.config().bindingHeaderName());
        this.failureResponder = builder.failureResponder;
        this.priority = builder.priority;
    }

    /**
     * The feature configured from {@code APPROOV_*} variables (system properties, environment, {@code .env}).
     *
     * @throws ApproovConfigurationException naming the variable to fix
     */
    public static ApproovFeature fromEnvironment() {
        return builder(ApproovConfig.fromEnvironment()).build();
    }

    /** The feature for {@code config} with the default hooks. */
    public static ApproovFeature create(ApproovConfig config) {
        return builder(config).build();
    }

    /** A builder for the JAX-RS knobs: listeners, binding value, failure response, priority. */
    public static Builder builder(ApproovConfig config) {
        return new Builder(ApproovVerifier.create(config));
    }

    /**
     * The verified claims of the current request, present only when the request passed every check its
     * endpoint requires. Use from a resource method with {@code @Context ContainerRequestContext}.
     *
     * @param request the current request
     */
    public static Optional<ApproovClaims> claims(ContainerRequestContext request) {
        return request.getProperty(ApproovFilter.CLAIMS_PROPERTY) instanceof ApproovClaims claims
                ? Optional.of(claims)
                : Optional.empty();
    }

    /** The verifier behind the filters, for checks outside JAX-RS resources. */
    public ApproovVerifier verifier() {
        return verifier;
    }

    @Override
    public boolean configure(FeatureContext context) {
        context.register(new ApproovFilter.TokenFilter(verifier, listener, bindingExtractor, failureResponder),
                priority);
        context.register(new ApproovFilter.BoundFilter(verifier, listener, bindingExtractor, failureResponder),
                priority);
        context.register(new ApproovFilter.SignedFilter(verifier, listener, bindingExtractor, failureResponder),
                priority);
        context.register(new ProtectedEndpoints(priority));
        ApproovConfig config = verifier.config();
        LOG.log(System.Logger.Level.INFO, () -> "Approov token check ready: token header " + config.tokenHeaderName()
                + ", binding header " + config.bindingHeaderName()
                + ", keys " + config.keys().stream().map(VerificationKey::describe).toList()
                + (config.abortOnInvalidToken() ? "" : ", MONITOR MODE for tokens")
                + (config.abortOnInvalidBinding() ? "" : ", MONITOR MODE for bindings")
                + config.expectedAudience().map(a -> ", expected audience " + a).orElse("")
                + ", clock skew " + config.clockSkew().toSeconds() + "s"
                + "; message signatures: tolerance " + config.signatureTolerance().toSeconds() + "s, max age "
                + config.signatureMaxAge().toSeconds() + "s, origin "
                + config.publicOrigin().orElse("from the request URI") + ", " + EcdsaP256.DEFAULT.describe()
                + (config.abortOnInvalidMessageSignature() ? "" : ", MONITOR MODE for message signatures"));
        return true;
    }

    /** Collects the JAX-RS knobs; {@link #build()} returns the feature. */
    public static final class Builder {
        private final ApproovVerifier verifier;
        private final List<ApproovListener> listeners = new ArrayList<>();
        private ApproovBindingExtractor bindingExtractor;
        private ApproovFailureResponder failureResponder = ApproovFailureResponder.UNAUTHORIZED;
        private int priority = Priorities.AUTHENTICATION;

        private Builder(ApproovVerifier verifier) {
            this.verifier = verifier;
        }

        /** Adds a listener; it hears decisions alongside the default logging (if enabled). */
        public Builder listener(ApproovListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Where the bound value comes from; default: every line of the configured binding header. */
        public Builder bindingExtractor(ApproovBindingExtractor extractor) {
            this.bindingExtractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /** The response for refused requests; default {@link ApproovFailureResponder#UNAUTHORIZED}. */
        public Builder failureResponder(ApproovFailureResponder responder) {
            this.failureResponder = Objects.requireNonNull(responder, "responder");
            return this;
        }

        /** The filters' priority; default {@link Priorities#AUTHENTICATION}, before user authentication. */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** The feature to register. */
        public ApproovFeature build() {
            return new ApproovFeature(this);
        }
    }

    /** Fans one decision out to every listener, isolating each from the others' failures. */
    private record Listeners(List<ApproovListener> all) implements ApproovListener {
        @Override
        public void accepted(String method, String path, ApproovClaims claims) {
            each(l -> l.accepted(method, path, claims));
        }

        @Override
        public void rejected(String method, String path, ApproovFailure failure, boolean enforced) {
            each(l -> l.rejected(method, path, failure, enforced));
        }

        @Override
        public void bindingNotChecked(String method, String path) {
            each(l -> l.bindingNotChecked(method, path));
        }

        @Override
        public void messageSignatureNotChecked(String method, String path) {
            each(l -> l.messageSignatureNotChecked(method, path));
        }

        private void each(java.util.function.Consumer<ApproovListener> event) {
            for (ApproovListener l : all) {
                try {
                    event.accept(l);
                } catch (RuntimeException broken) {
                    LOG.log(System.Logger.Level.WARNING, () -> "Approov listener " + l.getClass().getName()
                            + " threw " + broken.getClass().getName() + "; ignored");
                }
            }
        }
    }
}
