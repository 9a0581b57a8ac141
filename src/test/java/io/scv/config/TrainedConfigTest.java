package io.scv.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Configs whose weights come from a trained model file, and the new linkage settings. */
class TrainedConfigTest {
    @TempDir
    Path dir;

    private Path config(String extraSource, String comparisonExtra, String scoring) throws IOException {
        Files.writeString(dir.resolve("crm.csv"), "id,given,surname\n1,ann,lee\n");
        return Files.writeString(dir.resolve("c.yaml"), """
                sources:
                  - name: crm
                    path: crm.csv
                    id_column: id
                    columns: {first_name: given, last_name: surname}
                %s
                blocking:
                  rules:
                    - {name: surname, keys: [soundex(last_name)]}
                comparisons:
                  - name: first_name
                    field: first_name
                %s
                    levels:
                      - {label: exact, method: exact}
                      - {label: else, method: else}
                scoring:
                %s
                """.formatted(extraSource, comparisonExtra, scoring));
    }

    private static TrainedModel model(String... labels) {
        var levels = new java.util.ArrayList<TrainedModel.LevelParams>();
        for (int i = 0; i < labels.length; i++) {
            levels.add(new TrainedModel.LevelParams(labels[i], i == 0 ? 0.9 : 0.1, i == 0 ? 0.01 : 0.99,
                    i == 0 ? 6.49 : -3.31, 90, 100, 10));
        }
        return new TrainedModel("2026-11-24T08:00:00Z", "c.yaml", 0.001, 0.73, 0.99,
                new TrainedModel.Counts(1000, 100000, 5e6, 90, 12, true),
                List.of(new TrainedModel.RuleFit("surname", 1000, 90, 12, true, List.of())),
                List.of(new TrainedModel.ComparisonParams("first_name", levels)));
    }

    @Test
    void theModelFileRoundTripsAndSuppliesWeightsPriorAndThreshold() throws IOException {
        Files.writeString(dir.resolve("m.yaml"), ModelFile.render(model("exact", "else")));
        var read = ModelFile.read(dir.resolve("m.yaml"));
        assertEquals(model("exact", "else").comparisons(), read.comparisons());
        assertEquals(model("exact", "else").rules(), read.rules());

        var c = ConfigLoader.load(config("", "", "  model: m.yaml"));
        var levels = c.comparisons().get(0).levels();
        assertEquals(6.49, levels.get(0).weight(), 1e-12);
        assertEquals(0.01, levels.get(0).u(), 1e-12);
        assertEquals(-3.31, levels.get(1).weight(), 1e-12);
        assertEquals(0.001, c.scoring().priorMatchProbability(), 1e-15);
        assertEquals(0.73, c.scoring().matchThreshold(), 1e-15);
        assertEquals(0.5, c.scoring().reviewThreshold(), 1e-15);
        assertEquals(dir.resolve("m.yaml").toString(), c.scoring().model());
    }

    @Test
    void aWrittenThresholdOverridesTheTrainedOne() throws IOException {
        Files.writeString(dir.resolve("m.yaml"), ModelFile.render(model("exact", "else")));
        var c = ConfigLoader.load(config("", "", "  model: m.yaml\n  match_threshold: 0.95"));
        assertEquals(0.95, c.scoring().matchThreshold(), 1e-15);
    }

    @Test
    void aModelForOtherLevelsIsRejectedWithAHintToRetrain() throws IOException {
        Files.writeString(dir.resolve("m.yaml"), ModelFile.render(model("exact", "close", "else")));
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(config("", "", "  model: m.yaml")));
        assertTrue(e.getMessage().contains("scoring.model"), e.getMessage());
        assertTrue(e.getMessage().contains("run `scv train` again"), e.getMessage());
    }

    @Test
    void aMissingModelStopsARunButNotTraining() throws IOException {
        var file = config("", "", "  model: m.yaml");
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().contains("scv train"), e.getMessage());
        var forTraining = ConfigLoader.loadForTraining(file);
        assertEquals(0, forTraining.comparisons().get(0).levels().get(0).weight());
    }

    @Test
    void weightsInTheConfigAndAModelTogetherAreAProblem() throws IOException {
        Files.writeString(dir.resolve("crm.csv"), "id,given\n1,ann\n");
        var file = Files.writeString(dir.resolve("w.yaml"), """
                sources: [{name: crm, path: crm.csv, id_column: id, columns: {first_name: given}}]
                blocking: {rules: [{name: given, keys: [first_name]}]}
                comparisons:
                  - {name: first_name, field: first_name, levels: [{label: exact, method: exact, weight: 4}]}
                scoring: {model: m.yaml}
                """);
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.loadForTraining(file));
        assertTrue(e.getMessage().contains("comparisons[0].levels[0]"), e.getMessage());
    }

    @Test
    void duplicateFreeImpliesNoLinkingWithinAndContradictionIsReported() throws IOException {
        Files.writeString(dir.resolve("m.yaml"), ModelFile.render(model("exact", "else")));
        var c = ConfigLoader.load(config("    duplicate_free: true", "", "  model: m.yaml"));
        assertTrue(c.sources().get(0).duplicateFree());
        assertFalse(c.sources().get(0).linkWithinSource());
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
                config("    duplicate_free: true\n    link_within_source: true", "", "  model: m.yaml")));
        assertTrue(e.getMessage().contains("sources[0].link_within_source"), e.getMessage());
    }

    @Test
    void termFrequencyNeedsAnExactLevelOnAScalarField() throws IOException {
        Files.writeString(dir.resolve("m.yaml"), ModelFile.render(model("exact", "else")));
        var c = ConfigLoader.load(config("", "    term_frequency: true", "  model: m.yaml"));
        assertTrue(c.comparisons().get(0).termFrequency());

        Files.writeString(dir.resolve("crm.csv"), "id,mail\n1,a@b.c\n");
        var file = Files.writeString(dir.resolve("tf.yaml"), """
                sources: [{name: crm, path: crm.csv, id_column: id, columns: {device_ids: mail}}]
                blocking: {rules: [{name: e, keys: [device_ids]}]}
                comparisons:
                  - name: email
                    field: device_ids
                    term_frequency: true
                    levels: [{label: any, method: array_overlap, weight: 9}, {label: else, method: else, weight: -1}]
                """);
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().contains("comparisons[0].term_frequency"), e.getMessage());
    }
}
