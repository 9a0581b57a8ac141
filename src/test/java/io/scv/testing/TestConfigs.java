package io.scv.testing;

import io.scv.config.BlockingRule;
import io.scv.config.BlockingSettings;
import io.scv.config.ClusterSettings;
import io.scv.config.Comparison;
import io.scv.config.GoldenAggregate;
import io.scv.config.GoldenSettings;
import io.scv.config.RunSettings;
import io.scv.config.ScoringSettings;
import io.scv.config.ScvConfig;
import io.scv.config.SourceConfig;
import io.scv.config.StandardizeSettings;

import java.util.List;
import java.util.Map;

/** Small configs built in code for stage tests, so each test states exactly the settings it depends on. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static ScvConfig of(List<SourceConfig> sources, BlockingSettings blocking, List<Comparison> comparisons,
                               ScoringSettings scoring, GoldenSettings golden) {
        return new ScvConfig("test.yaml", "0123456789abcdef", new RunSettings("test", "warehouse", "GB"), Map.of(),
                sources, new StandardizeSettings(true, true, true, List.of()), blocking, comparisons, scoring,
                new ClusterSettings(50, 5), golden);
    }

    public static BlockingSettings blocking(int maxBlockSize, long budget, BlockingRule... rules) {
        return new BlockingSettings(maxBlockSize, budget, List.of(rules));
    }

    public static ScoringSettings scoring() {
        return new ScoringSettings(0.5, 0.9, 0.5);
    }

    public static GoldenSettings golden(List<String> priority, String defaultRule, GoldenAggregate... aggregates) {
        return new GoldenSettings(priority, defaultRule, Map.of(), List.of(aggregates));
    }
}
