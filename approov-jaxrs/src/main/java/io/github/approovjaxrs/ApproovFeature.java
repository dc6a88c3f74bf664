package io.github.approovjaxrs;

import io.github.approovjaxrs.core.ApproovConfigurationException;
import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovCheck;
import io.github.approovjaxrs.core.ApproovListener;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
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
 * <p>Construction reads and validates the configuration and builds the {@link ApproovCheck}, so a missing or
 * invalid secret stops start-up right there, with a message naming the variable. Resources read the verified
 * claims with {@link #claims(ContainerRequestContext)}. Unannotated resources stay open.
 */
public final class ApproovFeature implements Feature {

    static final System.Logger LOG = System.getLogger(ApproovFeature.class.getPackageName());

    private final ApproovCheck check;
    private final ApproovBindingExtractor bindingExtractor;
    private final ApproovFailureResponder failureResponder;
    private final int priority;

    private ApproovFeature(Builder builder) {
        this.check = builder.check.build();
        this.bindingExtractor = builder.bindingExtractor;
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
        return new Builder(ApproovCheck.builder(Objects.requireNonNull(config, "config")));
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

    /** The check behind the filters, for requests judged outside JAX-RS resources. */
    public ApproovCheck check() {
        return check;
    }

    @Override
    public boolean configure(FeatureContext context) {
        ApproovFilter.ApplicationRequirements application = new ApproovFilter.ApplicationRequirements();
        context.register(new ApproovFilter.TokenFilter(check, bindingExtractor, failureResponder, application), priority);
        context.register(new ApproovFilter.BoundFilter(check, bindingExtractor, failureResponder, application), priority);
        context.register(new ApproovFilter.SignedFilter(check, bindingExtractor, failureResponder, application), priority);
        context.register(new ProtectedEndpoints(priority));
        LOG.log(System.Logger.Level.INFO, () -> "Approov token check ready: " + check.describe());
        return true;
    }

    /** Collects the JAX-RS knobs; {@link #build()} returns the feature. */
    public static final class Builder {
        private final ApproovCheck.Builder check;
        private ApproovBindingExtractor bindingExtractor;
        private ApproovFailureResponder failureResponder = ApproovFailureResponder.DEFAULT;
        private int priority = Priorities.AUTHENTICATION;

        private Builder(ApproovCheck.Builder check) {
            this.check = check;
        }

        /** Adds a listener; it hears decisions alongside the default logging (if enabled). */
        public Builder listener(ApproovListener listener) {
            check.listener(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Where the bound value comes from on endpoints that name no binding headers; default: the configured
         * binding headers.
         */
        public Builder bindingExtractor(ApproovBindingExtractor extractor) {
            this.bindingExtractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /** The response for refused requests; default {@link ApproovFailureResponder#DEFAULT}. */
        public Builder failureResponder(ApproovFailureResponder responder) {
            this.failureResponder = Objects.requireNonNull(responder, "responder");
            return this;
        }

        /** The filters' priority; default {@link Priorities#AUTHENTICATION}, before user authentication. */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /**
         * The feature to register.
         *
         * @throws ApproovConfigurationException if the JVM has jose4j's unsafe system properties set
         */
        public ApproovFeature build() {
            return new ApproovFeature(this);
        }
    }
}
