package dev.sieve.logging;

import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * Registers {@link RequestContext}'s context local. Vert.x wants its context locals registered
 * before the first Vert.x instance is built, and finds this provider through {@code
 * META-INF/services/io.vertx.core.spi.VertxServiceProvider} when it builds one: the static field
 * is initialised then, in time, whoever builds the instance (Main, a test).
 */
public final class RequestContextStorage implements VertxServiceProvider {
  static final ContextLocal<RequestContext> LOCAL = ContextLocal.registerLocal(RequestContext.class);

  @Override
  public void init(VertxBootstrap builder) {
    // nothing to configure: loading this class registered the local
  }
}
