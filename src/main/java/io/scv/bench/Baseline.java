package io.scv.bench;

import io.scv.config.ScvConfig;

import java.nio.file.Path;

/**
 * The physical-limit reference of the benchmark harness (issue 7): the job's blocking, scoring and union-find over
 * the same extracts, in one JVM without Spark. Only the harness uses it; it is not a second implementation of the job.
 */
public final class Baseline {
    private Baseline() {
    }

    /**
     * @param config the config the job ran with (sources, standardisation, blocking rules, comparisons, thresholds)
     * @param truth  the generator's truth.csv, or null to skip F1
     */
    public static BaselineResult run(ScvConfig config, Path truth) {
        throw new UnsupportedOperationException("the single-JVM baseline is not built yet");
    }
}
