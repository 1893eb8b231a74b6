package io.addrservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deployment's JVM flags are stated once, in {@code src/main/aot/build.sh} (which trains the
 * AOT cache with them, and which the benchmarks and CI ask for them); what cannot ask, the
 * container image's environment and the README's command, carries the same.
 */
class DeploymentFlagsTest {
  private static final Path BUILD = Path.of("src", "main", "aot", "build.sh");
  private static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");
  private static final Path README = Path.of("README.md");

  @Test
  void theImageRunsWithTheFlagsTheCacheIsTrainedWith() throws IOException {
    String dockerfile = Files.readString(DOCKERFILE, StandardCharsets.UTF_8);
    List<String> image = new ArrayList<>(words(env(dockerfile, "GC_CONTAINER_OPTIONS")));
    image.addAll(words(env(dockerfile, "JAVA_OPTS_APPEND")));
    for (String flag : deploymentFlags()) {
      assertTrue(image.contains(flag), flag + " is not in Dockerfile.jvm's JVM options: " + image);
    }
    assertTrue(image.contains("-XX:AOTCache=/deployments/app.aot"), image.toString());
  }

  @Test
  void theReadmesCommandRunsWithThem() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher command =
        Pattern.compile("aot-java\\.txt\\)\" \\\\\\n((?:.*\\\\\\n)*.*-jar quarkus-run\\.jar)")
            .matcher(readme);
    assertTrue(command.find(), "the README's command of the AOT deployment");
    List<String> flags = words(command.group(1).replace("\\\n", " "));
    for (String flag : deploymentFlags()) {
      assertTrue(flags.contains(flag), flag + " is not in the README's command: " + flags);
    }
  }

  private static List<String> deploymentFlags() throws IOException {
    Matcher line =
        Pattern.compile("(?m)^DEPLOYMENT_JVM_OPTS=\"([^\"]+)\"$")
            .matcher(Files.readString(BUILD, StandardCharsets.UTF_8));
    assertTrue(line.find(), "build.sh states DEPLOYMENT_JVM_OPTS");
    List<String> flags = words(line.group(1));
    assertEquals(
        "-XX:+UseSerialGC", flags.get(0), "the collector, which the cache depends on, comes first");
    return flags;
  }

  private static String env(String dockerfile, String name) {
    Matcher env = Pattern.compile("(?m)^ENV " + name + "=\"([^\"]*)\"$").matcher(dockerfile);
    assertTrue(env.find(), "Dockerfile.jvm sets " + name);
    return env.group(1);
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.trim().split("\\s+")).toList();
  }
}
