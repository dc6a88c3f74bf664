package io.github.approovjaxrs;

import io.github.approovjaxrs.core.ApproovConfigurationException;
import io.github.approovjaxrs.core.ApproovClaims;
import io.github.approovjaxrs.core.ApproovConfig;
import io.github.approovjaxrs.core.ApproovCheck;
import io.github.approovjaxrs.core.ApproovListener;
import io.github.approovjaxrs.core.ReplayStore;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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
 * invalid secret stops start-up right there, with a message naming the variable. The verified claims of a request
 * are its property {@link #CLAIMS_PROPERTY}; resources read them with {@link #claims(Function)} from whatever
 * request object their runtime injects. Unannotated resources stay open.
 */
public final class ApproovFeature implements Feature {

    /**
     * The name of the request property that holds the verified {@link ApproovClaims} of an accepted request
     * (absent when the request was not checked, refused, or let through in monitor mode). Servlet-based runtimes
     * show request properties as servlet request attributes of the same name.
     */
    public static final String CLAIMS_PROPERTY = "io.github.approovjaxrs.core.ApproovClaims";

    static final System.Logger LOG = System.getLogger(ApproovFeature.class.getPackageName());

    private final ApproovCheck check;
    private final ApproovBindingExtractor bindingExtractor;
    private final ApproovFailureResponder failureResponder;
    private final int priority;

    /**
     * The feature configured from {@code APPROOV_*} variables, as {@link #fromEnvironment()}: for containers that
     * create providers from their class (CDI, Jakarta EE servers, {@code Application.getClasses()},
     * RESTEasy's {@code resteasy.providers}, Jersey's {@code jersey.config.server.provider.classnames}).
     *
     * @throws ApproovConfigurationException naming the variable to fix
     */
    public ApproovFeature() {
        this(builder(ApproovConfig.fromEnvironment()));
    }

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

    /** A builder for the JAX-RS knobs: listeners, replay store, binding value, failure response, priority. */
    public static Builder builder(ApproovConfig config) {
        return new Builder(ApproovCheck.builder(Objects.requireNonNull(config, "config")));
    }

    /**
     * The verified claims of the current request, present only when the request passed every check its
     * endpoint requires. For filters, and for resources on runtimes that inject
     * {@code @Context ContainerRequestContext} into them (Jersey, Quarkus REST); elsewhere use
     * {@link #claims(Function)}.
     *
     * @param request the current request
     */
    public static Optional<ApproovClaims> claims(ContainerRequestContext request) {
        return claims(request::getProperty);
    }

    /**
     * The verified claims of the current request, read from its property {@link #CLAIMS_PROPERTY} through
     * whatever request object the runtime gives a resource: {@code claims(request::getProperty)} for a
     * {@code ContainerRequestContext}, {@code claims(request::getAttribute)} for a servlet
     * {@code HttpServletRequest} (RESTEasy, Apache CXF, Dropwizard, Spring Boot) or RESTEasy's
     * {@code HttpRequest}. Present only when the request passed every check its endpoint requires.
     *
     * @param requestProperties looks a request property up by name
     */
    public static Optional<ApproovClaims> claims(Function<String, ?> requestProperties) {
        return requestProperties.apply(CLAIMS_PROPERTY) instanceof ApproovClaims claims
                ? Optional.of(claims)
                : Optional.empty();
    }

    /**
     * What {@link #configure(FeatureContext)} also registers: a {@link DynamicFeature} that works out once per
     * resource method what its annotations require (so that a request is judged once however many annotations
     * apply) and logs each protected endpoint at start-up. Quarkus REST ignores a {@code DynamicFeature} that a
     * {@code Feature} registers, so there register this one as a provider of its own (see the README's Runtimes).
     */
    public DynamicFeature endpoints() {
        return new ProtectedEndpoints(priority);
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
        context.register(endpoints());
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
         * Where {@code @ApproovSigned(singleUse = true)} endpoints remember the requests they accepted, in place of
         * the store the configuration names ({@code APPROOV_REPLAY_STORE_URL}, else in memory). The caller keeps
         * it, and closes it when done.
         */
        public Builder replayStore(ReplayStore store) {
            check.replayStore(Objects.requireNonNull(store, "store"));
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
