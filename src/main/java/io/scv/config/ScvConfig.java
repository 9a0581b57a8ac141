package io.scv.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The whole, validated configuration of a run. Built only by {@link ConfigLoader}. */
public record ScvConfig(String file, String hash, RunSettings run, Map<String, String> spark,
                        List<SourceConfig> sources, StandardizeSettings standardize, BlockingSettings blocking,
                        List<Comparison> comparisons, ScoringSettings scoring, ClusterSettings cluster,
                        GoldenSettings golden, TrainingSettings training, PrivacySettings privacy,
                        AuditSettings audit) {
    public ScvConfig {
        spark = Map.copyOf(spark);
        sources = List.copyOf(sources);
        comparisons = List.copyOf(comparisons);
    }

    /** A config with the default audit limits. */
    public ScvConfig(String file, String hash, RunSettings run, Map<String, String> spark,
                     List<SourceConfig> sources, StandardizeSettings standardize, BlockingSettings blocking,
                     List<Comparison> comparisons, ScoringSettings scoring, ClusterSettings cluster,
                     GoldenSettings golden, TrainingSettings training, PrivacySettings privacy) {
        this(file, hash, run, spark, sources, standardize, blocking, comparisons, scoring, cluster, golden, training,
                privacy, AuditSettings.DEFAULTS);
    }

    public ScvConfig withAudit(AuditSettings newAudit) {
        return new ScvConfig(file, hash, run, spark, sources, standardize, blocking, comparisons, scoring, cluster,
                golden, training, privacy, newAudit);
    }

    public ScvConfig(String file, String hash, RunSettings run, Map<String, String> spark,
                     List<SourceConfig> sources, StandardizeSettings standardize, BlockingSettings blocking,
                     List<Comparison> comparisons, ScoringSettings scoring, ClusterSettings cluster,
                     GoldenSettings golden) {
        this(file, hash, run, spark, sources, standardize, blocking, comparisons, scoring, cluster, golden,
                TrainingSettings.defaults(), PrivacySettings.defaults());
    }

    public ScvConfig(String file, String hash, RunSettings run, Map<String, String> spark,
                     List<SourceConfig> sources, StandardizeSettings standardize, BlockingSettings blocking,
                     List<Comparison> comparisons, ScoringSettings scoring, ClusterSettings cluster,
                     GoldenSettings golden, TrainingSettings training) {
        this(file, hash, run, spark, sources, standardize, blocking, comparisons, scoring, cluster, golden,
                training, PrivacySettings.defaults());
    }

    public ScvConfig withPrivacy(PrivacySettings newPrivacy) {
        return new ScvConfig(file, hash, run, spark, sources, standardize, blocking, comparisons, scoring, cluster,
                golden, training, newPrivacy, audit);
    }

    public ScvConfig withWarehouse(String warehouse) {
        return new ScvConfig(file, hash, new RunSettings(run.name(), warehouse, run.defaultCountry()), spark,
                sources, standardize, blocking, comparisons, scoring, cluster, golden, training, privacy, audit);
    }

    public ScvConfig withBlocking(BlockingSettings newBlocking) {
        return new ScvConfig(file, hash, run, spark, sources, standardize, newBlocking, comparisons, scoring, cluster,
                golden, training, privacy, audit);
    }

    /** Sources whose records are never paired with each other (not linked within, or duplicate-free). */
    public Set<String> sourcesNotLinkedWithin() {
        return sources.stream().filter(s -> !s.linkWithinSource()).map(SourceConfig::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Sources that hold at most one record per person: a customer keeps at most one record of each. */
    public Set<String> duplicateFreeSources() {
        return sources.stream().filter(SourceConfig::duplicateFree).map(SourceConfig::name)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public SourceConfig source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no source named " + name));
    }
}
