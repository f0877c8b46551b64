package dev.sieve;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

/** The HTTP server's options for a {@link ServiceConfig}: where it listens, response compression, and TLS when configured. */
final class ServerOptions {
  private ServerOptions() {}

  static HttpServerOptions of(ServiceConfig config) {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host())
        // port 0: -1 makes every instance share one free port rather than each taking its own
        .setPort(config.port() == 0 ? -1 : config.port())
        // no setDecompressionSupported: Netty's decompressor does not check the gzip trailer;
        // gzip bodies are inflated and checked by the ingest pipeline (GzipStream)
        .setHandle100ContinueAutomatically(true)
        // answers gzip-compressed when the client sends Accept-Encoding: gzip (or deflate) and the
        // body passes the threshold: large JSON (lists, pages, reports) shrinks several-fold. Level
        // 1: Netty compresses on the event loop, and the fastest level keeps most of the gain.
        // Word exports compress themselves on a worker (Content-Encoding set: Netty passes them
        // through); the Roaring export and gRPC answers opt out (Content-Encoding: identity)
        .setCompressionSupported(true)
        .setCompressionLevel(SieveService.COMPRESSION_LEVEL)
        .setCompressionContentSizeThreshold(SieveService.COMPRESSION_THRESHOLD_BYTES);
    if (config.tls() != null) {
      // ALPN offers h2 beside http/1.1: gRPC needs HTTP/2, and over TLS it is chosen by ALPN (no h2c)
      options.setSsl(true).setUseAlpn(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(config.tls().cert().toString())
          .setKeyPath(config.tls().key().toString()));
    }
    return options;
  }
}
