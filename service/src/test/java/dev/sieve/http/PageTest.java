package dev.sieve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.testing.HttpTestClient.Answer;
import dev.sieve.testing.SieveServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /}: served as HTML, and, in headless Chromium (Debian's {@code chromium}, which
 * {@code .ci/run} installs), it draws a row and a bar per set and answers the query box.
 */
class PageTest {
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension();

  /** Chromium's flags that work on these machines: no sandbox as root, no background traffic. */
  static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
      "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--virtual-time-budget=5000", "--dump-dom");

  @TempDir
  Path profile;

  static Path chromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return null;
  }

  /** The DOM after the page's scripts ran, as Chromium dumps it. */
  String render(String url) throws IOException, InterruptedException {
    Path chromium = chromium();
    Assumptions.assumeTrue(chromium != null, "chromium is not installed (.ci/run installs it)");
    List<String> command = new java.util.ArrayList<>(List.of(chromium.toString()));
    command.addAll(CHROMIUM_FLAGS);
    command.add("--user-data-dir=" + profile);
    command.add(url);
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    byte[] dom = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
    return new String(dom, StandardCharsets.UTF_8);
  }

  /** A PNG screenshot of the page after its scripts ran, as Chromium takes it. */
  java.awt.image.BufferedImage screenshot(String url) throws IOException, InterruptedException {
    Path chromium = chromium();
    Assumptions.assumeTrue(chromium != null, "chromium is not installed (.ci/run installs it)");
    Path png = profile.resolve("page.png");
    List<String> command = new java.util.ArrayList<>(List.of(chromium.toString()));
    command.addAll(CHROMIUM_FLAGS.stream().filter(f -> !f.equals("--dump-dom")).toList());
    command.addAll(List.of("--window-size=1200,1400", "--screenshot=" + png, "--user-data-dir=" + profile.resolve("shot"), url));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
    return javax.imageio.ImageIO.read(png.toFile());
  }

  /** Pixels of {@code image} of exactly this colour. */
  static long pixels(java.awt.image.BufferedImage image, int rgb) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  /** The text of the element with this id (no nested elements of the same tag). */
  static String byId(String dom, String tag, String id) {
    Matcher m = Pattern.compile("<" + tag + "[^>]* id=\"" + id + "\"[^>]*>(.*?)</" + tag + ">", Pattern.DOTALL).matcher(dom);
    assertTrue(m.find(), "no #" + id + " in " + dom);
    return m.group(1);
  }

  @Test
  void servesThePage() {
    Answer answer = server.http().get("/");
    assertEquals(200, answer.status());
    assertTrue(answer.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(answer.body().contains("<title>Sieve</title>"));
  }

  @Test
  void drawsTheSetsAndAnswersAPrefixQuery() throws Exception {
    assertEquals(200, server.http().put("/v1/words/fruit", "apple\napricot\nbanana\ncherry\n").status());
    assertEquals(200, server.http().put("/v1/numbers/evens", "0\n2\n4\n6\n8\n").status());

    String dom = render(server.http().base + "/?set=words/fruit&q=ap&op=prefix");

    String sets = byId(dom, "tbody", "sets");
    Matcher fruit = Pattern.compile("<tr data-kind=\"words\" data-name=\"fruit\"><td>words</td><td>fruit</td>"
        + "<td class=\"num\">4</td><td class=\"num\">(\\d+) B</td><td class=\"num\">([0-9.]+ \\w?B)</td>"
        + "<td><div class=\"bar\"[^>]*><div class=\"fill\" style=\"width: ([0-9.]+)%;\"></div></div></td>"
        + "<td class=\"num ratio\">([0-9.]+)%</td></tr>").matcher(sets);
    assertTrue(fruit.find(), sets);
    long bytes = server.service().registry().words().get("fruit").orElseThrow().set().byteSize();
    assertEquals(bytes, Long.parseLong(fruit.group(1)));
    double width = Double.parseDouble(fruit.group(3));
    assertTrue(width > 0 && width <= 100, "bar width " + width);
    assertTrue(sets.contains("data-name=\"evens\"><td>numbers</td><td>evens</td><td class=\"num\">5</td>"), sets);

    assertEquals("2 words start with \"ap\":\napple\napricot", byId(dom, "div", "result"));
    assertTrue(byId(dom, "span", "status").startsWith("ready · 2 sets"), byId(dom, "span", "status"));
    assertTrue(byId(dom, "div", "loads").contains("last: numbers/evens done, 5 elements"), byId(dom, "div", "loads"));
  }

  @Test
  void plotsWhatTheServerSampledAndBreaksASetDown() throws Exception {
    assertEquals(200, server.http().put("/v1/words/fruit", "apple\napricot\nbanana\ncherry\n").status());
    Answer history = server.http().get("/v1/history");
    assertEquals(200, history.status());
    assertTrue(history.json().getJsonArray("samples").size() >= 1, "sampled at start: " + history.body());

    String dom = render(server.http().base + "/?view=words/fruit");

    for (String id : List.of("plot-rate", "plot-p99", "plot-sets", "plot-memory", "plot-loads")) {
      String figure = byId(dom, "figure", id);
      assertTrue(figure.contains("<svg"), id + ": " + figure);
      assertTrue(figure.contains("<figcaption>"), id + ": " + figure);
    }
    String memory = byId(dom, "figure", "plot-memory");
    assertTrue(memory.contains("data-series=\"RSS\"") && memory.contains("data-series=\"heap used\""), memory);
    assertTrue(Pattern.compile("heap used: [0-9.]+ [KMG]iB").matcher(memory).find(), memory);

    assertTrue(byId(dom, "div", "breakdown-title").startsWith("words/fruit: 4 elements"), byId(dom, "div", "breakdown-title"));
    String parts = byId(dom, "table", "parts");
    long rows = Pattern.compile("<tr data-part=").matcher(parts).results().count();
    long expected = server.http().get("/v1/memory/words/fruit").json().getJsonArray("parts").size();
    assertEquals(expected, rows, parts);
    assertTrue(rows > 0, parts);
    assertTrue(byId(dom, "tbody", "sets").contains("<tr data-kind=\"words\" data-name=\"fruit\" class=\"chosen\">"),
        byId(dom, "tbody", "sets"));

    // and on screen: the second series' blue (heap used, in the memory plot and its legend) is drawn
    java.awt.image.BufferedImage shot = screenshot(server.http().base + "/?view=words/fruit");
    assertEquals(1200, shot.getWidth());
    assertTrue(pixels(shot, 0x1f5fa8) > 20, "the plots' second colour is on the screenshot");
  }

  @Test
  void answersAContainsQuery() throws Exception {
    assertEquals(200, server.http().put("/v1/numbers/evens", "0\n2\n4\n").status());
    String dom = render(server.http().base + "/?set=numbers/evens&q=4&op=contains");
    assertEquals("\"4\" is in numbers/evens", byId(dom, "div", "result"));
    dom = render(server.http().base + "/?set=numbers/evens&q=5");
    assertEquals("\"5\" is not in numbers/evens", byId(dom, "div", "result"));
  }
}
