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
        Method method = resourceInfo.getResourceMethod();
        Class<?> resource = resourceInfo.getResourceClass();
        boolean bound = method.isAnnotationPresent(ApproovBound.class) || resource.isAnnotationPresent(ApproovBound.class);
        boolean signed = method.isAnnotationPresent(ApproovSigned.class)
                || resource.isAnnotationPresent(ApproovSigned.class);
        boolean protectedOnly = method.isAnnotationPresent(ApproovProtected.class)
                || resource.isAnnotationPresent(ApproovProtected.class);
        if (bound || signed || protectedOnly) {
            LOG.log(System.Logger.Level.INFO, () -> "Approov protects " + httpMethod(method) + " "
                    + path(resource, method) + " [token" + (bound ? " + binding" : "")
                    + (signed ? " + message signature" : "") + "]");
        }
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

    private static String path(Class<?> resource, Method method) {
        Path classPath = resource.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String joined = (classPath == null ? "" : "/" + classPath.value())
                + (methodPath == null ? "" : "/" + methodPath.value());
        return joined.isEmpty() ? "/" : joined.replaceAll("/+", "/");
    }
}
