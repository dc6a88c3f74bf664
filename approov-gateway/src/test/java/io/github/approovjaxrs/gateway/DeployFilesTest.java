package io.github.approovjaxrs.gateway;

import static io.github.approovjaxrs.gateway.DeployFiles.at;
import static io.github.approovjaxrs.gateway.DeployFiles.list;
import static io.github.approovjaxrs.gateway.DeployFiles.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the deployment files promise each other, since neither the images nor a cluster can be had here: every
 * YAML file parses, each Kubernetes Deployment runs the image its Dockerfile builds, on the port the Dockerfile
 * exposes and the proxies call, and each Dockerfile copies the jar the build makes and runs it as the README
 * does.
 */
class DeployFilesTest {

    @Test
    void everyYamlFileUnderDeployParses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(RunningProxy.DEPLOY)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertTrue(files.size() >= 7, files.toString());
        for (Path file : files) {
            assertTrue(!DeployFiles.documents(RunningProxy.DEPLOY.relativize(file).toString()).isEmpty(), file.toString());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "kubernetes/check-service.yaml, approov-check, containers/check-service/Dockerfile, approov-gateway, --check",
        "kubernetes/shapes-api.yaml, shapes-api, containers/shapes-api/Dockerfile, shapes-api, ''"})
    void eachDeploymentRunsTheImageItsDockerfileBuildsOnTheExposedPort(String manifest, String name, String dockerfile,
            String module, String argument) throws IOException {
        String docker = Files.readString(RunningProxy.DEPLOY.resolve(dockerfile));
        Matcher tag = Pattern.compile("docker build -f deploy/" + Pattern.quote(dockerfile) + " -t (\\S+) \\.").matcher(docker);
        assertTrue(tag.find(), dockerfile + " says how it is built");
        Matcher expose = Pattern.compile("(?m)^EXPOSE (\\d+)$").matcher(docker);
        assertTrue(expose.find(), dockerfile + " exposes a port");
        int port = Integer.parseInt(expose.group(1));
        String jar = module + "/target/" + module + ".jar";
        assertTrue(docker.contains("\nCOPY " + jar + " /opt/approov/" + module + ".jar\n"), dockerfile + " copies " + jar);
        assertTrue(docker.contains("ENTRYPOINT [\"java\", \"-jar\", \"/opt/approov/" + module + ".jar\""
                + (argument.isEmpty() ? "]" : ", \"" + argument + "\"]")), dockerfile);
        assertTrue(docker.matches("(?s).*\nFROM eclipse-temurin:17-jre\n.*"), dockerfile + ": a JRE base image");
        assertTrue(docker.contains("\nUSER "), dockerfile + ": not root");

        List<Map<String, Object>> resources = DeployFiles.documents(manifest);
        Map<String, Object> deployment = resources.stream().filter(r -> "Deployment".equals(r.get("kind"))).findFirst()
                .orElseThrow();
        Map<String, Object> container = map(at(deployment, "spec", "template", "spec", "containers", 0), "container");
        assertEquals(tag.group(1), container.get("image"), manifest + " runs the image " + dockerfile + " builds");
        assertEquals(port, at(container, "ports", 0, "containerPort"));
        assertTrue(list(container.get("env"), "env").contains(Map.of("name", "HTTP_PORT", "value", String.valueOf(port))),
                manifest + ": HTTP_PORT " + port);
        Map<String, Object> service = resources.stream().filter(r -> "Service".equals(r.get("kind"))).findFirst()
                .orElseThrow();
        assertEquals(name, at(service, "metadata", "name"));
        assertEquals(port, at(service, "spec", "ports", 0, "port"));
    }

    @Test
    void theCheckServicesSecretComesFromAKubernetesSecretNeverFromTheManifest() {
        Map<String, Object> deployment = DeployFiles.documents("kubernetes/check-service.yaml").get(0);
        List<Object> env = list(at(deployment, "spec", "template", "spec", "containers", 0, "env"), "env");
        Map<String, Object> secret = env.stream().map(e -> map(e, "env")).filter(e -> "APPROOV_BASE64_SECRET"
                .equals(e.get("name"))).findFirst().orElseThrow();
        assertEquals(Map.of("name", "approov", "key", "base64-secret"), at(secret, "valueFrom", "secretKeyRef"));
        assertTrue(env.stream().map(e -> map(e, "env")).anyMatch(e -> "APPROOV_DEVICE_ID_HEADER".equals(e.get("name"))
                && "Approov-Device-Id".equals(e.get("value"))), "the header the proxies pass upstream");
    }
}
