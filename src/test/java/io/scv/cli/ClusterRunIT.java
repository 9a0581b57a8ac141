package io.scv.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scv.config.ConfigLoader;
import io.scv.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The CI-sized cluster check (the full one is {@code jobs/cluster-drill.sh}): the cluster jar submitted through
 * {@code org.apache.spark.deploy.SparkSubmit} to {@code local-cluster[2,1,1024]} (a master and two workers in the
 * driver's JVM, each executor a JVM of its own, started from the project's own Spark jars), on the seven records
 * of {@link ExplainTest}. When the first scoring task starts, {@link ExecutorLossDuringScoring} kills the executor
 * running it; the run must still publish, and its tables must equal those of an embedded run of the same input.
 */
class ClusterRunIT {
    private static final long RUN_MINUTES = 20;

    @TempDir
    Path dir;

    @Test
    void aClusterRunThatLosesAnExecutorWhileScoringPublishesWhatAnEmbeddedRunPublishes() throws Exception {
        Files.writeString(dir.resolve("crm.csv"), ExplainTest.CSV);
        Files.writeString(dir.resolve("scv.yaml"), ExplainTest.CONFIG);
        Path events = dir.resolve("events.txt");
        Path clusterWarehouse = dir.resolve("cluster-warehouse");
        Path log = dir.resolve("submit.log");

        Process submit = submit(events, clusterWarehouse).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        String embeddedWarehouse = dir.resolve("embedded-warehouse").toString();
        var spark = SparkTestSession.get();
        new ScvJob(spark).run(ConfigLoader.load(dir.resolve("scv.yaml")).withWarehouse(embeddedWarehouse));

        assertTrue(submit.waitFor(RUN_MINUTES, TimeUnit.MINUTES), "the cluster run hung:\n" + tail(log));
        assertEquals(0, submit.exitValue(), "the cluster run failed:\n" + tail(log));
        var summary = new ObjectMapper().readTree(lastJsonLine(log));
        assertEquals(3, summary.path("customers").asLong(-1), summary.toString());

        List<String> happened = Files.readAllLines(events);
        String killed = happened.stream().filter(e -> e.startsWith("killed ")).findFirst()
                .orElseThrow(() -> new AssertionError("no executor was killed: " + happened));
        assertTrue(killed.endsWith("score: compare candidate pairs"), killed);
        String executor = killed.split(" ")[1];
        assertTrue(happened.contains("removed " + executor), "the killed executor was never removed: " + happened);

        for (String table : WarehouseComparison.TABLES) {
            var diff = WarehouseComparison.compare(spark, embeddedWarehouse, clusterWarehouse.toString(), table);
            assertTrue(diff.equal(), diff.toText());
        }
    }

    /** spark-submit in client mode, its classpath a Spark distribution's (Spark's jars, not scv's dependencies). */
    private ProcessBuilder submit(Path events, Path warehouse) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        Path sparkHome = sparkHome(target);
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports")).forEach(command::add);
        command.addAll(List.of("-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath(),
                "-cp", sparkHome.resolve("jars") + "/*", "org.apache.spark.deploy.SparkSubmit",
                "--master", "local-cluster[2,1,1024]",
                "--conf", "spark.executor.memory=512m",
                "--conf", "spark.extraListeners=" + ExecutorLossDuringScoring.class.getName(),
                "--conf", "spark.scv.test.events=" + events,
                "--jars", listenerJar().toString(),
                "--class", Main.class.getName(), target.resolve("scv-cluster.jar").toString(),
                "run", "--config", dir.resolve("scv.yaml").toString(), "--warehouse", warehouse.toString(),
                "--json", "--quiet"));
        var builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder;
    }

    /**
     * A Spark home whose jars/ is what a Spark distribution holds: target/spark plus scv's own dependencies, but
     * not those the cluster jar brings (Delta Lake, Jackson YAML), so the run proves that jar complete. Workers
     * start executors from it.
     */
    private Path sparkHome(Path target) throws IOException {
        Path jars = Files.createDirectories(dir.resolve("spark-home/jars"));
        for (Path folder : List.of(target.resolve("spark"), target.resolve("lib"))) {
            assertTrue(Files.isDirectory(folder), folder + " missing: run mvn package first");
            try (Stream<Path> files = Files.list(folder)) {
                for (Path jar : files.filter(ClusterRunIT::onTheClusterAlready).toList()) {
                    if (!Files.exists(jars.resolve(jar.getFileName()))) {   // Spark's own copy first
                        Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
                    }
                }
            }
        }
        return dir.resolve("spark-home");
    }

    private static boolean onTheClusterAlready(Path jar) {
        String name = jar.getFileName().toString();
        return name.endsWith(".jar") && Stream.of("delta-", "jackson-dataformat-yaml-", "snakeyaml-", "unitycatalog-")
                .noneMatch(name::startsWith);
    }

    /** The fault injector, alone in a jar for --jars: the driver loads spark.extraListeners from it. */
    private Path listenerJar() throws IOException {
        String entry = ExecutorLossDuringScoring.class.getName().replace('.', '/') + ".class";
        Path jar = dir.resolve("fault-injection.jar");
        try (OutputStream file = Files.newOutputStream(jar); var out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(Path.of("target/test-classes", entry)));
            out.closeEntry();
        }
        return jar;
    }

    private static String lastJsonLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("{")) {
                return lines.get(i);
            }
        }
        throw new AssertionError("no JSON summary in the output:\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
