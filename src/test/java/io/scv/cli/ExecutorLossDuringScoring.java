package io.scv.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fault injection for {@code ClusterRunIT}, loaded into a cluster run's driver with {@code spark.extraListeners}:
 * when the first task of a job described "score: ..." starts, it kills the executor running that task (as a
 * worker's death would), and it writes what happened to the file {@code spark.scv.test.events} names, one event per
 * line: {@code killed <executor> <job description>}, {@code removed <executor>}, {@code failed-task <stage>}.
 */
public final class ExecutorLossDuringScoring extends SparkListener {
    private final Path events;
    private final Map<Integer, String> descriptionOfStage = new ConcurrentHashMap<>();
    private final AtomicBoolean killed = new AtomicBoolean();

    public ExecutorLossDuringScoring(SparkConf conf) {
        events = Path.of(conf.get("spark.scv.test.events"));
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        String description = start.properties() == null ? null
                : start.properties().getProperty("spark.job.description");
        if (description != null) {
            scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds())
                    .forEach(id -> descriptionOfStage.put((Integer) id, description));
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        String description = descriptionOfStage.getOrDefault(start.stageId(), "");
        if (description.startsWith("score:") && killed.compareAndSet(false, true)) {
            String executor = start.taskInfo().executorId();
            write("killed " + executor + " " + description);
            // not on the listener bus thread: killing waits for the cluster manager
            new Thread(() -> SparkContext.getOrCreate().killExecutor(executor), "scv-test-kill").start();
        }
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        write("removed " + removed.executorId());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (!end.taskInfo().successful()) {
            write("failed-task " + end.stageId());
        }
    }

    private synchronized void write(String event) {
        try {
            Files.writeString(events, event + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
