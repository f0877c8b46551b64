package dev.sieve;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

/** The HTTP server's options for a {@link ServiceConfig}: where it listens, and TLS when configured. */
final class ServerOptions {
  private ServerOptions() {}

  static HttpServerOptions of(ServiceConfig config) {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host())
        // port 0: -1 makes every instance share one free port rather than each taking its own
        .setPort(config.port() == 0 ? -1 : config.port())
        // no setDecompressionSupported: Netty's decompressor does not check the gzip trailer;
        // gzip bodies are inflated and checked by the ingest pipeline (GzipStream)
        .setHandle100ContinueAutomatically(true);
    if (config.tls() != null) {
      // ALPN offers h2 beside http/1.1: gRPC needs HTTP/2, and over TLS it is chosen by ALPN (no h2c)
      options.setSsl(true).setUseAlpn(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(config.tls().cert().toString())
          .setKeyPath(config.tls().key().toString()));
    }
    return options;
  }
}
