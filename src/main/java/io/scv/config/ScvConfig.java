package io.scv.config;

import java.util.List;
import java.util.Map;

/** The whole, validated configuration of a run. Built only by {@link ConfigLoader}. */
public record ScvConfig(String file, String hash, RunSettings run, Map<String, String> spark,
                        List<SourceConfig> sources, StandardizeSettings standardize, BlockingSettings blocking,
                        List<Comparison> comparisons, ScoringSettings scoring, ClusterSettings cluster,
                        GoldenSettings golden, TrainingSettings training) {
    public ScvConfig {
        spark = Map.copyOf(spark);
        sources = List.copyOf(sources);
        comparisons = List.copyOf(comparisons);
    }

    public ScvConfig(String file, String hash, RunSettings run, Map<String, String> spark,
                     List<SourceConfig> sources, StandardizeSettings standardize, BlockingSettings blocking,
                     List<Comparison> comparisons, ScoringSettings scoring, ClusterSettings cluster,
                     GoldenSettings golden) {
        this(file, hash, run, spark, sources, standardize, blocking, comparisons, scoring, cluster, golden,
                TrainingSettings.defaults());
    }

    public ScvConfig withWarehouse(String warehouse) {
        return new ScvConfig(file, hash, new RunSettings(run.name(), warehouse, run.defaultCountry()), spark,
                sources, standardize, blocking, comparisons, scoring, cluster, golden, training);
    }

    public ScvConfig withBlocking(BlockingSettings newBlocking) {
        return new ScvConfig(file, hash, run, spark, sources, standardize, newBlocking, comparisons, scoring, cluster,
                golden, training);
    }

    public SourceConfig source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no source named " + name));
    }
}
