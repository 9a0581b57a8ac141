package io.scv.bench;

import io.scv.cli.Progress;
import io.scv.cli.RunSummary;
import io.scv.cli.ScvJob;
import io.scv.config.BlockingSettings;
import io.scv.config.ScvConfig;
import io.scv.eval.ClusterEvaluation;
import io.scv.eval.ClusterMetrics;
import io.scv.eval.Truth;
import io.scv.publish.Tables;
import io.scv.sample.SampleGenerator;
import io.scv.sample.SampleOptions;
import io.scv.sample.SampleSummary;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark harness of issue 7: generates a population of a given number of source records (or reuses one),
 * runs the whole job on it in this JVM, measures it against the generator's truth, runs the single-JVM
 * {@link Baseline} on the same extracts, and writes one row of figures.
 * <p>
 * Three steps, so that the caller owns the SparkSession ({@code scv bench} builds one at {@code local[2]}; tests
 * pass theirs): {@link #prepare()} sizes and generates the extracts and writes the config, before Spark starts, so
 * that generation is timed apart and its garbage is gone before the job; {@link #measure} runs and measures the job,
 * the evaluation and the baseline; {@link #finish} appends the row and removes what the run wrote. The job is
 * timed by its own stage timer (read to publish); Spark figures come from a listener (no extra work on the data),
 * the heap from the JVM's collectors. Every step reports on the log stream (standard error for the command).
 */
public final class Bench {
    private static final long GENERATION_PROGRESS_SECONDS = 30;
    private static final double MB = 1 << 20;

    private final BenchOptions options;
    private final PrintStream log;

    /**
     * The extracts and config of one run, ready for the job.
     *
     * @param warehouse where the job publishes; emptied before every run, so each run is a first night
     */
    public record Prepared(BenchSample sample, ScvConfig config, Path warehouse) {
    }

    public Bench(BenchOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /** Sizes the population, generates its extracts (or finds them, with {@code --reuse}) and writes the config. */
    public Prepared prepare() throws IOException {
        BenchConfig.check(options.template());
        Files.createDirectories(options.work());
        int customers = customers();
        String name = String.format(Locale.ROOT, "%dc-seed%d", customers, options.seed());
        var sample = reusedOrGenerated(options.work().resolve("sample-" + name), customers);
        Path warehouse = options.work().resolve("warehouse-" + name);
        BenchFiles.deleteTree(warehouse);
        return new Prepared(sample, config(sample, warehouse), warehouse);
    }

    private int customers() throws IOException {
        double ratio = BenchSizing.recordsPerCustomer(options.seed(), options.work());
        int customers = BenchSizing.customersFor(options.records(), ratio);
        log.printf(Locale.ROOT, "bench: %.3f source records a customer (measured on %,d customers, seed %d): "
                        + "%,d customers for %,d source records%n", ratio, BenchSizing.CALIBRATION_CUSTOMERS,
                options.seed(), customers, options.records());
        return customers;
    }

    private BenchSample reusedOrGenerated(Path dir, int customers) throws IOException {
        BenchSample sample = options.reuse() ? BenchSample.finishedIn(dir, customers, options.seed()) : null;
        if (sample == null) {
            return generate(dir, customers);
        }
        log.printf(Locale.ROOT, "bench: reusing the extracts in %s (generated in %.1f s by %s)%n", dir,
                sample.generationSeconds(), sample.generatedBy());
        return sample;
    }

    /** The template pointed at the sample, with the pair budget of {@code --max-pairs} when given. */
    private ScvConfig config(BenchSample sample, Path warehouse) throws IOException {
        var config = BenchConfig.write(options.template(), sample.dir(), warehouse);
        if (options.maxPairs() == null) {
            return config;
        }
        var blocking = config.blocking();
        log.printf(Locale.ROOT, "bench: candidate pair budget %,d (the template's: %,d)%n", options.maxPairs(),
                blocking.maxCandidatePairs());
        return config.withBlocking(new BlockingSettings(blocking.maxBlockSize(), options.maxPairs(),
                blocking.rules()));
    }

    /**
     * Runs the job on the prepared extracts with {@code spark}, then evaluates the published crosswalk against
     * the truth and runs the baseline.
     *
     * @param progress the job's console progress; null for none
     */
    public BenchResult measure(SparkSession spark, Prepared prepared, Progress progress)
            throws InterruptedException, IOException {
        var machine = BenchMachine.current(spark.sparkContext().master());
        if (!machine.master().equals(options.master())) {
            log.printf("bench: warning: Spark runs at %s, not %s (the master was set before the harness asked)%n",
                    machine.master(), options.master());
        }
        var job = runJob(spark, prepared, progress);
        var summary = job.summary();

        announce(progress, "bench: evaluate against truth");
        long evaluating = System.nanoTime();
        var quality = evaluate(spark, prepared.config().run().warehouse(), prepared.sample().truth());
        double evaluateSeconds = (System.nanoTime() - evaluating) / 1e9;

        announce(progress, "bench: baseline");
        var baseline = runBaseline(prepared);
        return new BenchResult(Instant.now(), machine, prepared.sample(), summary.records(), summary.stageSeconds(),
                summary.totalSeconds(), summary.perRule(), summary.candidatePairs(), summary.matchedPairs(),
                summary.customers(), job.spark(), job.heap(), quality.pairwise().f1(), quality.bCubed().f1(),
                evaluateSeconds, BenchFiles.size(prepared.sample().dir()), BenchFiles.size(prepared.warehouse()),
                baseline.result(), baseline.status());
    }

    /** The job's own figures, and what Spark and the heap did while it ran. */
    private record JobRun(RunSummary summary, BenchSparkListener.Figures spark, BenchHeap.Peak heap) {
    }

    private JobRun runJob(SparkSession spark, Prepared prepared, Progress progress) throws InterruptedException {
        var sample = prepared.sample();
        log.printf(Locale.ROOT, "bench: job on %,d source records at %s%n", sample.sourceRecords(),
                spark.sparkContext().master());
        System.gc();   // the generator's garbage is not the job's
        var heap = BenchHeap.watch();
        var listener = BenchSparkListener.attach(spark.sparkContext());
        RunSummary summary;
        try {
            summary = new ScvJob(spark, progress).run(prepared.config());
        } catch (RuntimeException e) {
            heap.stop();
            listener.detach();
            log.printf("bench: the job failed; the extracts stay in %s for another run with --reuse%n", sample.dir());
            throw e;
        }
        var run = new JobRun(summary, listener.detach(), heap.stop());
        log.printf(Locale.ROOT, "bench: job done in %.1f s: %,d candidate pairs, %,d customers%n",
                summary.totalSeconds(), summary.candidatePairs(), summary.customers());
        return run;
    }

    /** The baseline's figures, or why there are none: "skipped", "n/a" (not built yet) or "failed". */
    private record BaselineOutcome(BaselineResult result, String status) {
    }

    private BaselineOutcome runBaseline(Prepared prepared) {
        if (!options.baseline()) {
            return new BaselineOutcome(null, "skipped");
        }
        System.gc();   // nor the job's garbage the baseline's
        log.println("bench: baseline on the same extracts");
        try {
            return new BaselineOutcome(Baseline.run(prepared.config(), prepared.sample().truth()), null);
        } catch (UnsupportedOperationException e) {
            log.println("bench: no baseline: " + e.getMessage());
            return new BaselineOutcome(null, "n/a");
        } catch (RuntimeException e) {
            log.println("bench: the baseline failed: " + e);
            return new BaselineOutcome(null, "failed");
        }
    }

    /**
     * Appends the row to {@code --out} (when given), removes the warehouse and the extracts this run generated
     * (unless {@code --keep}; reused extracts always stay), and returns the figures as text with the row last.
     */
    public String finish(Prepared prepared, BenchResult result) throws IOException {
        String row = BenchTable.row(result);
        if (options.out() != null) {
            BenchTable.append(options.out(), row);
            log.println("bench: row appended to " + options.out());
        }
        if (options.keep()) {
            log.printf("bench: kept the extracts in %s and the warehouse in %s%n", prepared.sample().dir(),
                    prepared.warehouse());
        } else {
            BenchFiles.deleteTree(prepared.warehouse());
            if (prepared.sample().reused()) {
                log.println("bench: the reused extracts stay in " + prepared.sample().dir());
            } else {
                BenchFiles.deleteTree(prepared.sample().dir());
            }
        }
        return BenchReport.text(result) + row + "\n";
    }

    private BenchSample generate(Path dir, int customers) throws IOException {
        checkHeapForGeneration();
        BenchFiles.deleteTree(dir);
        String commit = BenchMachine.checkoutCommit();
        log.printf(Locale.ROOT, "bench: generating %,d customers (seed %d) into %s%n", customers, options.seed(), dir);
        var heap = BenchHeap.watch();
        long start = System.nanoTime();
        var ticker = progressOfGeneration(start);
        SampleSummary summary;
        BenchHeap.Peak peak;
        try {
            summary = new SampleGenerator(SampleOptions.defaults(customers, options.seed())).writeTo(dir, true);
        } finally {
            ticker.shutdownNow();
            peak = heap.stop();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        var sample = BenchSample.generated(dir, customers, options.seed(), summary, seconds, peak, commit);
        sample.writeMarker();
        log.printf(Locale.ROOT, "bench: generated %,d source records, %,d orders and %,d click events in %.1f s "
                        + "(%,.0f MB on disk; heap peak %,.0f MB)%n", sample.sourceRecords(), sample.orders(),
                sample.clickEvents(), seconds, BenchFiles.size(dir) / MB, peak.usedBytes() / MB);
        return sample;
    }

    /** Fails when the heap is surely too small for the generator, and warns when it is tight. */
    private void checkHeapForGeneration() {
        long least = BenchSizing.generatorHeapLeast(options.records());
        long most = BenchSizing.generatorHeapMost(options.records());
        long max = Runtime.getRuntime().maxMemory();
        if (least > max) {
            throw new IllegalStateException(String.format(Locale.ROOT, "generating %,d source records needs %,.0f to "
                    + "%,.0f MB of heap (the generator holds them all in memory), this JVM may use %,.0f MB: raise "
                    + "SCV_HEAP", options.records(), least / MB, most / MB, max / MB));
        }
        if (most * 5 / 4 > max) {
            log.printf(Locale.ROOT, "bench: warning: generating %,d source records needs %,.0f to %,.0f MB of heap and "
                    + "this JVM may use %,.0f MB: expect long collections, or raise SCV_HEAP%n", options.records(),
                    least / MB, most / MB, max / MB);
        }
    }

    /** A line every half minute while the generator works: it reports nothing itself until the files are written. */
    private ScheduledExecutorService progressOfGeneration(long start) {
        var ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "scv-bench-generation");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(() -> log.printf(Locale.ROOT, "bench: [%d s] generating · heap %,.0f MB in use%n",
                        Math.round((System.nanoTime() - start) / 1e9), BenchHeap.usedNow() / MB),
                GENERATION_PROGRESS_SECONDS, GENERATION_PROGRESS_SECONDS, TimeUnit.SECONDS);
        return ticker;
    }

    /** The progress lines name what the harness does after the job, rather than the job's last stage. */
    private static void announce(Progress progress, String step) {
        if (progress != null) {
            progress.stage(step);
        }
    }

    private static ClusterMetrics evaluate(SparkSession spark, String warehouse, Path truthFile) {
        var truth = Truth.load(spark, truthFile.toString());
        try {
            var xref = spark.read().format("delta").load(Tables.path(warehouse, Tables.CUSTOMER_XREF))
                    .select("record_key", "customer_id");
            return ClusterEvaluation.evaluate(xref, truth);
        } finally {
            truth.unpersist();
        }
    }
}
