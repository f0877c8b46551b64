package dev.sieve.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sieve.Main;
import dev.sieve.testing.HttpTestClient;
import dev.sieve.testing.SieveServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The deployment files in {@code deploy/} read as a user's tools read them (YAML, merge keys
 * included), and agree with the server: every {@code SIEVE_*} variable they set is one the server
 * reads, with a value its option parser takes; ports, probes, volumes and member lists line up.
 * (CI also runs Debian's {@code docker-compose config} on the compose file.)
 */
class DeployManifestsTest {
  private static final Path DEPLOY = repoRoot().resolve("deploy");
  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:(SIEVE_[A-Z0-9_]+)");

  @RegisterExtension
  static final SieveServerExtension server = new SieveServerExtension();

  // ---- compose

  @Test
  void composeRunsThreeNodesEachWithItsOwnVolumeFindingTheOthersByServiceName() throws IOException {
    Map<String, Object> compose = yaml(DEPLOY.resolve("compose.yaml"));
    Map<String, Object> services = map(compose.get("services"));
    assertEquals(3, services.size(), "three nodes");
    Set<String> volumes = new HashSet<>();
    Set<String> hostPorts = new HashSet<>();
    for (Map.Entry<String, Object> e : services.entrySet()) {
      String name = e.getKey();
      Map<String, Object> node = map(e.getValue());
      Map<String, String> env = strings(map(node.get("environment")));
      assertEquals("true", env.get("SIEVE_CLUSTER"), name);
      assertEquals(name, env.get("SIEVE_CLUSTER_HOST"), name + " gives the others its service name");
      assertEquals(name, node.get("hostname"), name);
      String clusterPort = env.getOrDefault("SIEVE_CLUSTER_PORT", "5701");
      assertEquals(services.keySet().stream().map(s -> s + ":" + clusterPort).collect(Collectors.toCollection(TreeSet::new)),
          new TreeSet<>(List.of(env.get("SIEVE_CLUSTER_MEMBERS").split(","))), name + " lists every node");
      assertEquals("0.0.0.0", env.get("SIEVE_HOST"), name + " must listen beyond loopback inside its container");

      // its own named volume at its data dir
      List<String> mounts = list(node.get("volumes"));
      String dataDir = env.getOrDefault("SIEVE_DATA_DIR", "/data");
      List<String> dataMounts = mounts.stream().filter(m -> m.split(":")[1].equals(dataDir)).toList();
      assertEquals(1, dataMounts.size(), name + " mounts one volume at " + dataDir);
      String volume = dataMounts.get(0).split(":")[0];
      assertTrue(volumes.add(volume), name + " shares volume " + volume);
      assertTrue(map(compose.get("volumes")).containsKey(volume), volume + " is declared");

      // one published API port each, onto the port the server listens on
      for (String p : list(node.get("ports"))) {
        String[] parts = p.split(":");
        assertEquals(env.get("SIEVE_PORT"), parts[parts.length - 1], name + ": " + p);
        assertTrue(hostPorts.add(parts[parts.length - 2]), "host port used twice: " + p);
      }

      // built from the project's Dockerfile
      Map<String, Object> build = map(node.get("build"));
      assertTrue(Files.isRegularFile(DEPLOY.resolve(String.valueOf(build.get("context")))
          .resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile")))), name + " builds the project's image");

      // the drain fits in the stop grace
      assertTrue(seconds(String.valueOf(node.get("stop_grace_period"))) > drainSeconds(env), name + " stop_grace_period");
      String health = String.join(" ", list(map(node.get("healthcheck")).get("test")));
      assertTrue(health.contains("/" + env.get("SIEVE_PORT")) && health.contains("GET /readyz "), health);
    }
    assertServerAnswers200("/readyz");
  }

  @Test
  void composeRefusesToStartWithoutBothTokens() throws IOException {
    for (Object node : map(yaml(DEPLOY.resolve("compose.yaml")).get("services")).values()) {
      Map<String, String> env = strings(map(map(node).get("environment")));
      for (String secret : List.of("SIEVE_TOKEN", "SIEVE_CLUSTER_TOKEN")) {
        assertTrue(env.get(secret).startsWith("${" + secret + ":?"), secret + " must be required, not written: " + env.get(secret));
      }
    }
  }

  @Test
  void composeSetsOnlyVariablesTheServerReadsWithValuesItTakes() throws IOException {
    for (Map.Entry<String, Object> e : map(yaml(DEPLOY.resolve("compose.yaml")).get("services")).entrySet()) {
      assertServerTakes(e.getKey(), strings(map(map(e.getValue()).get("environment"))));
    }
  }

  // ---- kubernetes

  @Test
  void kustomizationListsEveryManifest() throws IOException {
    Map<String, Object> k = yaml(DEPLOY.resolve("kubernetes/kustomization.yaml"));
    Set<String> files;
    try (Stream<Path> s = Files.list(DEPLOY.resolve("kubernetes"))) {
      files = s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(files, new TreeSet<>(list(k.get("resources"))));
  }

  @Test
  void statefulSetAndServicesLineUp() throws IOException {
    Map<String, Object> sts = kubernetes("StatefulSet").get(0);
    Map<String, Object> spec = map(sts.get("spec"));
    String stsName = String.valueOf(map(sts.get("metadata")).get("name"));
    Map<String, Object> podSpec = map(map(spec.get("template")).get("spec"));
    Map<String, Object> labels = map(map(map(spec.get("template")).get("metadata")).get("labels"));
    assertTrue(labels.entrySet().containsAll(map(map(spec.get("selector")).get("matchLabels")).entrySet()), "selector");

    Map<String, Object> container = map(objects(podSpec.get("containers")).get(0));
    Map<String, String> env = k8sEnv(container);
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (Object p : objects(container.get("ports"))) {
      ports.put(String.valueOf(map(p).get("name")), (Integer) map(p).get("containerPort"));
    }
    assertEquals(Integer.valueOf(env.get("SIEVE_PORT")), ports.get("http"));
    assertEquals(Integer.valueOf(env.get("SIEVE_CLUSTER_PORT")), ports.get("cluster"));
    assertEquals(Integer.valueOf(env.get("SIEVE_CLUSTER_BUS_PORT")), ports.get("bus"));
    assertEquals("true", env.get("SIEVE_CLUSTER"));
    assertEquals("0.0.0.0", env.get("SIEVE_HOST"));

    // the headless Service the StatefulSet names: stable pod names, listed before they are ready
    Map<String, Object> headless = kubernetes("Service").stream()
        .filter(s -> map(s.get("metadata")).get("name").equals(spec.get("serviceName"))).findFirst()
        .orElseThrow(() -> new AssertionError("no Service " + spec.get("serviceName")));
    assertEquals("None", map(headless.get("spec")).get("clusterIP"));
    assertEquals(Boolean.TRUE, map(headless.get("spec")).get("publishNotReadyAddresses"));

    // members: every pod by its name through the headless Service, at the cluster port
    int replicas = (Integer) spec.get("replicas");
    assertEquals(IntStream.range(0, replicas).mapToObj(i -> stsName + "-" + i + "." + spec.get("serviceName") + ":" + ports.get("cluster"))
        .collect(Collectors.toCollection(TreeSet::new)), new TreeSet<>(List.of(env.get("SIEVE_CLUSTER_MEMBERS").split(","))));
    assertTrue(Integer.parseInt(env.get("SIEVE_REPLICAS")) <= replicas, "more copies than nodes");
    assertTrue(Integer.parseInt(env.get("SIEVE_REPLICAS")) >= 2, "a node's death must leave a copy of each shard");

    // every Service port targets a named container port; pods selected by the template's labels
    for (Map<String, Object> service : kubernetes("Service")) {
      Map<String, Object> s = map(service.get("spec"));
      assertTrue(labels.entrySet().containsAll(map(s.get("selector")).entrySet()), "selector of " + service.get("metadata"));
      for (Object p : objects(s.get("ports"))) {
        Object target = map(p).get("targetPort");
        assertTrue(ports.containsKey(String.valueOf(target)), "targetPort " + target);
        assertEquals(ports.get(String.valueOf(target)), map(p).get("port"), "same number outside and in: " + p);
      }
    }

    // probes on the API port, at paths the server answers 200 when ready
    for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
      Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
      assertEquals("http", get.get("port"), probe);
      assertServerAnswers200(String.valueOf(get.get("path")));
    }
    assertEquals("/readyz", map(map(container.get("readinessProbe")).get("httpGet")).get("path"));

    // one claim per pod, mounted at the data dir
    Map<String, Object> claim = map(objects(spec.get("volumeClaimTemplates")).get(0));
    String claimName = String.valueOf(map(claim.get("metadata")).get("name"));
    assertTrue(objects(container.get("volumeMounts")).stream().anyMatch(m -> map(m).get("name").equals(claimName)
        && map(m).get("mountPath").equals(env.get("SIEVE_DATA_DIR"))), "claim " + claimName + " at " + env.get("SIEVE_DATA_DIR"));

    // the image's user, and a grace period the drain fits in
    Matcher uid = Pattern.compile("--uid (\\d+)").matcher(Files.readString(repoRoot().resolve("Dockerfile")));
    assertTrue(uid.find());
    assertEquals(Integer.valueOf(uid.group(1)), map(podSpec.get("securityContext")).get("runAsUser"));
    assertEquals(Integer.valueOf(uid.group(1)), map(podSpec.get("securityContext")).get("fsGroup"), "the volume writable by the user");
    assertTrue((Integer) podSpec.get("terminationGracePeriodSeconds") > drainSeconds(env));

    // tokens from a Secret, never written in the manifest
    for (String secret : List.of("SIEVE_TOKEN", "SIEVE_CLUSTER_TOKEN")) {
      assertEquals("<secret>", env.get(secret), secret + " must come from a Secret");
    }
    assertServerTakes(stsName, env);
  }

  @Test
  void aPodDisruptionBudgetKeepsACopyOfEveryShard() throws IOException {
    Map<String, Object> pdb = kubernetes("PodDisruptionBudget").get(0);
    int replicas = Integer.parseInt(k8sEnv(map(objects(map(map(map(kubernetes("StatefulSet").get(0).get("spec"))
        .get("template")).get("spec")).get("containers")).get(0))).get("SIEVE_REPLICAS"));
    assertTrue((Integer) map(pdb.get("spec")).get("maxUnavailable") < replicas);
  }

  // ---- the server's side

  /** Every variable is one an option of {@link Main} reads, and its value parses as that option. */
  private static void assertServerTakes(String where, Map<String, String> env) {
    CommandLine cli = new CommandLine(new Main());
    Map<String, OptionSpec> byEnv = new LinkedHashMap<>();
    for (java.lang.reflect.Field f : Main.class.getDeclaredFields()) {
      CommandLine.Option option = f.getAnnotation(CommandLine.Option.class);
      Matcher m = option == null ? null : ENV_DEFAULT.matcher(option.defaultValue());
      if (m != null && m.find()) {
        byEnv.put(m.group(1), cli.getCommandSpec().findOption(option.names()[0]));
      }
    }
    List<String> args = new ArrayList<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (!e.getKey().startsWith("SIEVE_")) {
        continue;
      }
      OptionSpec o = byEnv.get(e.getKey());
      assertNotNull(o, where + ": the server reads no " + e.getKey());
      // what compose or the kubelet fills in at run time stands for a plain value here
      String value = e.getValue().replaceAll("\\$\\{[^}]*}|<secret>", "secret").replace("$(POD_IP)", "10.0.0.7");
      if (o.typeInfo().isBoolean()) {
        assertTrue(value.equals("true") || value.equals("false"), where + ": " + e.getKey() + "=" + value);
        if (value.equals("true")) {
          args.add(o.longestName());
        }
      } else {
        args.add(o.longestName() + "=" + value);
      }
    }
    try {
      cli.parseArgs(args.toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      fail(where + ": " + e.getMessage());
    }
  }

  private static void assertServerAnswers200(String path) {
    HttpTestClient.Answer a = server.http().get(path);
    assertEquals(200, a.status(), path + ": " + a.body());
  }

  private static long drainSeconds(Map<String, String> env) {
    return Long.parseLong(env.getOrDefault("SIEVE_DRAIN_SECONDS", String.valueOf(dev.sieve.ServiceConfig.DEFAULT_DRAIN_SECONDS)));
  }

  private static long seconds(String duration) {
    assertTrue(duration.matches("\\d+s"), duration);
    return Long.parseLong(duration.substring(0, duration.length() - 1));
  }

  // ---- YAML

  /** Container env as name to value: a valueFrom secret as {@code <secret>}, a field as {@code <field>}. */
  private static Map<String, String> k8sEnv(Map<String, Object> container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Object o : objects(container.get("env"))) {
      Map<String, Object> v = map(o);
      Map<String, Object> from = v.containsKey("valueFrom") ? map(v.get("valueFrom")) : Map.of();
      env.put(String.valueOf(v.get("name")), from.containsKey("secretKeyRef") ? "<secret>"
          : from.isEmpty() ? String.valueOf(v.get("value")) : "<field>");
    }
    return env;
  }

  private static List<Map<String, Object>> kubernetes(String kind) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    try (Stream<Path> s = Files.list(DEPLOY.resolve("kubernetes"))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(Files.readString(p))) {
          Map<String, Object> d = map(doc);
          assertNotNull(d.get("apiVersion"), p + ": apiVersion");
          if (kind.equals(d.get("kind"))) {
            docs.add(d);
          }
        }
      }
    }
    assertFalse(docs.isEmpty(), "no " + kind + " in deploy/kubernetes");
    return docs;
  }

  private static Map<String, Object> yaml(Path file) throws IOException {
    return map(new Yaml(new LoaderOptions()).load(Files.readString(file)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertTrue(o instanceof Map, "expected a mapping, got " + o);
    return (Map<String, Object>) o;
  }

  private static List<Object> objects(Object o) {
    assertTrue(o instanceof List, "expected a list, got " + o);
    return new ArrayList<>((List<?>) o);
  }

  private static List<String> list(Object o) {
    assertTrue(o instanceof List, "expected a list, got " + o);
    return ((List<?>) o).stream().map(String::valueOf).toList();
  }

  private static Map<String, String> strings(Map<String, Object> m) {
    Map<String, String> s = new LinkedHashMap<>();
    m.forEach((k, v) -> s.put(k, String.valueOf(v)));
    return s;
  }

  private static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("Dockerfile"))) {
      p = p.getParent();
    }
    assertNotNull(p, "no Dockerfile above " + Path.of("").toAbsolutePath());
    return p;
  }
}
