package dev.sieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.proto.ContainsRequest;
import dev.sieve.proto.Kind;
import dev.sieve.proto.SetRef;
import dev.sieve.testing.GrpcTestClient;
import dev.sieve.testing.HttpTestClient;
import dev.sieve.testing.SieveServerExtension;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code --tls-cert}/{@code --tls-key}: HTTPS and gRPC over TLS on the one port, with a certificate made here. */
class TlsTest {
  static final SelfSignedCertificate CERT = SelfSignedCertificate.create("localhost");
  static final SieveServerExtension server = new SieveServerExtension(ServiceConfig.forTests(0)
      .withTls(new ServiceConfig.Tls(Path.of(CERT.certificatePath()), Path.of(CERT.privateKeyPath()))));

  @AfterAll
  static void done() {
    server.close();
    CERT.delete();
  }

  /** An SSL context trusting only the test's certificate. */
  static SSLContext trustingTheCertificate() throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(Path.of(CERT.certificatePath()))) {
      store.setCertificateEntry("sieve", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  @Test
  void httpsServesTheApi() throws Exception {
    HttpTestClient https = new HttpTestClient("https://localhost:" + server.port(),
        HttpTestClient.trusting(trustingTheCertificate()));
    assertEquals(200, https.get("/health").status());
    assertEquals(200, https.put("/v1/words/tls", "b\na\n").status());
    assertTrue(https.get("/v1/words/tls/contains?word=a").json().getBoolean("present"));
  }

  @Test
  void plaintextIsNotServedBesideTls() {
    // a plaintext request to a TLS port gets no HTTP answer
    HttpTestClient plain = new HttpTestClient(server.port());
    assertThrows(java.io.UncheckedIOException.class, () -> plain.get("/health"));
  }

  @Test
  void grpcOverTls() {
    GrpcTestClient grpc = new GrpcTestClient(server.vertx(), server.port(), new HttpClientOptions()
        .setSsl(true).setUseAlpn(true).setTrustOptions(CERT.trustOptions()).setVerifyHost(false));
    try {
      var words = SetRef.newBuilder().setKind(Kind.WORDS).setName("g").build();
      assertEquals(200, new HttpTestClient("https://localhost:" + server.port(), trusting()).put("/v1/words/g", "x\n").status());
      // the same port, the same certificate: h2 chosen by ALPN
      var answer = grpc.sieve.contains(ContainsRequest.newBuilder().setSet(words).addWords("x").addWords("y").build()).await();
      assertEquals(List.of(true, false), answer.getPresentList());
    } finally {
      grpc.close();
    }
  }

  private static java.net.http.HttpClient trusting() {
    try {
      return HttpTestClient.trusting(trustingTheCertificate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
