# syntax=docker/dockerfile:1
# Build: JDK 17; ./mvnw fetches Maven, Vaadin's plugin fetches Node.js for the production frontend bundle.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml package.json package-lock.json vite.config.ts ./
COPY .mvn .mvn
COPY processes processes
COPY frontend frontend
COPY src/main src/main
RUN ./mvnw -B -DskipTests package \
    && cp target/cvat-queue-manager-*.jar /build/app.jar

# Run: JRE 17 as an unprivileged user; data and backups live in volumes.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home app \
    && mkdir -p /app/data /app/backups \
    && chown -R app:app /app
WORKDIR /app
COPY --from=build /build/app.jar /app/app.jar
# Start-up: a class data sharing archive of the classes a start loads, recorded by Spring's training run (the
# context exits once refreshed; the database is a throwaway one). The jar is flat (see pom.xml), which the archive
# needs: classes come from a plain jar on the class path. About a quarter less start-up time in the benchmark
# (StartupBenchmarkIT); the JVM ignores a mismatched archive.
RUN DATA_DIR=/tmp/training BACKUP_DIR=/tmp/training-backups java -XX:ArchiveClassesAtExit=/app/app.jsa \
       -Dspring.context.exit=onRefresh -jar /app/app.jar \
    && rm -rf /tmp/training /tmp/training-backups
ENV DATA_DIR=/app/data \
    BACKUP_DIR=/app/backups \
    BIND=0.0.0.0:8000 \
    LOG_LEVEL=INFO
USER app
VOLUME ["/app/data", "/app/backups"]
EXPOSE 8000
# readiness (database and engine), not overall health: a CVAT outage must not mark the container unhealthy.
# bash's /dev/tcp needs no curl in the image; PORT overrides the port, as for the app
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-8000} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
# The JIT's optimising compiler (C2) takes a method on after ten times as many calls as by default: on 2 cores it
# otherwise spends a core on start-up code that runs a few thousand times and never again (about 3 s of a 12 s
# start in the benchmark). Code that keeps running, such as the sync and the queue, still gets C2's code.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/app/app.jsa", \
    "-XX:Tier4InvocationThreshold=50000", "-XX:Tier4MinInvocationThreshold=6000", \
    "-XX:Tier4CompileThreshold=150000", "-XX:Tier4BackEdgeThreshold=400000", \
    "-jar", "/app/app.jar"]
