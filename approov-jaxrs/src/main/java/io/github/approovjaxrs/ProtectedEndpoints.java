package io.github.approovjaxrs;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * Logs at start-up each resource method an Approov annotation protects, e.g. {@code GET /v2/forms [token +
 * binding]}, so that what is protected is visible rather than assumed. Registers nothing: the filters are
 * bound by the annotations themselves. (Protection declared on the {@code Application} subclass covers
 * every method and is not listed per method.)
 */
final class ProtectedEndpointsReport implements DynamicFeature {

    private static final System.Logger LOG = System.getLogger(ProtectedEndpointsReport.class.getPackageName());

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        String line = describe(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod());
        if (line != null) {
            LOG.log(System.Logger.Level.INFO, line);
        }
    }

    /** The report line for one resource method, or null when no Approov annotation protects it. */
    static String describe(Class<?> resource, Method method) {
        boolean bound = method.isAnnotationPresent(ApproovBound.class) || resource.isAnnotationPresent(ApproovBound.class);
        boolean signed = method.isAnnotationPresent(ApproovSigned.class)
                || resource.isAnnotationPresent(ApproovSigned.class);
        boolean protectedOnly = method.isAnnotationPresent(ApproovProtected.class)
                || resource.isAnnotationPresent(ApproovProtected.class);
        if (!bound && !signed && !protectedOnly) {
            return null;
        }
        return "Approov protects " + httpMethod(method) + " " + path(resource, method) + " [token"
                + (bound ? " + binding" : "") + (signed ? " + message signature" : "") + "]";
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
        Path classPath = resource.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String methodPart = methodPath == null ? "" : ("/" + methodPath.value()).replaceAll("/+", "/");
        if (classPath == null) {
            return "in sub-resource " + resource.getName() + (methodPart.isEmpty() ? "" : " " + methodPart);
        }
        String joined = ("/" + classPath.value() + methodPart).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
