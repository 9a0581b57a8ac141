package io.scv.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.scv.config.ConfigException;
import io.scv.config.ConfigLoader;
import io.scv.config.ScvConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The config a benchmark runs the job with: a template's rules, comparisons, thresholds and Spark settings (by
 * default {@code conf/scv.yaml}), its sources pointed at the generated extracts. A source path is matched by file
 * name ({@code ../sample-data/crm_contacts.csv} becomes {@code <extracts>/crm_contacts.csv}), so the template must
 * read the files the generator writes. The result is written next to the extracts (a config file people can
 * read and re-run) and loaded, and so validated, as a run would load it.
 */
final class BenchConfig {
    static final String FILE = "scv-bench.yaml";
    /** The inputs {@code scv generate-sample} writes; truth.csv and truth_hazards.csv are never read by the job. */
    static final List<String> GENERATED = List.of("crm_contacts.csv", "erp_customers.csv", "erp_orders.csv",
            "clickstream_events.jsonl");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private BenchConfig() {
    }

    /** Fails when the template cannot be pointed at generated extracts: before generation, which may take long. */
    static void check(Path template) throws IOException {
        pointed(template, Path.of("extracts"), Path.of("warehouse"));
    }

    /** Writes the template, pointed at {@code extracts} and publishing to {@code warehouse}, and loads it. */
    static ScvConfig write(Path template, Path extracts, Path warehouse) throws IOException {
        Path file = extracts.resolve(FILE);
        YAML.writeValue(file.toFile(), pointed(template, extracts, warehouse));
        return ConfigLoader.load(file);
    }

    private static ObjectNode pointed(Path template, Path extracts, Path warehouse) throws IOException {
        if (!Files.isRegularFile(template)) {
            throw new ConfigException("bench: config template not found: " + template.toAbsolutePath());
        }
        var root = YAML.readTree(template.toFile());
        if (!(root instanceof ObjectNode config) || !root.path("sources").isArray()) {
            throw new ConfigException("bench: config template " + template + " has no sources list");
        }
        var sources = config.path("sources");
        for (int i = 0; i < sources.size(); i++) {
            pointAtExtracts(sources.get(i), "sources[" + i + "]", template, extracts);
            pointAtExtracts(sources.get(i).path("orders"), "sources[" + i + "].orders", template, extracts);
        }
        JsonNode scoring = config.path("scoring");
        if (scoring instanceof ObjectNode s && s.hasNonNull("model")) {
            s.put("model", baseDir(template).resolve(s.get("model").asText()).normalize().toString());
        }
        var run = config.get("run") instanceof ObjectNode r ? r : config.putObject("run");
        run.put("warehouse", warehouse.toAbsolutePath().toString());
        return config;
    }

    private static void pointAtExtracts(JsonNode node, String where, Path template, Path extracts) {
        if (!(node instanceof ObjectNode source) || !source.hasNonNull("path")) {
            return;
        }
        String name = Path.of(source.get("path").asText()).getFileName().toString();
        if (!GENERATED.contains(name)) {
            throw new ConfigException(String.format(Locale.ROOT, "bench: %s.path of %s reads '%s'; a benchmark template's sources "
                    + "must read the generator's files, one of %s", where, template, name, GENERATED));
        }
        source.put("path", extracts.toAbsolutePath().resolve(name).toString());
    }

    private static Path baseDir(Path template) {
        return template.toAbsolutePath().getParent();
    }
}
