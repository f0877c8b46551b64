package dev.sieve.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.reflection.v1.ServerReflectionRequest;
import io.vertx.grpc.reflection.v1.ServerReflectionResponse;
import io.vertx.grpc.reflection.v1.ServiceResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** grpcurl-style tools can list the services and fetch sieve.proto through reflection (v1). */
class GrpcReflectionTest {
  @RegisterExtension
  final SieveServerExtension server = new SieveServerExtension();

  static final ServiceMethod<ServerReflectionResponse, ServerReflectionRequest> INFO = ServiceMethod.client(
      ServiceName.create("grpc.reflection.v1.ServerReflection"), "ServerReflectionInfo",
      GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(ServerReflectionResponse.newBuilder()));

  @Test
  void listsTheSieveServiceAndServesItsFile() throws Exception {
    ServerReflectionResponse services = ask(server, ServerReflectionRequest.newBuilder().setListServices("").build());
    List<String> names = services.getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList();
    assertTrue(names.contains("sieve.v1.Sieve"), names.toString());

    ServerReflectionResponse file = ask(server, ServerReflectionRequest.newBuilder()
        .setFileContainingSymbol("sieve.v1.Sieve").build());
    FileDescriptorProto proto = FileDescriptorProto.parseFrom(file.getFileDescriptorResponse().getFileDescriptorProto(0));
    assertEquals("sieve.v1", proto.getPackage());
    assertTrue(proto.getService(0).getMethodList().stream().anyMatch(m -> m.getName().equals("LoadWords")
        && m.getClientStreaming()));
  }

  private static ServerReflectionResponse ask(SieveServerExtension server, ServerReflectionRequest request) {
    return server.grpc().client.request(server.grpc().address, INFO).compose(call -> {
      call.end(request);
      return call.response().compose(response -> response.last());
    }).await();
  }
}
