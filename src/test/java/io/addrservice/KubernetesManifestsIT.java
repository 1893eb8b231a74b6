package io.addrservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests that {@code ./mvnw package} writes: exactly the resources the README
 * lists, a Deployment that can start on any cluster, and a PostgreSQL overlay that still fits them.
 * Run by failsafe, after packaging has written the file.
 */
class KubernetesManifestsIT {
  private static final Path MANIFESTS = Path.of("target", "kubernetes", "kubernetes.yml");
  private static final Path POSTGRESQL_OVERLAY = Path.of("src", "main", "kubernetes", "postgresql");

  @Test
  void exactlyTheResourcesTheReadmeNames() throws IOException {
    // No init Job, no Role, RoleBinding or ServiceAccount for one, and no ServiceMonitor, which a
    // cluster without the Prometheus Operator rejects.
    assertEquals(
        List.of(
            "PersistentVolumeClaim/addrservice-data",
            "Service/addrservice",
            "Deployment/addrservice"),
        new ArrayList<>(byKindAndName(read(Files.readString(MANIFESTS))).keySet()));
  }

  @Test
  void theDeploymentIsProbedSizedAndOnTheFileStore() throws IOException {
    JsonNode deployment =
        byKindAndName(read(Files.readString(MANIFESTS))).get("Deployment/addrservice");
    assertEquals(1, deployment.at("/spec/replicas").asInt());
    assertEquals("Recreate", deployment.at("/spec/strategy/type").asText());
    JsonNode pod = deployment.at("/spec/template/spec");
    assertTrue(
        pod.path("initContainers").isMissingNode(),
        "init containers: " + pod.path("initContainers"));
    Map<String, JsonNode> volumes = byName(pod.path("volumes"));
    Map<String, JsonNode> mounts = byName(pod.at("/containers/0/volumeMounts"));
    assertEquals("/var/lib/addrservice", mounts.get("addrservice-data").path("mountPath").asText());
    assertEquals(
        "addrservice-data",
        volumes.get("addrservice-data").at("/persistentVolumeClaim/claimName").asText());
    assertJwtIsOn(volumes, mounts, env(pod.at("/containers/0")));

    assertEquals(1, pod.path("containers").size());
    JsonNode container = pod.at("/containers/0");
    assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
    assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
    assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText());
    assertEquals("250m", container.at("/resources/requests/cpu").asText());
    assertEquals("256Mi", container.at("/resources/requests/memory").asText());
    assertEquals("1000m", container.at("/resources/limits/cpu").asText());
    assertEquals("512Mi", container.at("/resources/limits/memory").asText());

    Map<String, JsonNode> env = env(container);
    assertEquals("file", env.get("ADDRSERVICE_STORE_KIND").path("value").asText());
    assertEquals(
        "/var/lib/addrservice", env.get("ADDRSERVICE_STORE_FILE_DIR").path("value").asText());
    // What the Flyway init task would set: it must not reach the service, whose store migrates.
    assertFalse(env.containsKey("QUARKUS_FLYWAY_ACTIVE"), "env: " + env.keySet());

