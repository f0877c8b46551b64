package dev.sieve.bench;

import dev.sieve.ServiceConfig;
import dev.sieve.SieveService;
import dev.sieve.proto.ContainsRequest;
import dev.sieve.proto.ContainsResponse;
import dev.sieve.proto.Kind;
import dev.sieve.proto.PrefixRequest;
import dev.sieve.proto.SetRef;
import dev.sieve.proto.SieveGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Batched membership over gRPC ({@code Contains}) against the HTTP batch endpoint ({@code POST
 * /v1/{kind}/{name}/contains}): the same server, the same sets, the same pre-built 1,000-element
 * batches (half members, half not; fixed seed), the same number of calls in flight. Prints
 * lookups per second and call latencies as a Markdown table. A plain main, not a test.
 *
 * <p>Both clients decode every answer (JSON or protobuf), as a real client would. HTTP runs one
 * call per keep-alive connection at a time ({@code --inflight} connections); gRPC multiplexes the
 * same number of calls over {@code --grpc-connections} HTTP/2 connections. Client and server share
 * the machine: on a small one, the figures compare the faces, they are not the server's ceiling.
 *
 * <pre>
 * mvn -B -o -q -pl loadtest -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
 * java -cp loadtest/target/classes:$(cat loadtest/target/classpath.txt) dev.sieve.bench.GrpcVsHttpBench --seconds 10
 * </pre>
 *
 * Options: {@code --connect host:port} to measure a running server (its demo sets {@code en} and
 * {@code primes}) instead of starting one in this JVM; {@code --seconds N} (measured, after as
 * many of warm-up), {@code --inflight N} (default 8), {@code --grpc-connections N} (default 2).
 */
public final class GrpcVsHttpBench {
  static final int BATCH = 1_000;
  static final int BATCHES = 200;

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final int inflight;
  private final int grpcConnections;

