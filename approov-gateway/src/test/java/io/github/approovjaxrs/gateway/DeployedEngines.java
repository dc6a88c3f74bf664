package io.github.approovjaxrs.gateway;

import static io.github.approovjaxrs.gateway.DeployFiles.at;
import static io.github.approovjaxrs.gateway.DeployFiles.list;
import static io.github.approovjaxrs.gateway.DeployFiles.map;
import static io.github.approovjaxrs.gateway.DeployFiles.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.approovjaxrs.gateway.ProxyContract.ClientRequest;
import io.github.approovjaxrs.gateway.ProxyContract.Engine;
import io.github.approovjaxrs.gateway.ProxyContract.EnvoyExtAuthz;
import io.github.approovjaxrs.gateway.ProxyContract.TraefikForwardAuth;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engines of {@code deploy/} that cannot run here, each built from its file: which check a client's path
 * gets (the routing each engine documents), and that check's settings. The tests replay requests through them
 * ({@link ProxyContract}).
 */
enum DeployedEngines implements Engine {

    /** {@code deploy/envoy/envoy.yaml}: three ext_authz filters, each route turning off two of them. */
    ENVOY {
        @Override
        Map<String, EnvoyExtAuthz> checksByRoute() {
            Map<String, Object> manager = map(at(DeployFiles.document("envoy/envoy.yaml"), "static_resources",
                    "listeners", 0, "filter_chains", 0, "filters", 0, "typed_config"), "the connection manager");
            Map<String, EnvoyExtAuthz> filters = new LinkedHashMap<>();
            for (Object filter : list(manager.get("http_filters"), "http_filters")) {
                Map<String, Object> config = map(at(filter, "typed_config"), "typed_config");
                if (String.valueOf(config.get("@type")).endsWith(".ext_authz.v3.ExtAuthz")) {
                    filters.put(String.valueOf(at(filter, "name")), new EnvoyExtAuthz(
                            String.valueOf(at(config, "http_service", "path_prefix")),
                            exactPatterns(at(config, "allowed_headers")),
                            config.containsKey("with_request_body")
                                    ? (Integer) at(config, "with_request_body", "max_request_bytes") : null,
                            exactPatterns(at(config, "http_service", "authorization_response",
                                    "allowed_upstream_headers"))));
                }
            }
            Map<String, EnvoyExtAuthz> byRoute = new LinkedHashMap<>();
            for (Object route : list(at(manager, "route_config", "virtual_hosts", 0, "routes"), "routes")) {
                Map<String, Object> perFilter = map(at(route, "typed_per_filter_config"), "typed_per_filter_config");
                List<String> enabled = filters.keySet().stream()
                        .filter(name -> !(perFilter.get(name) instanceof Map<?, ?> settings
                                && Boolean.TRUE.equals(settings.get("disabled"))))
                        .toList();
                assertEquals(1, enabled.size(), "one check per route: " + route);
                byRoute.put(String.valueOf(at(route, "match", "prefix")), filters.get(enabled.get(0)));
            }
            return byRoute;
        }

        @Override
        EnvoyExtAuthz checkFor(String path) {
            // Envoy takes the first route whose prefix matches, in order.
            return checksByRoute().entrySet().stream().filter(route -> path.startsWith(route.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElseThrow();
        }
    },

    /** {@code deploy/kubernetes/istio/}: a provider per policy, a CUSTOM AuthorizationPolicy per set of paths. */
    ISTIO {
        /** Keyed by the policy's rule: {@code paths} or {@code !paths} (notPaths), patterns joined with spaces. */
        @Override
        Map<String, EnvoyExtAuthz> checksByRoute() {
            Map<String, EnvoyExtAuthz> providers = new LinkedHashMap<>();
            for (Object provider : list(at(DeployFiles.document("kubernetes/istio/mesh-config.yaml"), "spec",
                    "meshConfig", "extensionProviders"), "extensionProviders")) {
                Map<String, Object> http = map(at(provider, "envoyExtAuthzHttp"), "envoyExtAuthzHttp");
                assertEquals(8004, http.get("port"));
                assertEquals(Boolean.FALSE, http.get("failOpen"));
                providers.put(String.valueOf(at(provider, "name")), new EnvoyExtAuthz(
                        String.valueOf(http.get("pathPrefix")),
                        lowerCase(strings(http.get("includeRequestHeadersInCheck"), "includeRequestHeadersInCheck")),
                        http.containsKey("includeRequestBodyInCheck")
                                ? (Integer) at(http, "includeRequestBodyInCheck", "maxRequestBytes") : null,
                        lowerCase(strings(http.get("headersToUpstreamOnAllow"), "headersToUpstreamOnAllow"))));
            }
            Map<String, EnvoyExtAuthz> byRule = new LinkedHashMap<>();
            for (Map<String, Object> policy : DeployFiles.documents("kubernetes/istio/authorization-policy.yaml")) {
                assertEquals("CUSTOM", at(policy, "spec", "action"));
                Map<String, Object> operation = map(at(policy, "spec", "rules", 0, "to", 0, "operation"), "operation");
                String rule = operation.containsKey("paths") ? String.join(" ", strings(operation.get("paths"), "paths"))
                        : "!" + String.join(" ", strings(operation.get("notPaths"), "notPaths"));
                byRule.put(rule, providers.get(String.valueOf(at(policy, "spec", "provider", "name"))));
            }
            return byRule;
        }

        @Override
        EnvoyExtAuthz checkFor(String path) {
            List<EnvoyExtAuthz> matching = new ArrayList<>();
            checksByRoute().forEach((rule, check) -> {
                boolean not = rule.startsWith("!");
                boolean listed = List.of((not ? rule.substring(1) : rule).split(" ")).stream()
                        .anyMatch(pattern -> istioPathMatches(pattern, path));
                if (listed != not) {
                    matching.add(check);
                }
            });
            assertEquals(1, matching.size(), "one CUSTOM policy for " + path);
            return matching.get(0);
        }
    },

    /** {@code deploy/kubernetes/envoy-gateway/}: an HTTPRoute per policy, each with its SecurityPolicy. */
    ENVOY_GATEWAY {
        @Override
        Map<String, EnvoyExtAuthz> checksByRoute() {
            Map<String, String> prefixByRoute = new LinkedHashMap<>();
            for (Map<String, Object> resource : DeployFiles.documents("kubernetes/envoy-gateway/gateway.yaml")) {
                if ("HTTPRoute".equals(resource.get("kind"))) {
                    prefixByRoute.put(String.valueOf(at(resource, "metadata", "name")),
                            String.valueOf(at(resource, "spec", "rules", 0, "matches", 0, "path", "value")));
                }
            }
            Map<String, EnvoyExtAuthz> byPrefix = new LinkedHashMap<>();
            for (Map<String, Object> policy : DeployFiles.documents("kubernetes/envoy-gateway/security-policy.yaml")) {
                Map<String, Object> extAuth = map(at(policy, "spec", "extAuth"), "extAuth");
                assertEquals(Boolean.FALSE, extAuth.get("failOpen"));
                assertEquals(8004, at(extAuth, "http", "backendRefs", 0, "port"));
                byPrefix.put(prefixByRoute.get(String.valueOf(at(policy, "spec", "targetRefs", 0, "name"))),
                        new EnvoyExtAuthz(String.valueOf(at(extAuth, "http", "path")),
                                lowerCase(strings(extAuth.get("headersToExtAuth"), "headersToExtAuth")),
                                extAuth.containsKey("bodyToExtAuth")
                                        ? (Integer) at(extAuth, "bodyToExtAuth", "maxRequestBytes") : null,
                                lowerCase(strings(at(extAuth, "http", "headersToBackend"), "headersToBackend"))));
            }
            return byPrefix;
        }

        @Override
        EnvoyExtAuthz checkFor(String path) {
            // Gateway API: the longest PathPrefix that matches whole path elements wins.
            return checksByRoute().entrySet().stream()
                    .filter(route -> route.getKey().equals("/") || path.equals(route.getKey())
                            || path.startsWith(route.getKey() + "/"))
                    .max(Comparator.comparingInt(route -> route.getKey().length()))
                    .map(Map.Entry::getValue).orElseThrow();
        }
    },

    /** {@code deploy/traefik/dynamic.yaml}: a router per policy, each with its forwardAuth middleware. */
    TRAEFIK {
        @Override
        public ProxyContract.Outcome send(URI checkService, ClientRequest request) {
            return traefikCheckFor(request.pathAndQuery()).check(checkService, request);
        }

        @Override
        Map<String, EnvoyExtAuthz> checksByRoute() {
            throw new UnsupportedOperationException("Traefik is no Envoy");
        }

        @Override
        EnvoyExtAuthz checkFor(String path) {
            throw new UnsupportedOperationException("Traefik is no Envoy");
        }
    };

    private static final Pattern PATH_PREFIX = Pattern.compile("^PathPrefix\\(`([^`]*)`\\)$");

    /** For an Envoy-based engine: the check (ext_authz settings) of each route, keyed by what the route matches. */
    abstract Map<String, EnvoyExtAuthz> checksByRoute();

    /** For an Envoy-based engine: the check that a request for {@code path} gets. */
    abstract EnvoyExtAuthz checkFor(String path);

    /** The client's request routed to its check, the check asked, and its answer acted on. */
    @Override
    public ProxyContract.Outcome send(URI checkService, ClientRequest request) {
        return checkFor(request.pathAndQuery().replaceFirst("\\?.*", "")).check(checkService, request);
    }

    /** Traefik's routers and middlewares of {@code deploy/traefik/dynamic.yaml}, by priority. */
    static List<Map.Entry<String, TraefikForwardAuth>> traefikRouters() {
        Map<String, Object> http = map(at(DeployFiles.document("traefik/dynamic.yaml"), "http"), "http");
        Map<String, TraefikForwardAuth> middlewares = new LinkedHashMap<>();
        map(http.get("middlewares"), "middlewares").forEach((name, middleware) -> {
            Map<String, Object> forwardAuth = map(at(middleware, "forwardAuth"), "forwardAuth");
            assertEquals(Boolean.FALSE, forwardAuth.get("trustForwardHeader"), name);
            middlewares.put(name, new TraefikForwardAuth(URI.create(String.valueOf(forwardAuth.get("address"))),
                    strings(forwardAuth.get("authRequestHeaders"), "authRequestHeaders"),
                    strings(forwardAuth.get("authResponseHeaders"), "authResponseHeaders"),
                    Boolean.TRUE.equals(forwardAuth.get("forwardBody"))));
        });
        List<Map.Entry<Integer, Map.Entry<String, TraefikForwardAuth>>> routers = new ArrayList<>();
        map(http.get("routers"), "routers").forEach((name, router) -> {
            Matcher rule = PATH_PREFIX.matcher(String.valueOf(at(router, "rule")));
            if (!rule.matches()) {
                throw new AssertionError("router " + name + ": a PathPrefix rule expected");
            }
            List<String> chain = strings(at(router, "middlewares"), "middlewares");
            assertEquals(1, chain.size(), "one check per router: " + name);
            routers.add(Map.entry((Integer) at(router, "priority"), Map.entry(rule.group(1), middlewares.get(chain.get(0)))));
        });
        routers.sort(Comparator.comparing(Map.Entry<Integer, Map.Entry<String, TraefikForwardAuth>>::getKey).reversed());
        return routers.stream().map(Map.Entry::getValue).toList();
    }

    /** Traefik takes the router of highest priority whose rule matches; PathPrefix is a plain prefix. */
    static TraefikForwardAuth traefikCheckFor(String pathAndQuery) {
        String path = pathAndQuery.replaceFirst("\\?.*", "");
        return traefikRouters().stream().filter(router -> path.startsWith(router.getKey())).map(Map.Entry::getValue)
                .findFirst().orElseThrow();
    }

    /** Istio's path match: exact, a prefix ending with {@code *}, or a suffix starting with it. */
    static boolean istioPathMatches(String pattern, String path) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith("*")) {
            return path.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        if (pattern.startsWith("*")) {
            return path.endsWith(pattern.substring(1));
        }
        return path.equals(pattern);
    }

    private static List<String> exactPatterns(Object matcher) {
        return list(at(matcher, "patterns"), "patterns").stream()
                .map(pattern -> String.valueOf(at(pattern, "exact")).toLowerCase(Locale.ROOT)).toList();
    }

    private static List<String> lowerCase(List<String> names) {
        return names.stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
    }
}
