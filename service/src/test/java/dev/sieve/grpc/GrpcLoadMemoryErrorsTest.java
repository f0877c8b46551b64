package dev.sieve.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.memory.LoadBudget;
import dev.sieve.memory.LoadMemoryException;
import dev.sieve.memory.Reservation;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import org.junit.jupiter.api.Test;

/** Loads refused for memory keep their message over gRPC, retryable or not. */
class GrpcLoadMemoryErrorsTest {
  @Test
  void busyIsUnavailableAndTooLargeIsResourceExhausted() {
    LoadBudget budget = new LoadBudget(10L << 20);
    Reservation holder = budget.open("words/a");
    holder.growTo(8L << 20);
    Reservation other = budget.open("words/b");
    LoadMemoryException busy = other.refusal(4L << 20);
    LoadMemoryException never = other.refusal(20L << 20);
    StatusException busyStatus = GrpcErrors.status(busy);
    StatusException neverStatus = GrpcErrors.status(never);
    assertEquals(GrpcStatus.UNAVAILABLE, busyStatus.status());
    assertEquals(busy.getMessage(), busyStatus.message());
    assertEquals(GrpcStatus.RESOURCE_EXHAUSTED, neverStatus.status());
    assertEquals(never.getMessage(), neverStatus.message());
    holder.close();
    other.close();
  }
}