    JsonNode annotations = deployment.at("/spec/template/metadata/annotations");
    assertEquals("true", annotations.path("prometheus.io/scrape").asText());
    assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText());
    assertEquals("8080", annotations.path("prometheus.io/port").asText());
  }

  @Test
  void thePostgresqlOverlayDropsTheFileStoreAndKeepsTheRest() throws Exception {
    String rendered = kustomize(POSTGRESQL_OVERLAY);
    Map<String, JsonNode> resources = byKindAndName(read(rendered));
    assertEquals(
        List.of("Service/addrservice", "Deployment/addrservice"),
        new ArrayList<>(resources.keySet()));

    JsonNode deployment = resources.get("Deployment/addrservice");
    assertEquals(3, deployment.at("/spec/replicas").asInt());
    assertEquals("RollingUpdate", deployment.at("/spec/strategy/type").asText());
    JsonNode pod = deployment.at("/spec/template/spec");
    Map<String, JsonNode> volumes = byName(pod.path("volumes"));
    JsonNode container = pod.at("/containers/0");
    Map<String, JsonNode> mounts = byName(container.path("volumeMounts"));
    assertEquals(List.of("addrservice-jwt"), new ArrayList<>(volumes.keySet()));
    assertEquals(List.of("addrservice-jwt"), new ArrayList<>(mounts.keySet()));
    assertJwtIsOn(volumes, mounts, env(container));
    assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());

    Map<String, JsonNode> env = env(container);
    assertEquals("postgresql", env.get("ADDRSERVICE_STORE_KIND").path("value").asText());
    assertFalse(env.containsKey("ADDRSERVICE_STORE_FILE_DIR"), "env: " + env.keySet());
    assertTrue(env.containsKey("KUBERNETES_NAMESPACE"), "env: " + env.keySet());
    for (String name :
        List.of(
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD")) {
      assertEquals(
          "addrservice-postgresql",
          env.get(name).at("/valueFrom/secretKeyRef/name").asText(),
          name);
    }
  }

  /** The overlay rendered by {@code kubectl kustomize}; the test is skipped without kubectl. */
  private static String kustomize(Path overlay) throws IOException, InterruptedException {
    Process kubectl;
    try {
      kubectl =
          new ProcessBuilder(
                  "kubectl",
                  "kustomize",
                  "--load-restrictor",
                  "LoadRestrictionsNone",
                  overlay.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      assumeTrue(
          false, "kubectl is not installed, so the overlay is not rendered: " + e.getMessage());
      throw e;
    }
    String output;
    try (InputStream out = kubectl.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize did not finish");
    assertEquals(0, kubectl.exitValue(), "kubectl kustomize failed");
    return output;
  }

  /** Every document of a multi-document YAML stream. */
  private static List<JsonNode> read(String yaml) throws IOException {
    return new ObjectMapper(new YAMLFactory())
        .readerFor(JsonNode.class)
        .<JsonNode>readValues(yaml)
        .readAll();
  }

  /** The resources by "Kind/name", in their order in the file. */
  private static Map<String, JsonNode> byKindAndName(List<JsonNode> documents) {
    Map<String, JsonNode> resources = new LinkedHashMap<>();
    for (JsonNode document : documents) {
      if (document != null && !document.isEmpty()) {
        resources.put(
            document.path("kind").asText() + "/" + document.at("/metadata/name").asText(),
            document);
      }
    }
    return resources;
  }

  /** Tokens on, with the key mounted from the addrservice-jwt Secret. */
  private static void assertJwtIsOn(
      Map<String, JsonNode> volumes, Map<String, JsonNode> mounts, Map<String, JsonNode> env) {
    assertEquals(
        "addrservice-jwt", volumes.get("addrservice-jwt").at("/secret/secretName").asText());
    assertEquals("/etc/addrservice/jwt", mounts.get("addrservice-jwt").path("mountPath").asText());
    assertTrue(mounts.get("addrservice-jwt").path("readOnly").asBoolean());
    assertEquals("jwt", env.get("ADDRSERVICE_AUTH_MODE").path("value").asText());
    assertEquals(
        "/etc/addrservice/jwt/public-key.pem",
        env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").path("value").asText());
    for (String name : List.of("MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_AUDIENCES")) {
      assertEquals(
          "addrservice-jwt", env.get(name).at("/valueFrom/secretKeyRef/name").asText(), name);
    }
  }

  private static Map<String, JsonNode> byName(JsonNode list) {
    Map<String, JsonNode> named = new LinkedHashMap<>();
    list.forEach(item -> named.put(item.path("name").asText(), item));
    return named;
  }

  private static Map<String, JsonNode> env(JsonNode container) {
    Map<String, JsonNode> env = new LinkedHashMap<>();
    container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable));
    return env;
  }
}
