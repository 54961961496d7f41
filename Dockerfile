# syntax=docker/dockerfile:1
# Build: the Maven wrapper on a JDK, dependencies cached in their own layer.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp dependency:go-offline
COPY src src
COPY db db
COPY config/registry-sample.csv config/
RUN ./mvnw -B -ntp package -DskipTests \
 && java -Djarmode=tools -jar target/vigia-*.jar extract --layers --launcher --destination target/extracted

# Run: a JRE, the application's layers from least to most often changed, an unprivileged user.
FROM eclipse-temurin:21-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app vigia \
 && mkdir -p /app/data && chown vigia /app/data
WORKDIR /app
COPY --from=build /src/target/extracted/dependencies/ ./
COPY --from=build /src/target/extracted/spring-boot-loader/ ./
COPY --from=build /src/target/extracted/snapshot-dependencies/ ./
COPY --from=build /src/target/extracted/application/ ./
USER vigia
# Without SPRING_DATASOURCE_URL the image runs its embedded PostgreSQL with its data here: mount a volume to keep it.
ENV VIGIA_DATA_DIR=/app/data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
