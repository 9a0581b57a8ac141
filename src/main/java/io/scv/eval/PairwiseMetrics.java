package io.scv.eval;

import java.util.Locale;

/**
 * Pairwise quality of a clustering against the truth, over the records present in both. Pairs are counted from
 * cluster/entity sizes, never enumerated.
 */
public record PairwiseMetrics(long records, long recordsNotInTruth, long truthRecordsNotInRun, long truePairs,
                              long predictedPairs, long truePositives) {
    public PairCounts counts() {
        return new PairCounts(truePairs, predictedPairs, truePositives);
    }

    public double precision() {
        return counts().precision();
    }

    public double recall() {
        return counts().recall();
    }

    public double f1() {
        return counts().f1();
    }

    public String toText() {
        return String.format(Locale.ROOT, """
                records evaluated        %,d (in run but not in truth: %,d; in truth but not in run: %,d)
                true pairs               %,d
                predicted pairs          %,d
                true positives           %,d
                false positives          %,d
                false negatives          %,d
                precision                %.4f
                recall                   %.4f
                F1                       %.4f""", records, recordsNotInTruth, truthRecordsNotInRun, truePairs,
                predictedPairs, truePositives, predictedPairs - truePositives, truePairs - truePositives,
                precision(), recall(), f1());
    }

    public String toJson() {
        return String.format(Locale.ROOT, "{\"records\":%d,\"records_not_in_truth\":%d,\"truth_records_not_in_run\":%d,"
                        + "\"true_pairs\":%d,\"predicted_pairs\":%d,\"true_positives\":%d,\"precision\":%.6f,"
                        + "\"recall\":%.6f,\"f1\":%.6f}", records, recordsNotInTruth, truthRecordsNotInRun, truePairs,
                predictedPairs, truePositives, precision(), recall(), f1());
    }
}