  private GrpcVsHttpBench(Vertx vertx, String host, int port, int inflight, int grpcConnections) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.inflight = inflight;
    this.grpcConnections = grpcConnections;
  }

  public static void main(String[] args) throws Exception {
    String connect = null;
    int seconds = 10;
    int inflight = 8;
    int grpcConnections = 2;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--connect" -> connect = args[i + 1];
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--inflight" -> inflight = Integer.parseInt(args[i + 1]);
        case "--grpc-connections" -> grpcConnections = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.setProperty("chronicle.analytics.disable", "true");
    Vertx serverVertx = null;
    SieveService server = null;
    String host = "127.0.0.1";
    int port;
    if (connect == null) {
      serverVertx = Vertx.vertx();
      server = SieveService.start(serverVertx, ServiceConfig.forTests(0).withDemo(true)).await();
      port = server.port();
      while (!server.registry().isReady()) {
        Thread.sleep(100);
      }
    } else {
      host = connect.substring(0, connect.lastIndexOf(':'));
      port = Integer.parseInt(connect.substring(connect.lastIndexOf(':') + 1));
    }
    Vertx vertx = Vertx.vertx();
    try {
      new GrpcVsHttpBench(vertx, host, port, inflight, grpcConnections).run(seconds);
    } finally {
      vertx.close().await();
      if (server != null) {
        server.close().await();
        serverVertx.close().await();
      }
    }
  }

  private void run(int seconds) {
    GrpcClient[] grpcClients = new GrpcClient[grpcConnections];
    SieveGrpcClient[] grpc = new SieveGrpcClient[grpcConnections];
    for (int i = 0; i < grpcConnections; i++) {
      grpcClients[i] = GrpcClient.client(vertx);
      grpc[i] = SieveGrpcClient.create(grpcClients[i], SocketAddress.inetSocketAddress(port, host));
    }
    HttpClientAgent http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(inflight));

    List<String> members = grpc[0].prefix(PrefixRequest.newBuilder().setSet("en").setLimit(10_000).build())
        .await().getWordsList();
    Random random = new Random(20261122);
    List<List<String>> wordBatches = new ArrayList<>();
    List<List<Long>> numberBatches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      List<String> words = new ArrayList<>(BATCH);
      List<Long> numbers = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        String w = members.get(random.nextInt(members.size()));
        words.add(i % 2 == 0 ? w : w + "q" + random.nextInt(100)); // hit, miss
        numbers.add((long) random.nextInt(1 << 24)); // about 1 in 16 is prime
      }
      wordBatches.add(words);
      numberBatches.add(numbers);
    }

    System.out.printf("Batched Contains, %,d elements a call, %d calls in flight (HTTP: %d keep-alive connections;"
        + " gRPC: %d HTTP/2 connections), %d s measured after %d s warm-up.%n%n",
        BATCH, inflight, inflight, grpcConnections, seconds, seconds);
    List<String> sizes = new ArrayList<>();
    System.out.println("| set | face | calls/s | lookups/s | p50 ms | p99 ms |");
    System.out.println("|---|---|---|---|---|---|");
    for (String set : List.of("en", "primes")) {
      boolean words = set.equals("en");
      List<Buffer> httpBodies = new ArrayList<>();
      List<ContainsRequest> grpcRequests = new ArrayList<>();
      for (int b = 0; b < BATCHES; b++) {
        JsonObject body = words
            ? new JsonObject().put("words", new JsonArray(new ArrayList<>(wordBatches.get(b))))
            : new JsonObject().put("numbers", new JsonArray(new ArrayList<>(numberBatches.get(b))));
        httpBodies.add(body.toBuffer());
        ContainsRequest.Builder request = ContainsRequest.newBuilder()
            .setSet(SetRef.newBuilder().setKind(words ? Kind.WORDS : Kind.NUMBERS).setName(set));
        if (words) {
          request.addAllWords(wordBatches.get(b));
        } else {
          request.addAllNumbers(numberBatches.get(b));
        }
        grpcRequests.add(request.build());
      }
      String path = "/v1/" + (words ? "words" : "numbers") + "/" + set + "/contains";
      IntFunction<Future<List<Boolean>>> overHttp = b -> http.request(new RequestOptions()
              .setMethod(HttpMethod.POST).setHost(host).setPort(port).setURI(path)
              .putHeader("Content-Type", "application/json"))
          .compose(request -> request.send(httpBodies.get(b)))
          .compose(response -> response.body())
          .map(body -> {
            List<Boolean> present = new ArrayList<>(BATCH);
            for (Object p : new JsonObject(body).getJsonArray("present")) {
              present.add((Boolean) p);
            }
            return present;
          });
      AtomicInteger next = new AtomicInteger();
      IntFunction<Future<List<Boolean>>> overGrpc = b -> grpc[next.getAndIncrement() % grpcConnections]
          .contains(grpcRequests.get(b)).map(ContainsResponse::getPresentList);

      // the two faces must agree before they are timed
      for (int b = 0; b < 5; b++) {
        if (!overHttp.apply(b).await().equals(overGrpc.apply(b).await())) {
          throw new IllegalStateException("HTTP and gRPC disagree on batch " + b);
        }
      }
      long httpAnswer = http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
              .setURI(path).putHeader("Content-Type", "application/json"))
          .compose(request -> request.send(httpBodies.get(0))).compose(response -> response.body()).await().length();
      long grpcAnswer = grpc[0].contains(grpcRequests.get(0)).await().getSerializedSize();
      sizes.add(String.format("%s: HTTP %,d B a call, %,d B an answer; gRPC %,d B a call, %,d B an answer (messages, without framing)",
          set, httpBodies.stream().mapToLong(Buffer::length).sum() / BATCHES, httpAnswer,
          grpcRequests.stream().mapToLong(ContainsRequest::getSerializedSize).sum() / BATCHES, grpcAnswer));
      for (String face : List.of("HTTP", "gRPC")) {
        IntFunction<Future<List<Boolean>>> call = face.equals("HTTP") ? overHttp : overGrpc;
        drive(call, seconds); // warm-up
        long[] latencies = drive(call, seconds);
        Arrays.sort(latencies);
        double callsPerSecond = latencies.length / (double) seconds;
        System.out.printf("| %s | %s | %,.0f | %,.0f | %.2f | %.2f |%n", set, face, callsPerSecond,
            callsPerSecond * BATCH, latencies[latencies.length / 2] / 1e6,
            latencies[(int) (latencies.length * 0.99)] / 1e6);
      }
    }
    System.out.println();
    sizes.forEach(System.out::println);
    http.close().await();
    for (GrpcClient client : grpcClients) {
      client.close().await();
    }
  }

  /** Keeps {@link #inflight} calls going for {@code seconds}; the latencies of the calls done. */
  private long[] drive(IntFunction<Future<List<Boolean>>> call, int seconds) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    Promise<long[]> done = Promise.promise();
    long[][] latencies = {new long[1 << 16]};
    int[] count = {0};
    int[] running = {inflight};
    AtomicInteger batch = new AtomicInteger();
    vertx.runOnContext(v -> {
      for (int slot = 0; slot < inflight; slot++) {
        new Object() {
          void next() {
            if (System.nanoTime() >= end) {
              if (--running[0] == 0) {
                done.complete(Arrays.copyOf(latencies[0], count[0]));
              }
              return;
            }
            long start = System.nanoTime();
            call.apply(batch.getAndIncrement() % BATCHES).onComplete(ar -> {
              if (ar.failed()) {
                done.tryFail(ar.cause());
                return;
              }
              if (ar.result().size() != BATCH) {
                done.tryFail(new IllegalStateException("answer of " + ar.result().size()));
                return;
              }
              if (count[0] == latencies[0].length) {
                latencies[0] = Arrays.copyOf(latencies[0], count[0] * 2);
              }
              latencies[0][count[0]++] = System.nanoTime() - start;
              next();
            });
          }
        }.next();
      }
    });
    return done.future().await();
  }
}
