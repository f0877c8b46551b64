# Sieve's container image: the jar that the README's run command builds, on a JDK.
#
#   docker build -t sieve .
#   docker run -p 8080:8080 -v sieve-data:/data sieve
#
# The base images are build arguments, so an offline build can start from local images
# (see .ci/podman-build). The runtime needs a full JDK, not a JRE: Chronicle Map compiles
# code at run time (javac).
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jdk

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Dependency layer: only the poms, so it is rebuilt when they change, not when sources do.
COPY pom.xml ./
COPY proto/pom.xml proto/
COPY service/pom.xml service/
COPY loadtest/pom.xml loadtest/
COPY loadtest/gatling/pom.xml loadtest/gatling/
RUN mvn -B -q dependency:go-offline
# Sources, then the README's build command (tests run in CI, not in the image build).
COPY proto/src proto/src
COPY service/src service/src
COPY loadtest/src loadtest/src
COPY loadtest/gatling/src loadtest/gatling/src
RUN mvn -B -q -DskipTests package

FROM ${RUNTIME_IMAGE}
LABEL org.opencontainers.image.title="sieve" \
      org.opencontainers.image.description="Compact word sets (interned tries) and number sets (Roaring) over HTTP"
RUN groupadd --system sieve \
    && useradd --system --gid sieve --uid 10001 --home-dir /app --no-create-home sieve \
    && mkdir -p /app /data \
    && chown sieve:sieve /data
COPY --from=build /src/service/target/sieve.jar /app/sieve.jar
# The jar's manifest carries the --add-opens/--add-exports the dependencies need; the JVM reads
# these options from the environment: heap as a share of the container's memory limit, and
# fail fast (restart) rather than limp on after an OutOfMemoryError.
# SIEVE_HOST: every interface, or the published port reaches nothing (the server's own default is
# loopback only); set SIEVE_TOKEN when running it, or the server warns that writes are open.
ENV SIEVE_PORT=8080 \
    SIEVE_HOST=0.0.0.0 \
    SIEVE_DATA_DIR=/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Dchronicle.analytics.disable=true"
VOLUME ["/data"]
EXPOSE 8080
USER sieve
WORKDIR /app
# (no --start-period: dockerfilelint 1.8 misreads it; /health answers as soon as the port is open)
HEALTHCHECK --interval=15s --timeout=3s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SIEVE_PORT} && printf 'GET /health HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "-jar", "/app/sieve.jar"]
