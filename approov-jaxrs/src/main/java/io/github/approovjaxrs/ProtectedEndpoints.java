package io.github.approovjaxrs;

import io.github.approovjaxrs.core.ApproovRequirements;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * What the annotations on each resource method and its class ask of the Approov check (including the
 * attributes, such as {@code @ApproovSigned(singleUse = true)}), worked out once per method when Jersey builds
 * it, rather than on every request:
 *
 * <ul>
 *   <li>logged at start-up, e.g. {@code GET /v2/forms [token + binding]}, so that what is protected is
 *       visible rather than assumed (protection declared on the {@code Application} subclass covers every
 *       method and is not listed per method: {@link ApproovFilter} adds it);</li>
 *   <li>handed to the request: a small filter registered for that method alone, just before the checks,
 *       puts the method's {@link ApproovRequirements} on the request, so that whichever name-bound
 *       filter runs first does every check the method needs. Reading the matched method per request through
 *       the injected {@code ResourceInfo} proxy cost more than the token check itself.</li>
 * </ul>
 */
final class ProtectedEndpoints implements DynamicFeature {

    private static final System.Logger LOG = System.getLogger(ProtectedEndpoints.class.getPackageName());

    private final int filterPriority;

    /** For filters at {@code filterPriority}: the requirements go on the request just before them. */
    ProtectedEndpoints(int filterPriority) {
        this.filterPriority = filterPriority;
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Class<?> resource = resourceInfo.getResourceClass();
        Method method = resourceInfo.getResourceMethod();
        String line;
        try {
            line = describe(resource, method);
        } catch (IllegalArgumentException badHeaders) {
            // An @ApproovBound naming a header twice, or no header name: stop start-up, saying where.
            throw new IllegalStateException("@ApproovBound on " + resource.getName() + "." + method.getName()
                    + ": " + badHeaders.getMessage(), badHeaders);
        }
        if (line != null) {
            LOG.log(System.Logger.Level.INFO, line);
            context.register(new Marker(requirements(resource, method)),
                    filterPriority == Integer.MIN_VALUE ? filterPriority : filterPriority - 1);
        }
    }

    /**
     * What the Approov annotations on {@code method} (may be null) and {@code type} ask for beyond the token.
     * The annotations are {@code @Inherited}, so a proxy subclass that a container makes of the class carries them;
     * the superclass chain is read all the same, as it is for {@code @Path}, which is not.
     */
    static ApproovRequirements requirements(Class<?> type, Method method) {
        ApproovRequirements requirements = ApproovRequirements.token();
        // The nearest annotation that names headers wins: the method's, then each class's up the chain (its
        // declared one: a proxy subclass declares none and stands for the class it extends).
        if (method != null && method.getAnnotation(ApproovBound.class) != null) {
            requirements = requirements.and(bound(method.getAnnotation(ApproovBound.class)));
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            ApproovBound bound = c.getDeclaredAnnotation(ApproovBound.class);
            if (bound != null) {
                requirements = requirements.and(bound(bound));
            }
        }
        if (annotated(ApproovSigned.class, method, type)) {
            requirements = singleUse(type, method) ? requirements.withSingleUseMessageSignature()
                    : requirements.withMessageSignature();
        }
        return requirements;
    }

    /** Whether an {@link ApproovSigned} that applies (the method's, or any class's up the chain) says single-use. */
    private static boolean singleUse(Class<?> type, Method method) {
        if (method != null && method.getAnnotation(ApproovSigned.class) != null
                && method.getAnnotation(ApproovSigned.class).singleUse()) {
            return true;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            ApproovSigned signed = c.getDeclaredAnnotation(ApproovSigned.class);
            if (signed != null && signed.singleUse()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The binding one {@link ApproovBound} asks for: to the headers it names, else the configured ones.
     *
     * @throws IllegalArgumentException when it names a header twice or something that is no header name
     */
    private static ApproovRequirements bound(ApproovBound bound) {
        return bound.value().length == 0 ? ApproovRequirements.token().withBinding()
                : ApproovRequirements.token().withBinding(bound.value());
    }

    /** {@code annotation} on {@code type} or, for a proxy subclass, on the class it stands for. */
    private static <A extends Annotation> A inChain(Class<A> annotation, Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            A found = c.getAnnotation(annotation);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Puts one method's requirements on its requests, for the filters that follow. */
    static final class Marker implements ContainerRequestFilter {
        private final ApproovRequirements requirements;

        Marker(ApproovRequirements requirements) {
            this.requirements = requirements;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            request.setProperty(ApproovFilter.REQUIREMENTS_PROPERTY, requirements);
        }
    }

    /** The report line for one resource method, or null when no Approov annotation protects it. */
    static String describe(Class<?> resource, Method method) {
        if (!annotated(ApproovBound.class, method, resource) && !annotated(ApproovSigned.class, method, resource)
                && !annotated(ApproovProtected.class, method, resource)) {
            return null;
        }
        return "Approov protects " + httpMethod(method) + " " + path(resource, method) + " ["
                + requirements(resource, method) + "]";
    }

    /** {@code annotation} on {@code method} (may be null) or on {@code type}'s class chain (may be null). */
    private static boolean annotated(Class<? extends Annotation> annotation, Method method, Class<?> type) {
        return method != null && method.isAnnotationPresent(annotation) || inChain(annotation, type) != null;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod designator = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (designator != null) {
                return designator.value();
            }
        }
        return "*"; // a sub-resource locator
    }

    /**
     * The template path; a class without {@code @Path} is a sub-resource reached through a locator, whose
     * full path only the locator knows, so it is named by its class rather than shown as "/".
     */
    private static String path(Class<?> resource, Method method) {
        Path classPath = inChain(Path.class, resource);
        Path methodPath = method.getAnnotation(Path.class);
        String methodPart = methodPath == null ? "" : ("/" + methodPath.value()).replaceAll("/+", "/");
        if (classPath == null) {
            return "in sub-resource " + resource.getName() + (methodPart.isEmpty() ? "" : " " + methodPart);
        }
        String joined = ("/" + classPath.value() + methodPart).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
