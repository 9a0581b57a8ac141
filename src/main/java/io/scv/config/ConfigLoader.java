package io.scv.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a YAML or JSON config file into a validated {@link ScvConfig}. Every problem is reported with its config
 * path ({@code comparisons[2].levels[0].method}), the bad value and what is allowed; all problems are collected
 * before failing. Input paths are resolved against the config file's folder.
 */
public final class ConfigLoader {
    private static final Set<String> FORMATS = Set.of("csv", "json", "parquet", "delta");

    private final Problems problems = new Problems();
    private Path baseDir;

    private boolean modelOptional;

    /** Loads and validates a config for a run: a model named in {@code scoring.model} must exist. */
    public static ScvConfig load(Path file) {
        return new ConfigLoader().read(file);
    }

    /**
     * Loads a config for {@code scv train}: the model it names may not exist yet, and levels need no weights (they
     * get 0 until trained).
     */
    public static ScvConfig loadForTraining(Path file) {
        var loader = new ConfigLoader();
        loader.modelOptional = true;
        return loader.read(file);
    }

    private ScvConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file not found: " + file.toAbsolutePath());
        }
        byte[] bytes;
        JsonNode root;
        try {
            bytes = Files.readAllBytes(file);
            root = new ObjectMapper(new YAMLFactory()).readTree(bytes);
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " is not valid YAML/JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("config file " + file + " must hold a mapping at the top level");
        }
        baseDir = file.toAbsolutePath().getParent();
        allowOnly(root, "", "run", "spark", "sources", "standardize", "blocking", "comparisons", "scoring",
                "cluster", "golden", "training", "privacy", "audit");

        var run = readRun(root.path("run"));
        var spark = stringMap(root.path("spark"), "spark");
        var sources = readSources(root.path("sources"), run);
        var standardize = readStandardize(root.path("standardize"));
        var fields = mappedFields(sources);
        var blocking = readBlocking(root.path("blocking"), fields);
        JsonNode scoringNode = root.path("scoring");
        String modelPath = textOrNull(scoringNode, "model");
        TrainedModel model = modelPath == null ? null : readModel(resolve(modelPath));
        byte[] modelBytes = model == null ? new byte[0] : readBytes(Path.of(resolve(modelPath)));
        var comparisons = readComparisons(root.path("comparisons"), fields, modelPath != null);
        if (model != null) {
            comparisons = applyModel(model, comparisons, resolve(modelPath));
        }
        var scoring = readScoring(scoringNode, model, modelPath == null ? null : resolve(modelPath));
        var cluster = readCluster(root.path("cluster"), fields);
        var golden = readGolden(root.path("golden"), sources, fields);
        var training = readTraining(root.path("training"));
        var privacy = readPrivacy(root.path("privacy"));
        var audit = readAudit(root.path("audit"));
        problems.throwIfAny();
        return new ScvConfig(file.toAbsolutePath().toString(), sha256(bytes, modelBytes), run, spark, sources,
                standardize, blocking, comparisons, scoring, cluster, golden, training, privacy, audit);
    }

    private RunSettings readRun(JsonNode n) {
        allowOnly(n, "run", "name", "warehouse", "default_country");
        return new RunSettings(text(n, "run", "name", "scv"), text(n, "run", "warehouse", "warehouse"),
                text(n, "run", "default_country", "GB").toUpperCase(Locale.ROOT));
    }

    private List<SourceConfig> readSources(JsonNode n, RunSettings run) {
        var out = new ArrayList<SourceConfig>();
        if (!n.isArray() || n.isEmpty()) {
            problems.add("sources", "at least one source is required, was: " + show(n));
            return out;
        }
        var names = new LinkedHashSet<String>();
        for (int i = 0; i < n.size(); i++) {
            String p = "sources[" + i + "]";
            JsonNode s = n.get(i);
            allowOnly(s, p, "name", "kind", "path", "format", "options", "id_column", "columns", "orders", "events",
                    "link_within_source", "duplicate_free", "default_country", "retention_days", "retention_column");
            String name = required(s, p, "name");
            if (name != null && !name.matches("[A-Za-z0-9_-]+")) {
                problems.add(p + ".name", "must be letters, digits, '_' or '-', was: '" + name + "'");
            }
            if (name != null && !names.add(name)) {
                problems.add(p + ".name", "duplicate source name '" + name + "'");
            }
            SourceKind kind = enumValue(s, p, "kind", "generic");
            var input = readInput(s, p);
            String id = required(s, p, "id_column");
            var columns = readColumns(s.path("columns"), p + ".columns", kind);
            OrdersConfig orders = s.has("orders") ? readOrders(s.get("orders"), p + ".orders") : null;
            EventsConfig events = null;
            if (kind != null && kind.isEventStream()) {
                events = readEvents(s.path("events"), p + ".events");
                for (String unused : List.of("columns", "orders")) {
                    if (s.has(unused)) {
                        problems.add(p + "." + unused, "a clickstream source takes its identifiers from "
                                + "events.identifiers; " + unused + " is not used here");
                    }
                }
            } else if (s.has("events")) {
                problems.add(p + ".events", "only a clickstream source has events; kind is " + show(s.get("kind")));
            }
            boolean duplicateFree = bool(s, p, "duplicate_free", false);
            boolean linkWithin = bool(s, p, "link_within_source", !duplicateFree);
            if (duplicateFree && linkWithin) {
                problems.add(p + ".link_within_source", "a duplicate_free source is not linked within itself; "
                        + "drop link_within_source or set it to false");
            }
            var retention = readRetention(s, p, kind, columns);
            var source = new SourceConfig(name, kind, input, id, columns, orders, events, linkWithin,
                    text(s, p, "default_country", run.defaultCountry()).toUpperCase(Locale.ROOT), duplicateFree,
                    retention);
            InputColumnsCheck.check(source, p, problems);
            out.add(source);
        }
        return out;
    }

    /**
     * {@code retention_days} (a whole number of days) and the optional {@code retention_column}. A record source
     * needs a timestamp to measure age by: a mapped {@code updated_at} or the retention column.
     */
    private Retention readRetention(JsonNode s, String p, SourceKind kind, Map<String, FieldMapping> columns) {
        JsonNode days = s.path("retention_days");
        String column = textOrNull(s, "retention_column");
        if (s.has("retention_column") && column == null) {
            problems.add(p + ".retention_column", "must be a column name, was: " + show(s.get("retention_column")));
        }
        if (days.isMissingNode() || days.isNull()) {
            if (column != null) {
                problems.add(p + ".retention_column", "is used only with retention_days; add retention_days or "
                        + "remove it");
            }
            return null;
        }
        if (!days.isNumber() || days.asDouble() != Math.rint(days.asDouble()) || days.asDouble() < 1) {
            problems.add(p + ".retention_days", "must be a whole number of days ≥ 1, was: " + show(days));
            return null;
        }
        if (days.asDouble() > Retention.MAX_DAYS) {
            problems.add(p + ".retention_days", "must be at most " + Retention.MAX_DAYS + " days (100 years), was: "
                    + show(days));
            return null;
        }
        if (column == null && kind != null && !kind.isEventStream() && !columns.containsKey("updated_at")) {
            problems.add(p + ".retention_days", "needs a timestamp to tell a record's age: map updated_at in "
                    + "columns, or name a column in retention_column");
        }
        return new Retention(days.asInt(), column);
    }

    private InputFile readInput(JsonNode s, String p) {
        String path = required(s, p, "path");
        String format = text(s, p, "format", guessFormat(path)).toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            problems.add(p + ".format", "unknown format '" + format + "'; allowed: " + new TreeSet<>(FORMATS));
        }
        var options = new LinkedHashMap<String, String>();
        if ("csv".equals(format)) {
            options.put("header", "true");
        }
        options.putAll(stringMap(s.path("options"), p + ".options"));
        checkEncoding(options, format, p + ".options");
        String resolved = path == null ? null : resolve(path);
        if (resolved != null && !Locations.isUri(resolved) && !Files.exists(Path.of(resolved))) {
            problems.add(p + ".path", "file not found: '" + path + "' (resolved to " + resolved + ")");
        }
        return new InputFile(resolved, format, options);
    }

    /**
     * A text input's {@code encoding} (or Spark's other name for it, {@code charset}) must be a charset Java knows.
     * Spark reads JSON lines only in an encoding where a line break is one byte.
     */
    private void checkEncoding(Map<String, String> options, String format, String p) {
        for (String key : List.of("encoding", "charset")) {
            String name = options.get(key);
            if (name == null) {
                continue;
            }
            Charset charset = charsetOrNull(name);
            if (charset == null) {
                problems.add(p + "." + key, "unknown encoding '" + name + "'; use a Java charset name such as UTF-8, "
                        + "ISO-8859-1 or windows-1252");
            } else if ("json".equals(format) && charset.name().matches("(?i)UTF-(16|32).*")) {
                problems.add(p + "." + key, "JSON lines cannot be read as " + charset.name() + ", was: '" + name
                        + "'; convert the file to UTF-8");
            }
        }
    }

    private static Charset charsetOrNull(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Map<String, FieldMapping> readColumns(JsonNode n, String p, SourceKind kind) {
        var out = new LinkedHashMap<String, FieldMapping>();
        if (!n.isObject()) {
            if (kind != SourceKind.CLICKSTREAM) {
                problems.add(p, "a mapping of canonical field → source column is required, was: " + show(n));
            }
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            var e = it.next();
            String field = e.getKey();
            String fp = p + "." + field;
            if (!field.matches("[a-z][a-z0-9_]*")) {
                problems.add(fp, "field names are lower_snake_case, was: '" + field + "'");
            }
            JsonNode v = e.getValue();
            if (v.isTextual() && !v.asText().isBlank()) {
                out.put(field, FieldMapping.ofColumn(v.asText()));
            } else if (v.isObject() && (v.has("column") ^ v.has("expr"))) {
                allowOnly(v, fp, "column", "expr");
                out.put(field, new FieldMapping(textOrNull(v, "column"), textOrNull(v, "expr")));
            } else {
                problems.add(fp, "must be a column name or {column: name} or {expr: spark_sql}, was: " + show(v));
            }
        }
        return out;
    }

    private OrdersConfig readOrders(JsonNode n, String p) {
        allowOnly(n, p, "path", "format", "options", "id_column", "customer_column", "date_column", "amount_column");
        return new OrdersConfig(readInput(n, p), required(n, p, "id_column"), required(n, p, "customer_column"),
                required(n, p, "date_column"), required(n, p, "amount_column"));
    }

    private EventsConfig readEvents(JsonNode n, String p) {
        if (!n.isObject()) {
            problems.add(p, "a clickstream source needs events: {timestamp_column, session_column, "
                    + "event_type_column, identifying_events, identifiers}");
            return null;
        }
        allowOnly(n, p, "timestamp_column", "session_column", "event_type_column", "identifying_events",
                "identifiers");
        var identifiers = stringMap(n.path("identifiers"), p + ".identifiers");
        for (String f : identifiers.keySet()) {
            if (!Set.of("email", "phone", "esp_record_ids").contains(f)) {
                problems.add(p + ".identifiers." + f, "allowed identifiers: email, phone, esp_record_ids");
            }
        }
        return new EventsConfig(required(n, p, "timestamp_column"), required(n, p, "session_column"),
                required(n, p, "event_type_column"), stringList(n.path("identifying_events"),
                p + ".identifying_events"), identifiers);
    }

    private StandardizeSettings readStandardize(JsonNode n) {
        allowOnly(n, "standardize", "email_provider_rules", "nicknames", "day_first_dates", "deny_list");
        return new StandardizeSettings(bool(n, "standardize", "email_provider_rules", true),
                bool(n, "standardize", "nicknames", true), bool(n, "standardize", "day_first_dates", true),
                stringList(n.path("deny_list"), "standardize.deny_list"));
    }

    private BlockingSettings readBlocking(JsonNode n, Set<String> fields) {
        allowOnly(n, "blocking", "max_block_size", "max_candidate_pairs", "rules");
        int maxBlock = (int) number(n, "blocking", "max_block_size", 500, 2, 1e7);
        long budget = (long) number(n, "blocking", "max_candidate_pairs", 50_000_000, 1, 1e13);
        var rules = new ArrayList<BlockingRule>();
        JsonNode rs = n.path("rules");
        if (!rs.isArray() || rs.isEmpty()) {
            problems.add("blocking.rules", "at least one blocking rule is required, was: " + show(rs));
        } else if (rs.size() > BlockingSettings.MAX_RULES) {
            problems.add("blocking.rules", "at most " + BlockingSettings.MAX_RULES + " blocking rules, was: "
                    + rs.size());
        } else {
            var names = new LinkedHashSet<String>();
            for (int i = 0; i < rs.size(); i++) {
                String p = "blocking.rules[" + i + "]";
                JsonNode r = rs.get(i);
                allowOnly(r, p, "name", "keys");
                String name = required(r, p, "name");
                if (name != null && !names.add(name)) {
                    problems.add(p + ".name", "duplicate rule name '" + name + "'");
                }
                var keys = stringList(r.path("keys"), p + ".keys");
                if (keys.isEmpty()) {
                    problems.add(p + ".keys", "at least one key expression is required");
                }
                for (int k = 0; k < keys.size(); k++) {
                    checkFieldsUsed(keys.get(k), p + ".keys[" + k + "]", fields);
                }
                rules.add(new BlockingRule(name, keys));
            }
        }
        return new BlockingSettings(maxBlock, budget, rules);
    }

    private List<Comparison> readComparisons(JsonNode n, Set<String> fields, boolean trained) {
        var out = new ArrayList<Comparison>();
        if (!n.isArray() || n.isEmpty()) {
            problems.add("comparisons", "at least one comparison is required, was: " + show(n));
            return out;
        }
        var names = new LinkedHashSet<String>();
        for (int i = 0; i < n.size(); i++) {
            String p = "comparisons[" + i + "]";
            JsonNode c = n.get(i);
            allowOnly(c, p, "name", "field", "levels", "term_frequency");
            String name = required(c, p, "name");
            if (name != null && !names.add(name)) {
                problems.add(p + ".name", "duplicate comparison name '" + name + "'");
            }
            String field = textOrNull(c, "field");
            if (field != null && !fields.contains(field)) {
                problems.add(p + ".field", "field '" + field + "' is not mapped by any source; mapped: " + fields);
            }
            var levels = new ArrayList<ComparisonLevel>();
            JsonNode ls = c.path("levels");
            if (!ls.isArray() || ls.isEmpty()) {
                problems.add(p + ".levels", "at least one level is required");
            } else {
                for (int j = 0; j < ls.size(); j++) {
                    levels.add(readLevel(ls.get(j), p + ".levels[" + j + "]", field, fields, trained));
                }
            }
            var labels = new LinkedHashSet<String>();
            for (int j = 0; j < levels.size(); j++) {
                if (!labels.add(levels.get(j).label())) {
                    problems.add(p + ".levels[" + j + "].label", "duplicate level label '" + levels.get(j).label()
                            + "' in comparison '" + name + "'; labels name the levels in the model and evidence");
                }
            }
            var comparison = new Comparison(name, field, levels, bool(c, p, "term_frequency", false));
            if (comparison.termFrequency()) {
                checkTermFrequency(comparison, p);
            }
            out.add(comparison);
        }
        return out;
    }

    private void checkTermFrequency(Comparison c, String p) {
        if (c.field() == null) {
            problems.add(p + ".term_frequency", "needs the comparison's field, whose values' frequencies it uses");
        } else if (CanonicalField.byColumn(c.field()).map(CanonicalField::isArray).orElse(false)) {
            problems.add(p + ".term_frequency", "not available for the list field '" + c.field() + "'");
        } else if (c.levels().stream().noneMatch(c::adjustsForFrequency)) {
            problems.add(p + ".term_frequency", "needs an exact level on '" + c.field() + "'; that is the level "
                    + "it adjusts");
        }
    }

    private ComparisonLevel readLevel(JsonNode n, String p, String comparisonField, Set<String> fields,
                                      boolean trained) {
        allowOnly(n, p, "label", "method", "field", "threshold", "sql", "weight", "m", "u");
        String methodName = required(n, p, "method");
        LevelMethod method = methodName == null ? null : LevelMethod.parse(methodName).orElse(null);
        if (methodName != null && method == null) {
            problems.add(p + ".method", "unknown method '" + methodName + "'; allowed: " + LevelMethod.allowed());
        }
        String field = text(n, p, "field", comparisonField);
        if (method != null && method != LevelMethod.SQL && method != LevelMethod.ELSE) {
            if (field == null) {
                problems.add(p + ".field", "method " + methodName + " needs a field (here or on the comparison)");
            } else if (!fields.contains(field)) {
                problems.add(p + ".field", "field '" + field + "' is not mapped by any source; mapped: " + fields);
            }
        }
        Double threshold = n.has("threshold") ? number(n, p, "threshold", 0, 0, 1e9) : null;
        if (method != null && method.needsThreshold() && threshold == null) {
            problems.add(p + ".threshold", "method " + methodName + " needs a threshold");
        }
        if (method != null && method.isSimilarity() && threshold != null && threshold > 1) {
            problems.add(p + ".threshold", "method " + methodName + " compares a similarity from 0 to 1, so the "
                    + "threshold must be between 0 and 1, was: " + show(n.get("threshold")));
        }
        String sql = textOrNull(n, "sql");
        if (method == LevelMethod.SQL) {
            if (sql == null) {
                problems.add(p + ".sql", "method sql needs a condition over l.<field> and r.<field>");
            } else {
                checkFieldsUsed(sql, p + ".sql", fields);
            }
        }
        String label = text(n, p, "label", methodName + (threshold == null ? "" : " >= " + threshold));
        Double u = n.has("u") ? number(n, p, "u", 0.5, 1e-12, 1) : null;
        if (trained && (n.has("weight") || n.has("m") || n.has("u"))) {
            problems.add(p, "weights come from scoring.model; remove weight/m/u here or remove scoring.model");
        }
        return new ComparisonLevel(label, method, field, threshold, sql, trained ? 0 : readWeight(n, p), u);
    }

    private double readWeight(JsonNode n, String p) {
        if (n.has("weight")) {
            return number(n, p, "weight", 0, -100, 100);
        }
        if (n.has("m") && n.has("u")) {
            double m = number(n, p, "m", 0.5, 1e-12, 1);
            double u = number(n, p, "u", 0.5, 1e-12, 1);
            return Math.log(m / u) / Math.log(2);
        }
        problems.add(p, "a level needs weight (log2 m/u) or both m and u; or name a model in scoring.model and let "
                + "`scv train` estimate every weight");
        return 0;
    }

    /**
     * Without a model, the prior and thresholds are as written (with defaults). With a model, the prior and the
     * match threshold are the model's; a match_threshold written here overrides the trained one, and the review
     * threshold defaults to the lower of 0.5 and the match threshold.
     */
    private ScoringSettings readScoring(JsonNode n, TrainedModel model, String modelPath) {
        allowOnly(n, "scoring", "prior_match_probability", "match_threshold", "review_threshold", "model");
        if (modelPath != null && n.has("prior_match_probability")) {
            problems.add("scoring.prior_match_probability", "the prior comes from scoring.model; remove it here");
        }
        double prior = model != null ? model.priorMatchProbability()
                : number(n, "scoring", "prior_match_probability", 0.001, 1e-12, 0.999999);
        double match = number(n, "scoring", "match_threshold", model != null ? model.matchThreshold() : 0.9, 0, 1);
        double review = number(n, "scoring", "review_threshold", Math.min(0.5, match), 0, 1);
        if (review > match) {
            problems.add("scoring.review_threshold", "must not exceed match_threshold " + match + ", was: " + review);
        }
        return new ScoringSettings(prior, match, review, modelPath);
    }

    private TrainedModel readModel(String path) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            if (!modelOptional) {
                problems.add("scoring.model", "model file not found: " + p + "; create it with `scv train --config "
                        + "<this config>`");
            }
            return null;
        }
        try {
            return ModelFile.read(p);
        } catch (ConfigException e) {
            problems.addAll(e.problems().stream().map(m -> "scoring.model: " + m).toList());
            return null;
        }
    }

    /** Takes each level's weight (and u) from the model; the model must describe exactly these levels. */
    private List<Comparison> applyModel(TrainedModel model, List<Comparison> comparisons, String path) {
        var out = new ArrayList<Comparison>();
        var byName = new LinkedHashMap<String, TrainedModel.ComparisonParams>();
        model.comparisons().forEach(c -> byName.put(c.name(), c));
        String retrain = "; the config changed since training: run `scv train` again (" + path + ")";
        for (Comparison c : comparisons) {
            var params = byName.remove(c.name());
            if (params == null) {
                problems.add("scoring.model", "comparison '" + c.name() + "' is not in the model" + retrain);
                out.add(c);
                continue;
            }
            var labels = c.levels().stream().map(ComparisonLevel::label).toList();
            var trainedLabels = params.levels().stream().map(TrainedModel.LevelParams::label).toList();
            if (!labels.equals(trainedLabels)) {
                problems.add("scoring.model", "comparison '" + c.name() + "' has levels " + labels
                        + " but the model has " + trainedLabels + retrain);
                out.add(c);
                continue;
            }
            var levels = new ArrayList<ComparisonLevel>();
            for (int i = 0; i < labels.size(); i++) {
                var lp = params.levels().get(i);
                levels.add(c.levels().get(i).withWeight(lp.weight(), Double.isNaN(lp.u()) ? null : lp.u()));
            }
            out.add(c.withLevels(levels));
        }
        byName.keySet().forEach(name -> problems.add("scoring.model", "the model has comparison '" + name
                + "' which the config does not" + retrain));
        return out;
    }

    private TrainingSettings readTraining(JsonNode n) {
        allowOnly(n, "training", "random_pairs", "max_iterations", "tolerance", "seed", "max_pairs_per_rule");
        var d = TrainingSettings.defaults();
        return new TrainingSettings((int) number(n, "training", "random_pairs", d.randomPairs(), 1_000, 1e9),
                (int) number(n, "training", "max_iterations", d.maxIterations(), 1, 100_000),
                number(n, "training", "tolerance", d.tolerance(), 1e-15, 0.1),
                (long) number(n, "training", "seed", d.seed(), Long.MIN_VALUE, Long.MAX_VALUE),
                (long) number(n, "training", "max_pairs_per_rule", d.maxPairsPerRule(), 1_000, 1e12));
    }

    private byte[] readBytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private AuditSettings readAudit(JsonNode n) {
        allowOnly(n, "audit", "drift_gates", "max_customer_change", "max_largest_cluster_growth",
                "max_singleton_share_change", "max_id_churn", "min_previous_customers");
        var d = AuditSettings.DEFAULTS;
        JsonNode gates = n.path("drift_gates");
        if (!gates.isMissingNode() && !gates.isNull() && !gates.isBoolean()) {
            problems.add("audit.drift_gates", "must be true or false, was: " + show(gates));
        }
        return new AuditSettings(gates.isBoolean() ? gates.asBoolean() : d.driftGates(),
                number(n, "audit", "max_customer_change", d.maxCustomerChange(), 0, 100),
                number(n, "audit", "max_largest_cluster_growth", d.maxLargestClusterGrowth(), 1, 1_000_000),
                number(n, "audit", "max_singleton_share_change", d.maxSingletonShareChange(), 0, 1),
                number(n, "audit", "max_id_churn", d.maxIdChurn(), 0, 1),
                (long) number(n, "audit", "min_previous_customers", d.minPreviousCustomers(), 0, 1e12));
    }

    private PrivacySettings readPrivacy(JsonNode n) {
        allowOnly(n, "privacy", "evidence_record_keys", "token_salt_env");
        String keys = text(n, "privacy", "evidence_record_keys", "plain");
        String env = text(n, "privacy", "token_salt_env", PrivacySettings.DEFAULT_SALT_ENV);
        if (!keys.equals("plain") && !keys.equals("tokens")) {
            problems.add("privacy.evidence_record_keys", "must be plain or tokens, was: '" + keys + "'");
            return PrivacySettings.defaults();
        }
        if (keys.equals("plain")) {
            return new PrivacySettings(false, env, null);
        }
        String salt = System.getenv(env);
        if (salt == null || salt.length() < 16) {
            problems.add("privacy.token_salt_env", "tokens need a secret of at least 16 characters in the "
                    + "environment variable " + env + ", which is " + (salt == null ? "not set" : "too short"));
            return PrivacySettings.defaults();
        }
        return new PrivacySettings(true, env, salt);
    }

    private ClusterSettings readCluster(JsonNode n, Set<String> fields) {
        allowOnly(n, "cluster", "max_iterations", "checkpoint_interval", "min_link_density", "max_cluster_size",
                "cannot_link", "driver_max_edges");
        var cannotLink = stringList(n.path("cannot_link"), "cluster.cannot_link");
        for (int i = 0; i < cannotLink.size(); i++) {
            if (!fields.contains(cannotLink.get(i))) {
                problems.add("cluster.cannot_link[" + i + "]", "field '" + cannotLink.get(i)
                        + "' is not mapped by any source; mapped: " + fields);
            }
        }
        return new ClusterSettings((int) number(n, "cluster", "max_iterations", 100, 1, 100_000),
                (int) number(n, "cluster", "checkpoint_interval", 10, 1, 10_000),
                number(n, "cluster", "min_link_density", ClusterSettings.DEFAULT_MIN_LINK_DENSITY, 0, 1),
                (int) number(n, "cluster", "max_cluster_size", ClusterSettings.DEFAULT_MAX_CLUSTER_SIZE, 0,
                        1_000_000), cannotLink,
                driverMaxEdges(n));
    }

    /** {@code cluster.driver_max_edges}: a number of edges, or {@code auto} (the default) to follow the heap. */
    private long driverMaxEdges(JsonNode cluster) {
        JsonNode v = cluster.path("driver_max_edges");
        if (v.isTextual()) {
            if (!v.asText().equals("auto")) {
                problems.add("cluster.driver_max_edges", "must be 'auto' or a number between 0 and 100000000, was: "
                        + show(v));
            }
            return ClusterSettings.DRIVER_EDGES_AUTO;
        }
        return (long) number(cluster, "cluster", "driver_max_edges", ClusterSettings.DRIVER_EDGES_AUTO, 0,
                100_000_000);
    }

    private GoldenSettings readGolden(JsonNode n, List<SourceConfig> sources, Set<String> fields) {
        allowOnly(n, "golden", "source_priority", "default_rule", "rules", "aggregates");
        var sourceNames = sources.stream().map(SourceConfig::name).toList();
        var priority = stringList(n.path("source_priority"), "golden.source_priority");
        for (int i = 0; i < priority.size(); i++) {
            if (!sourceNames.contains(priority.get(i))) {
                problems.add("golden.source_priority[" + i + "]", "unknown source '" + priority.get(i)
                        + "'; sources: " + sourceNames);
            }
        }
        var ordered = new ArrayList<>(priority);
        sourceNames.stream().filter(s -> !ordered.contains(s)).forEach(ordered::add);
        String defaultRule = text(n, "golden", "default_rule", "most_complete");
        checkRule(defaultRule, "golden.default_rule");
        var rules = stringMap(n.path("rules"), "golden.rules");
        rules.forEach((field, rule) -> {
            checkRule(rule, "golden.rules." + field);
            if (!GoldenSettings.FIELDS.contains(field)) {
                problems.add("golden.rules." + field, "not a golden field; golden fields: " + GoldenSettings.FIELDS);
            }
        });
        var aggregates = new ArrayList<GoldenAggregate>();
        JsonNode as = n.path("aggregates");
        for (int i = 0; i < as.size(); i++) {
            String p = "golden.aggregates[" + i + "]";
            JsonNode a = as.get(i);
            allowOnly(a, p, "name", "function", "field");
            String fn = required(a, p, "function");
            if (fn != null && !GoldenAggregate.FUNCTIONS.contains(fn)) {
                problems.add(p + ".function", "unknown function '" + fn + "'; allowed: " + GoldenAggregate.FUNCTIONS);
            }
            String field = required(a, p, "field");
            if ("sum".equals(fn) && field != null && !GoldenAggregate.NUMERIC_FIELDS.contains(field)) {
                problems.add(p + ".field", "sum needs a numeric field; numeric fields: "
                        + GoldenAggregate.NUMERIC_FIELDS + ", was: '" + field + "'");
            } else if (field != null && !fields.contains(field) && !GoldenAggregate.ACTIVITY_FIELDS.contains(field)) {
                problems.add(p + ".field", "unknown field '" + field + "'; mapped fields: " + fields
                        + ", activity fields: " + GoldenAggregate.ACTIVITY_FIELDS);
            }
            aggregates.add(new GoldenAggregate(required(a, p, "name"), fn, field));
        }
        return new GoldenSettings(ordered, defaultRule, rules, aggregates);
    }

    private void checkRule(String rule, String path) {
        if (!GoldenSettings.RULES.contains(rule)) {
            problems.add(path, "unknown survivorship rule '" + rule + "'; allowed: " + GoldenSettings.RULES);
        }
    }

    /** Fields any source provides: mapped columns, event identifiers, and what ingest derives. */
    private static Set<String> mappedFields(List<SourceConfig> sources) {
        var fields = new TreeSet<String>();
        for (SourceConfig s : sources) {
            fields.addAll(s.columns().keySet());
            if (s.events() != null) {
                fields.addAll(s.events().identifiers().keySet());
                fields.add("device_ids");
            }
        }
        if (fields.contains("full_name")) {
            fields.add("first_name");
            fields.add("last_name");
        }
        if (fields.contains("first_name")) {
            fields.add("first_name_canonical");
        }
        if (fields.contains("email")) {
            fields.add("email_domain");
            fields.add(ClusterSettings.EMAIL_KIND);
        }
        if (fields.contains("street")) {
            fields.add("house_number");
        }
        fields.addAll(List.of("record_key", "source", "source_id"));
        return fields;
    }

    /**
     * Every column an expression reads must be a mapped field: bare names in blocking keys, {@code l.x} and
     * {@code r.x} in comparison levels. Uses Spark's own parser, which needs no session, so a typo fails here
     * with its config path.
     */
    private void checkFieldsUsed(String expr, String path, Set<String> fields) {
        try {
            for (String field : SqlExpressions.columnsUsed(expr)) {
                if (!fields.contains(field)) {
                    problems.add(path, "field '" + field + "' in '" + expr + "' is not mapped by any source; mapped: "
                            + fields);
                }
            }
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
        }
    }

    private String resolve(String path) {
        if (Locations.isUri(path)) {
            return path;
        }
        return baseDir.resolve(path).normalize().toString();
    }

    private static String guessFormat(String path) {
        if (path == null) {
            return "csv";
        }
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".json") || p.endsWith(".jsonl") || p.endsWith(".ndjson")) {
            return "json";
        }
        if (p.endsWith(".parquet")) {
            return "parquet";
        }
        return "csv";
    }

    private void allowOnly(JsonNode n, String path, String... keys) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return;
        }
        if (!n.isObject()) {
            problems.add(path.isEmpty() ? "(top)" : path, "must be a mapping, was: " + show(n));
            return;
        }
        var allowed = List.of(keys);
        n.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problems.add(path.isEmpty() ? k : path + "." + k, "unknown key; allowed: " + allowed);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private <E extends Enum<E>> E enumValue(JsonNode n, String path, String key, String dflt) {
        String v = text(n, path, key, dflt);
        try {
            return (E) SourceKind.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(path + "." + key, "unknown " + key + " '" + v + "'; allowed: crm, erp, clickstream, generic");
            return null;
        }
    }

    private String required(JsonNode n, String path, String key) {
        String v = textOrNull(n, key);
        if (v == null) {
            problems.add(path + "." + key, "is required");
        }
        return v;
    }

    private static String textOrNull(JsonNode n, String key) {
        JsonNode v = n.path(key);
        return v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText() : null;
    }

    private String text(JsonNode n, String path, String key, String dflt) {
        JsonNode v = n.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        if (!v.isValueNode()) {
            problems.add(path + "." + key, "must be a single value, was: " + show(v));
            return dflt;
        }
        return v.asText();
    }

    private boolean bool(JsonNode n, String path, String key, boolean dflt) {
        JsonNode v = n.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            problems.add(path + "." + key, "must be true or false, was: " + show(v));
            return dflt;
        }
        return v.asBoolean();
    }

    private double number(JsonNode n, String path, String key, double dflt, double min, double max) {
        JsonNode v = n.path(key);
        if (v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber()) {
            problems.add(path + "." + key, "must be a number between " + fmt(min) + " and " + fmt(max)
                    + ", was: " + show(v));
            return dflt;
        }
        double d = v.asDouble();
        if (d < min || d > max) {
            problems.add(path + "." + key, "must be between " + fmt(min) + " and " + fmt(max) + ", was: " + show(v));
            return dflt;
        }
        return d;
    }

    private Map<String, String> stringMap(JsonNode n, String path) {
        var out = new LinkedHashMap<String, String>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            problems.add(path, "must be a mapping, was: " + show(n));
            return out;
        }
        n.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                out.put(e.getKey(), e.getValue().asText());
            } else {
                problems.add(path + "." + e.getKey(), "must be a single value, was: " + show(e.getValue()));
            }
        });
        return out;
    }

    private List<String> stringList(JsonNode n, String path) {
        var out = new ArrayList<String>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            problems.add(path, "must be a list, was: " + show(n));
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            if (n.get(i).isValueNode()) {
                out.add(n.get(i).asText());
            } else {
                problems.add(path + "[" + i + "]", "must be a single value, was: " + show(n.get(i)));
            }
        }
        return out;
    }

    private static String show(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "(missing)";
        }
        String s = n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** Hash of the config and, when it names one, its model: a retrained model is a different configuration. */
    private static String sha256(byte[] config, byte[] model) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(config);
            digest.update(model);
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
