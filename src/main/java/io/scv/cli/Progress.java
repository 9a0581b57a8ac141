package io.scv.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a long run on the console, at a steady rate: the pipeline stage, what Spark is doing in it (its job
 * description, such as "publish: customer"), tasks done of the running Spark stages, rows those tasks read, and the
 * time spent. One line every {@code every} while a stage runs, on the error stream so that standard output keeps
 * only the summary (or the JSON a scheduler parses); {@code json} makes each line a JSON object. Counts come from a
 * Spark listener on the driver: no extra jobs, no row values.
 */
public final class Progress implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DESCRIPTION = "spark.job.description";

    private final SparkContext spark;
    private final PrintStream err;
    private final boolean json;
    private final long started = System.nanoTime();
    private final Listener listener = new Listener();
    private final ScheduledExecutorService ticker;
    private volatile String stage;
    private volatile long stageStarted;

    private Progress(SparkContext spark, PrintStream err, boolean json, Duration every) {
        this.spark = spark;
        this.err = err;
        this.json = json;
        spark.addSparkListener(listener);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "scv-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::report, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts reporting; {@link #close()} stops it. */
    public static Progress start(SparkContext spark, PrintStream err, boolean json, Duration every) {
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("progress interval must be positive, was: " + every);
        }
        return new Progress(spark, err, json, every);
    }

    /** A pipeline stage (ingest, block, score, ...) began. */
    public void stage(String name) {
        stageStarted = System.nanoTime();
        stage = name;
    }

    /** One progress line now, as the ticker writes it; nothing before the first stage. */
    void report() {
        String current = stage;
        if (current == null) {
            return;
        }
        Snapshot s = listener.snapshot();
        double elapsed = (System.nanoTime() - started) / 1e9;
        double inStage = (System.nanoTime() - stageStarted) / 1e9;
        err.println(json ? json(current, s, elapsed, inStage) : text(current, s, elapsed, inStage));
    }

    private static String text(String stage, Snapshot s, double elapsed, double inStage) {
        var line = new StringBuilder("scv: [").append(clock(elapsed)).append("] ").append(stage);
        s.job().filter(job -> !job.equals(stage)).ifPresent(job -> line.append(" · ").append(job));
        if (s.tasks() > 0) {
            line.append(String.format(Locale.ROOT, " · tasks %,d/%,d", s.tasksDone(), s.tasks()));
        }
        line.append(String.format(Locale.ROOT, " · %,d rows read", s.rows()));
        return line.append(" · ").append(clock(inStage)).append(" in ").append(stage).toString();
    }

    private static String json(String stage, Snapshot s, double elapsed, double inStage) {
        var node = JSON.createObjectNode().put("event", "progress")
                .put("elapsed_s", Math.round(elapsed * 10) / 10.0).put("stage", stage)
                .put("stage_elapsed_s", Math.round(inStage * 10) / 10.0);
        s.job().ifPresent(job -> node.put("job", job));
        return node.put("tasks_done", s.tasksDone()).put("tasks", s.tasks()).put("rows_read", s.rows()).toString();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        spark.removeSparkListener(listener);
    }

    /**
     * What the running Spark stages have done: tasks finished of their total, and rows read (input and shuffle)
     * by the finished tasks of the current pipeline stage. {@code job} is the newest running stage's description.
     */
    record Snapshot(Optional<String> job, int tasksDone, int tasks, long rows) {
    }

    /** Spark stage → counters, kept while the stage runs; rows of finished stages add to the total. */
    private final class Listener extends SparkListener {
        private final Map<Integer, Running> running = new ConcurrentHashMap<>();
        private final AtomicLong rowsOfStage = new AtomicLong();
        private volatile String rowsCountedFor;

        @Override
        public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
            var info = submitted.stageInfo();
            String description = submitted.properties() == null ? null
                    : submitted.properties().getProperty(DESCRIPTION);
            running.put(info.stageId(), new Running(info.stageId(), description, info.numTasks()));
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            Running stageOfTask = running.get(end.stageId());
            if (stageOfTask != null) {
                stageOfTask.done.incrementAndGet();
            }
            TaskMetrics metrics = end.taskMetrics();
            if (metrics != null) {
                rows().addAndGet(metrics.inputMetrics().recordsRead() + metrics.shuffleReadMetrics().recordsRead());
            }
        }

        @Override
        public void onStageCompleted(SparkListenerStageCompleted completed) {
            running.remove(completed.stageInfo().stageId());
        }

        /** Rows count from zero again when the pipeline stage changes. */
        private AtomicLong rows() {
            String current = stage;
            if (current != null && !current.equals(rowsCountedFor)) {
                rowsCountedFor = current;
                rowsOfStage.set(0);
            }
            return rowsOfStage;
        }

        Snapshot snapshot() {
            var stages = running.values();
            Optional<String> job = stages.stream().max(Comparator.comparingInt(Running::id))
                    .map(Running::description);
            int done = stages.stream().mapToInt(r -> r.done.get()).sum();
            int tasks = stages.stream().mapToInt(Running::tasks).sum();
            String current = stage;
            long rows = current != null && current.equals(rowsCountedFor) ? rowsOfStage.get() : 0;
            return new Snapshot(job, done, tasks, rows);
        }
    }

    private record Running(int id, String description, int tasks, AtomicInteger done) {
        Running(int id, String description, int tasks) {
            this(id, description, tasks, new AtomicInteger());
        }
    }
}
