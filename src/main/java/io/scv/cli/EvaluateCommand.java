package io.scv.cli;

import io.scv.block.Blocking;
import io.scv.compare.Scoring;
import io.scv.config.ScvConfig;
import io.scv.eval.BlockingEvaluation;
import io.scv.eval.ClusterEvaluation;
import io.scv.eval.ComparisonLevelEvaluation;
import io.scv.eval.EvaluationReport;
import io.scv.eval.ThresholdSweep;
import io.scv.eval.Truth;
import io.scv.publish.Tables;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;

/**
 * {@code scv evaluate}: measures a run against truth. From the published {@code customer_xref}: pairwise and
 * B-cubed precision, recall and F1 (and labelled-pair figures when the truth is labelled pairs). With the config
 * as well, it re-runs ingest, standardise, blocking and scoring (nothing is published) for what the tables do not
 * keep: blocking recall and reduction ratio per rule, the threshold sweep over every candidate pair, and the
 * per-level m and u the truth implies next to the weights used.
 */
final class EvaluateCommand {
    private EvaluateCommand() {
    }

    static EvaluationReport run(SparkSession spark, String warehouse, ScvConfig config, Path truthFile) {
        String xrefPath = Tables.path(warehouse, Tables.CUSTOMER_XREF);
        Truth truth;
        try {
            truth = Truth.load(spark, truthFile.toString());
        } catch (IllegalArgumentException e) {
            throw new UsageException("evaluate", e.getMessage());
        }
        var xref = spark.read().format("delta").load(xrefPath).select("record_key", "customer_id");
        var report = EvaluationReport.of(truth.summary()).withClusters(ClusterEvaluation.evaluate(xref, truth));
        if (config == null) {
            return report;
        }
        var records = new ScvJob(spark).prepareRecords(config);
        var recordKeys = records.select("record_key");
        var noWithin = config.sourcesNotLinkedWithin();
        var blocked = Blocking.run(records, config);
        long comparable = Blocking.comparablePairs(records, noWithin);
        report = report.withBlocking(BlockingEvaluation.evaluate(blocked.pairs(), recordKeys, truth, comparable,
                noWithin));
        spark.sparkContext().setJobDescription("evaluate: score every candidate pair");
        var scored = Scoring.run(blocked.pairs(), records, config).cache();
        report = report.withThresholdSweep(ThresholdSweep.run(scored, recordKeys, truth,
                config.scoring().matchThreshold()));
        report = report.withComparisons(ComparisonLevelEvaluation.evaluate(scored, truth));
        scored.unpersist();
        return report;
    }
}
