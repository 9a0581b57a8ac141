package io.scv.bench;

import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What Spark did while the job ran, summed from the listener events on the driver: jobs, stages and tasks that ran,
 * shuffle bytes written and read, bytes spilled to disk. No extra work on the data.
 * <p>
 * Listener events arrive on Spark's listener thread after the fact, so {@link #detach()} runs one tiny marker job
 * and waits for its end event: everything the job posted before it has then been counted. The marker is not.
 */
public final class BenchSparkListener extends SparkListener {
    private static final String DESCRIPTION = "spark.job.description";
    private static final String MARKER = "bench: all events counted";

    private final SparkContext spark;
    private final AtomicLong jobs = new AtomicLong();
    private final AtomicLong stages = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();
    private final AtomicLong shuffleWritten = new AtomicLong();
    private final AtomicLong shuffleRead = new AtomicLong();
    private final AtomicLong spilledToDisk = new AtomicLong();
    private final Set<Integer> markerJobs = ConcurrentHashMap.newKeySet();
    private final Set<Integer> markerStages = ConcurrentHashMap.newKeySet();
    private final CountDownLatch markerEnded = new CountDownLatch(1);

    /**
     * @param jobs           Spark jobs the job ran
     * @param stages         stages that ran (skipped ones, whose shuffle output was reused, are not counted)
     * @param tasks          tasks that ended, failed ones included
     * @param shuffleWritten bytes the tasks wrote for shuffles
     * @param shuffleRead    shuffle bytes the tasks read, local and remote
     * @param spilledToDisk  bytes spilled to disk when a task's memory ran short
     */
    public record Figures(long jobs, long stages, long tasks, long shuffleWritten, long shuffleRead,
                          long spilledToDisk) {
    }

    private BenchSparkListener(SparkContext spark) {
        this.spark = spark;
    }

    /** Starts counting from now. */
    static BenchSparkListener attach(SparkContext spark) {
        var listener = new BenchSparkListener(spark);
        spark.addSparkListener(listener);
        return listener;
    }

    /** Stops counting once every event before now has been counted; the totals since {@link #attach}. */
    Figures detach() throws InterruptedException {
        String description = spark.getLocalProperty(DESCRIPTION);
        spark.setJobDescription(MARKER);
        try {
            JavaSparkContext.fromSparkContext(spark).parallelize(List.of(1), 1).count();
        } finally {
            spark.setJobDescription(description);
        }
        boolean counted = markerEnded.await(60, TimeUnit.SECONDS);
        spark.removeSparkListener(this);
        if (!counted) {
            throw new IllegalStateException("Spark's listener events did not arrive within 60 s of the job's end");
        }
        return new Figures(jobs.get(), stages.get(), tasks.get(), shuffleWritten.get(), shuffleRead.get(),
                spilledToDisk.get());
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        var properties = start.properties();
        if (properties != null && MARKER.equals(properties.getProperty(DESCRIPTION))) {
            markerJobs.add(start.jobId());
            scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds())
                    .forEach(id -> markerStages.add((Integer) id));
            return;
        }
        jobs.incrementAndGet();
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
        if (markerJobs.contains(end.jobId())) {
            markerEnded.countDown();
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted completed) {
        if (!markerStages.contains(completed.stageInfo().stageId())) {
            stages.incrementAndGet();
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (markerStages.contains(end.stageId())) {
            return;
        }
        tasks.incrementAndGet();
        TaskMetrics metrics = end.taskMetrics();
        if (metrics != null) {
            shuffleWritten.addAndGet(metrics.shuffleWriteMetrics().bytesWritten());
            shuffleRead.addAndGet(metrics.shuffleReadMetrics().totalBytesRead());
            spilledToDisk.addAndGet(metrics.diskBytesSpilled());
        }
    }
}
