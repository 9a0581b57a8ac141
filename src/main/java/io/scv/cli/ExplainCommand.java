package io.scv.cli;

import io.scv.block.Blocking;
import io.scv.compare.Scoring;
import io.scv.config.BlockingRule;
import io.scv.config.ConfigLoader;
import io.scv.config.Locations;
import io.scv.config.ScvConfig;
import io.scv.publish.OverrideTables;
import io.scv.publish.PublishedTables;
import io.scv.publish.RecordTokens;
import io.scv.publish.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.*;

/**
 * {@code scv explain}: why records are one customer, or why two records are not, from the published tables.
 * <ul>
 *   <li>A customer ID: its records from {@code customer_xref}; every {@code match_evidence} pair that touches them
 *   (rules, each comparison's level and weight, score, probability, decision) as a waterfall from the prior to the
 *   score; the weakest link (the lowest-scored kept match that is a bridge of the customer's match graph, found on
 *   the driver); pairs with other customers' records; its {@code id_lineage} rows; its golden values with the record
 *   each came from.</li>
 *   <li>Two record keys: their evidence row and what decided it; without one, and given the config, the job's own
 *   ingest and standardisation ({@link ScvJob#prepareRecords}) runs again, blocking keys are formed for the two
 *   records, and the pair is scored by {@link Scoring}, to show whether it was a candidate and what it scores.</li>
 * </ul>
 * Evidence that names records by token ({@code privacy.evidence_record_keys: tokens}) is turned back to record keys
 * through {@code customer_xref.record_token}: people give and see record keys. Costs: a filtered scan of
 * {@code customer_xref}, {@code customer} and {@code id_lineage} (statistics on {@code customer_id} skip files) and
 * of {@code match_evidence} (two semi-joins against the customer's few keys); the re-scoring of a pair reads every
 * source as a run does. Values go to stdout only; logs carry counts.
 */
final class ExplainCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ExplainCommand.class);
    static final String HELP = """
            scv explain (--customer-id ID | --records KEY1,KEY2) [--warehouse DIR] [--config FILE] [--json]
              Explains a run's result from its tables. Prints the records' values: run it where people may see them.
              --customer-id ID   the customer's records; every match_evidence pair among them as a waterfall (prior,
                                 each comparison's level and weight, adding up to the score) with its rules,
                                 probability and decision; the weakest link (the lowest-scored match whose removal
                                 splits the customer); pairs with other customers' records that were cut or left for
                                 review; its id_lineage; its golden values with the record each came from
              --records K1,K2    two record keys as customer_xref shows them (source:source_id): their match_evidence
                                 row and what decided it; with none and --config, each record's blocking keys and the
                                 score the pair would have had
              --warehouse DIR    the run's tables (default: run.warehouse of --config)
              --config FILE      the run's config: thresholds, and for a pair without evidence, re-running ingest,
                                 standardisation, blocking keys and scoring for the two records (publishes nothing)
              --json             one JSON object with the same content, numbers exact""";
    private static final Set<String> VALUE_OPTIONS = Set.of("warehouse", "config", "customer-id", "records");
    private static final Set<String> FLAGS = Set.of("json");

    private ExplainCommand() {
    }

    /** What to explain, and where; checked before any Spark work. */
    record Request(String warehouse, ScvConfig config, String customerId, String leftKey, String rightKey,
                   boolean json) {
    }

    static Args args(List<String> argv) {
        return new Args("explain", argv, VALUE_OPTIONS, FLAGS);
    }

    static int run(Args args, PrintStream out) throws java.io.IOException {
        var request = request(args);
        var settings = request.config() == null ? Map.<String, String>of() : request.config().spark();
        try (SparkSession spark = SparkSessionFactory.create("scv explain", settings, 10)) {
            return explain(spark, request, out);
        }
    }

    /** Runs on a session the caller owns (tests share one). */
    static int run(SparkSession spark, Args args, PrintStream out) {
        return explain(spark, request(args), out);
    }

    private static int explain(SparkSession spark, Request request, PrintStream out) {
        long start = System.nanoTime();
        if (request.customerId() != null) {
            var customer = customer(spark, request.warehouse(), request.customerId(), request.config());
            out.print(request.json() ? RunSummaryJson.of(customer) + "\n" : customer.toText());
            LOG.info("explain: a customer of {} records and {} scored pairs in {} s", customer.records().size(),
                    customer.edges().size(), seconds(start));
        } else {
            var pair = pair(spark, request.warehouse(), request.config(), request.leftKey(), request.rightKey());
            out.print(request.json() ? RunSummaryJson.of(pair) + "\n" : pair.toText());
            LOG.info("explain: a pair of records, verdict '{}', in {} s", pair.verdict(), seconds(start));
        }
        return 0;
    }

    private static Request request(Args args) {
        String customerId = args.get("customer-id", null);
        List<String> keys = recordKeys(args.get("records", null));
        if ((customerId == null) == (keys == null)) {
            throw new UsageException("explain", "give exactly one of --customer-id and --records");
        }
        if (customerId != null && customerId.isBlank()) {
            throw new UsageException("explain", "--customer-id is empty");
        }
        String configArg = args.get("config", null);
        ScvConfig config = configArg == null ? null : ConfigLoader.load(Path.of(configArg));
        String warehouse = args.get("warehouse", config == null ? null : config.run().warehouse());
        if (warehouse == null) {
            throw new UsageException("explain", "give --warehouse, --config or both");
        }
        if (config != null) {
            config = config.withWarehouse(warehouse); // re-scoring leaves out the erased people of this warehouse
        }
        if (!Locations.isUri(warehouse) && !Files.isDirectory(Path.of(Tables.path(warehouse, Tables.CUSTOMER_XREF),
                "_delta_log"))) {
            throw new UsageException("explain", "no customer_xref Delta table at "
                    + Tables.path(warehouse, Tables.CUSTOMER_XREF) + "; run the job first");
        }
        return customerId != null
                ? new Request(warehouse, config, customerId.trim(), null, null, args.flag("json"))
                : new Request(warehouse, config, null, keys.get(0), keys.get(1), args.flag("json"));
    }

    /** The two record keys of {@code --records K1,K2}, or null without the option. */
    private static List<String> recordKeys(String records) {
        if (records == null) {
            return null;
        }
        var keys = Arrays.stream(records.split(",", -1)).map(String::trim).toList();
        if (keys.size() != 2 || keys.get(0).isEmpty() || keys.get(1).isEmpty()) {
            throw new UsageException("explain", "--records takes two record keys separated by a comma, was: '"
                    + records + "'");
        }
        if (keys.get(0).equals(keys.get(1))) {
            throw new UsageException("explain", "--records names the same record twice: " + keys.get(0));
        }
        return keys;
    }

    // ---- one customer -------------------------------------------------------------------------------------------

    static Explanation.Customer customer(SparkSession spark, String warehouse, String customerId, ScvConfig config) {
        var published = new PublishedTables(spark, warehouse);
        var xref = required(published, Tables.CUSTOMER_XREF);
        String idColumn = evidenceIdColumn(xref);
        spark.sparkContext().setJobDescription("explain: records of customer " + customerId);
        var members = xref.filter(col("customer_id").equalTo(customerId))
                .select(col("record_key"), col("source"), col("source_id"), col("link_confidence"), col(idColumn))
                .orderBy("record_key").collectAsList();
        if (members.isEmpty()) {
            throw new UsageException("explain", "customer ID " + customerId + " is not in the customer_xref of "
                    + warehouse);
        }
        var refs = new HashMap<String, RecordRef>(); // evidence id (key or token) → record key and customer
        var keys = new ArrayList<String>();
        for (Row m : members) {
            keys.add(m.getString(0));
            refs.put(m.getString(4), new RecordRef(m.getString(0), customerId));
        }
        var evidenceRows = evidenceTouching(published, refs.keySet());
        var unknown = new TreeSet<String>();
        evidenceRows.forEach(r -> List.of(r.<String>getAs("l_key"), r.<String>getAs("r_key")).forEach(id -> {
            if (!refs.containsKey(id)) {
                unknown.add(id);
            }
        }));
        refs.putAll(lookUp(xref, idColumn, unknown));

        var inside = new ArrayList<Explanation.Edge>();
        var outside = new ArrayList<Explanation.Edge>();
        for (Row r : evidenceRows) {
            var edge = edge(r, refs);
            boolean both = customerId.equals(edge.leftCustomer()) && customerId.equals(edge.rightCustomer());
            (both ? inside : outside).add(edge);
        }
        var byKeys = Comparator.comparing(Explanation.Edge::leftKey).thenComparing(Explanation.Edge::rightKey);
        inside.sort(byKeys);
        outside.sort(byKeys);
        var keySet = new TreeSet<>(keys);
        var mustLinks = overrides(spark, warehouse, OverrideTables.Kind.MUST_LINK).stream()
                .filter(o -> keySet.contains(o.leftKey()) && keySet.contains(o.rightKey())).toList();
        var notes = new ArrayList<String>();
        var weakest = weakestLink(keys, inside, mustLinks, notes);
        if (unknown.stream().anyMatch(id -> !refs.containsKey(id))) {
            notes.add("some evidence names records that are not in customer_xref; they are shown by the name the "
                    + "evidence holds");
        }
        var golden = new ArrayList<Explanation.GoldenValue>();
        var otherValues = new LinkedHashMap<String, String>();
        goldenValues(published, customerId, golden, otherValues, notes);
        Row last = lastPublished(published);
        return new Explanation.Customer(customerId, warehouse, lastRun(last), thresholds(last, config),
                recordLines(members, golden), inside, mustLinks, weakest, outside, lineage(published, customerId),
                golden, otherValues, notes);
    }

    /** A record as evidence names it: its record key and customer (null when not in the crosswalk). */
    private record RecordRef(String recordKey, String customerId) {
    }

    /** The column of customer_xref that match_evidence names records by: record_token with tokens, else record_key. */
    private static String evidenceIdColumn(Dataset<Row> xref) {
        return Arrays.asList(xref.columns()).contains(RecordTokens.COLUMN) ? RecordTokens.COLUMN : "record_key";
    }

    /** Evidence rows with either end among the given ids: two semi-joins against a broadcast list. */
    private static List<Row> evidenceTouching(PublishedTables published, Collection<String> ids) {
        var evidence = published.table(Tables.MATCH_EVIDENCE);
        if (evidence == null) {
            return List.of();
        }
        evidence.sparkSession().sparkContext().setJobDescription("explain: match_evidence of the records");
        return only(evidence, "l_key", ids).unionByName(only(evidence, "r_key", ids))
                .dropDuplicates("l_key", "r_key").collectAsList();
    }

    private static Map<String, RecordRef> lookUp(Dataset<Row> xref, String idColumn, Collection<String> ids) {
        var refs = new HashMap<String, RecordRef>();
        if (ids.isEmpty()) {
            return refs;
        }
        for (Row r : only(xref, idColumn, ids).select(col(idColumn), col("record_key"), col("customer_id"))
                .collectAsList()) {
            refs.put(r.getString(0), new RecordRef(r.getString(1), r.getString(2)));
        }
        return refs;
    }

    private static Dataset<Row> only(Dataset<Row> table, String column, Collection<String> values) {
        var wanted = table.sparkSession().createDataset(new ArrayList<>(values), Encoders.STRING()).toDF("_wanted");
        return table.join(broadcast(wanted), col(column).equalTo(col("_wanted")), "left_semi");
    }

    /** An evidence row as an edge between record keys; an id the crosswalk does not know stays as it is. */
    private static Explanation.Edge edge(Row r, Map<String, RecordRef> refs) {
        var l = refs.getOrDefault(r.<String>getAs("l_key"), new RecordRef(r.getAs("l_key"), null));
        var right = refs.getOrDefault(r.<String>getAs("r_key"), new RecordRef(r.getAs("r_key"), null));
        var names = new ArrayList<String>();
        var levels = new ArrayList<String>();
        var weights = new ArrayList<Double>();
        for (Row c : r.<Row>getList(r.fieldIndex("comparisons"))) {
            names.add(c.getAs("name"));
            levels.add(c.getAs("level"));
            weights.add(c.getAs("weight"));
        }
        List<String> rules = r.isNullAt(r.fieldIndex("rules")) ? List.of() : r.getList(r.fieldIndex("rules"));
        return Explanation.Edge.of(l.recordKey(), right.recordKey(), l.customerId(), right.customerId(), rules,
                names, levels, weights, r.getAs("score"), r.getAs("probability"), r.getAs("decision"));
    }

    /**
     * The lowest-scored kept match that is a bridge of the customer's graph (kept matches and must-links); when no
     * match is a bridge, the lowest-scored match. Null when no match joins the records.
     */
    private static Explanation.WeakestLink weakestLink(List<String> keys, List<Explanation.Edge> inside,
                                                       List<Explanation.OverridePair> mustLinks, List<String> notes) {
        var matches = inside.stream().filter(e -> e.decision().equals("match")).toList();
        var ends = new ArrayList<String[]>();
        matches.forEach(e -> ends.add(new String[]{e.leftKey(), e.rightKey()}));
        mustLinks.forEach(m -> ends.add(new String[]{m.leftKey(), m.rightKey()}));
        int parts = Bridges.partsWithout(keys, ends, -1).size();
        if (parts > 1) {
            notes.add("the matches in match_evidence and the must-links join its " + keys.size() + " records into "
                    + parts + " groups, not one: the evidence was changed after the run, or the run is older than "
                    + "these tables");
        }
        if (matches.isEmpty()) {
            return null;
        }
        boolean[] bridge = Bridges.of(keys, ends);
        Comparator<Integer> byScore = Comparator.comparingDouble((Integer i) -> matches.get(i).score())
                .thenComparing(i -> matches.get(i).pair());
        int lowest = java.util.stream.IntStream.range(0, matches.size()).boxed().min(byScore).orElseThrow();
        var weakestBridge = java.util.stream.IntStream.range(0, matches.size()).filter(i -> bridge[i]).boxed()
                .min(byScore);
        int chosen = weakestBridge.orElse(lowest);
        var e = matches.get(chosen);
        boolean otherLowest = weakestBridge.isPresent() && chosen != lowest;
        return new Explanation.WeakestLink(e.leftKey(), e.rightKey(), e.score(), e.probability(),
                weakestBridge.isPresent(), Bridges.partsWithout(keys, ends, chosen),
                otherLowest ? matches.get(lowest).pair() : null, otherLowest ? matches.get(lowest).score() : null);
    }

    /** Golden values with their provenance columns ({@code <field>_source}, consent's {@code _at}); the rest apart. */
    private static void goldenValues(PublishedTables published, String customerId,
                                     List<Explanation.GoldenValue> golden, Map<String, String> other,
                                     List<String> notes) {
        var customer = published.table(Tables.CUSTOMER);
        var rows = customer == null ? List.<Row>of()
                : customer.filter(col("customer_id").equalTo(customerId)).collectAsList();
        if (rows.isEmpty()) {
            notes.add("the customer table has no row for " + customerId);
            return;
        }
        Row row = rows.get(0);
        var columns = Arrays.asList(row.schema().fieldNames());
        for (String c : columns) {
            if (c.equals("customer_id") || c.equals("run_id") || isProvenance(c, columns)) {
                continue;
            }
            if (columns.contains(c + "_source")) {
                String at = columns.contains(c + "_at") ? display(row, c + "_at") : null;
                golden.add(new Explanation.GoldenValue(c, display(row, c), display(row, c + "_source"), at));
            } else {
                other.put(c, display(row, c));
            }
        }
    }

    /** {@code x_source} and {@code x_at} of a field {@code x} that has provenance. */
    private static boolean isProvenance(String column, List<String> columns) {
        for (String suffix : List.of("_source", "_at")) {
            if (column.endsWith(suffix)) {
                String field = column.substring(0, column.length() - suffix.length());
                if (columns.contains(field) && columns.contains(field + "_source")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String display(Row row, String column) {
        int i = row.fieldIndex(column);
        if (row.isNullAt(i)) {
            return null;
        }
        return row.schema().apply(i).dataType() instanceof ArrayType ? row.getList(i).toString()
                : String.valueOf(row.get(i));
    }

    private static List<Explanation.RecordLine> recordLines(List<Row> members, List<Explanation.GoldenValue> golden) {
        var lines = new ArrayList<Explanation.RecordLine>();
        for (Row m : members) {
            var supplied = new LinkedHashMap<String, String>();
            golden.stream().filter(g -> m.getString(0).equals(g.sourceRecord()))
                    .forEach(g -> supplied.put(g.field(), g.value()));
            lines.add(new Explanation.RecordLine(m.getString(0), m.getString(1), m.getString(2),
                    m.isNullAt(3) ? null : m.getDouble(3), supplied));
        }
        return lines;
    }

    private static List<Explanation.LineageLine> lineage(PublishedTables published, String customerId) {
        var lineage = published.table(Tables.ID_LINEAGE);
        if (lineage == null) {
            return List.of();
        }
        var lines = new ArrayList<Explanation.LineageLine>();
        for (Row r : lineage.filter(col("customer_id").equalTo(customerId).or(col("related_id").equalTo(customerId)))
                .orderBy("event_time", "run_id", "event", "customer_id").collectAsList()) {
            lines.add(new Explanation.LineageLine(r.getAs("run_id"), String.valueOf(r.<Object>getAs("event_time")),
                    r.getAs("event"), r.getAs("customer_id"), r.getAs("related_id"), r.<Long>getAs("records")));
        }
        return lines;
    }

    private static List<Explanation.OverridePair> overrides(SparkSession spark, String warehouse,
                                                            OverrideTables.Kind kind) {
        String name = kind == OverrideTables.Kind.MUST_LINK ? "must-link" : "cannot-link";
        return new OverrideTables(spark, warehouse).list(kind).stream().map(r -> new Explanation.OverridePair(name,
                r.getString(0), r.getString(1), r.getString(2), r.getString(3))).toList();
    }

    // ---- two records ---------------------------------------------------------------------------------------------

    static Explanation.Pair pair(SparkSession spark, String warehouse, ScvConfig config, String key1, String key2) {
        String l = key1.compareTo(key2) <= 0 ? key1 : key2;
        String r = l.equals(key1) ? key2 : key1;
        var published = new PublishedTables(spark, warehouse);
        var xref = required(published, Tables.CUSTOMER_XREF);
        String idColumn = evidenceIdColumn(xref);
        spark.sparkContext().setJobDescription("explain: crosswalk of two records");
        var byKey = new HashMap<String, Row>();
        only(xref, "record_key", List.of(l, r)).select(col("record_key"), col("customer_id"), col(idColumn))
                .collectAsList().forEach(row -> byKey.put(row.getString(0), row));
        String lCustomer = byKey.containsKey(l) ? byKey.get(l).getString(1) : null;
        String rCustomer = byKey.containsKey(r) ? byKey.get(r).getString(1) : null;
        Row last = lastPublished(published);
        var thresholds = thresholds(last, config);
        var reasons = new ArrayList<String>();
        for (String k : List.of(l, r)) {
            if (!byKey.containsKey(k)) {
                reasons.add(k + " is not in the last run's customer_xref: not a record key of that run (check the "
                        + "spelling, source:source_id), or a row that was quarantined, expired or erased");
            }
        }
        var overrides = new ArrayList<Explanation.OverridePair>();
        for (var kind : OverrideTables.Kind.values()) {
            overrides(spark, warehouse, kind).stream()
                    .filter(o -> o.leftKey().equals(l) && o.rightKey().equals(r)).forEach(overrides::add);
        }
        Explanation.Edge evidence = byKey.containsKey(l) && byKey.containsKey(r)
                ? evidenceOf(published, new RecordRef(l, lCustomer), byKey.get(l).getString(2),
                new RecordRef(r, rCustomer), byKey.get(r).getString(2)) : null;
        String verdict;
        List<Explanation.RuleKeys> blocking = List.of();
        Explanation.Edge rescored = null;
        if (evidence != null) {
            verdict = evidenceVerdict(evidence, thresholds, overrides, config, reasons);
        } else {
            reasons.add("match_evidence has no row for the pair");
            if (config == null) {
                verdict = "no evidence";
                reasons.add("either no blocking rule paired the two records, or they scored below the review "
                        + "threshold (match_evidence keeps only pairs at or above it); give --config to form their "
                        + "blocking keys and score them");
            } else {
                var rescore = rescore(spark, config, l, r, thresholds, lCustomer, rCustomer, reasons);
                blocking = rescore.blocking();
                rescored = rescore.edge();
                verdict = rescore.verdict();
            }
        }
        boolean mustLink = overrides.stream().anyMatch(o -> o.kind().equals("must-link"));
        boolean matched = evidence != null && evidence.decision().equals("match");
        if (lCustomer != null && lCustomer.equals(rCustomer) && !matched && !mustLink) {
            reasons.add("both are customer " + lCustomer + " through other records: scv explain --customer-id "
                    + lCustomer + " shows the chain");
        } else if (lCustomer != null && rCustomer != null && !lCustomer.equals(rCustomer)) {
            reasons.add("they are different customers: " + lCustomer + " and " + rCustomer);
        }
        return new Explanation.Pair(l, r, lCustomer, rCustomer, warehouse, lastRun(last), thresholds, verdict,
                reasons, evidence, overrides, blocking, rescored);
    }

    /** The pair's evidence row, found by the ids the evidence names records by; null when there is none. */
    private static Explanation.Edge evidenceOf(PublishedTables published, RecordRef l, String lId, RecordRef r,
                                               String rId) {
        return evidenceTouching(published, List.of(lId)).stream()
                .filter(row -> lId.equals(row.getAs("l_key")) && rId.equals(row.getAs("r_key"))).findFirst()
                .map(row -> edge(row, Map.of(lId, l, rId, r))).orElse(null);
    }

    private static String evidenceVerdict(Explanation.Edge e, Explanation.Thresholds t,
                                          List<Explanation.OverridePair> overrides, ScvConfig config,
                                          List<String> reasons) {
        String scored = "scored " + Explanation.number(e.score()) + ", probability "
                + Explanation.probabilityText(e.probability());
        switch (e.decision()) {
            case "match" -> {
                reasons.add(scored + (t == null ? ", at or above the match threshold" : ", at or above the match "
                        + "threshold " + t.match()) + ": a match, an edge between the two records");
                return "match";
            }
            case "review" -> {
                reasons.add(scored + (t == null ? ", at or above the review threshold and below the match threshold"
                        : ", at or above the review threshold " + t.review() + " and below the match threshold "
                        + t.match()) + ": kept for people to review, not an edge");
                return "review";
            }
            case ScvJob.CUT_DECISION -> {
                reasons.add(scored + ": a match, but the cluster rules kept the two records apart");
                var cannot = overrides.stream().filter(o -> o.kind().equals("cannot-link")).findFirst();
                if (cannot.isPresent()) {
                    reasons.add("people's cannot-link override keeps them apart");
                } else if (config != null && sameDuplicateFreeSource(e, config)) {
                    reasons.add("both come from a duplicate-free source, which holds one record per person");
                } else {
                    reasons.add("a cluster rule refused the join: a cannot_link field with two values, "
                            + "max_cluster_size or min_link_density (run_log's summary names the rules of each "
                            + "split component)");
                }
                return "cut by a cluster rule";
            }
            default -> {
                reasons.add(scored + ", decision " + e.decision());
                return e.decision();
            }
        }
    }

    private static boolean sameDuplicateFreeSource(Explanation.Edge e, ScvConfig config) {
        String ls = e.leftKey().substring(0, Math.max(0, e.leftKey().indexOf(':')));
        String rs = e.rightKey().substring(0, Math.max(0, e.rightKey().indexOf(':')));
        return ls.equals(rs) && config.duplicateFreeSources().contains(ls);
    }

    private record Rescore(String verdict, List<Explanation.RuleKeys> blocking, Explanation.Edge edge) {
    }

    /**
     * The pair without evidence, through the job's own code: ingest and standardise every source
     * ({@link ScvJob#prepareRecords}), form each rule's keys for the two records ({@link Blocking#ruleKeys}), check
     * shared keys against the hot-key cap over all records, and score the pair ({@link Scoring#run}, with every
     * record for term frequencies).
     */
    private static Rescore rescore(SparkSession spark, ScvConfig config, String l, String r,
                                   Explanation.Thresholds t, String lCustomer, String rCustomer,
                                   List<String> reasons) {
        spark.sparkContext().setJobDescription("explain: ingest and standardise the sources");
        var records = new ScvJob(spark).prepareRecords(config);
        var two = only(records, "record_key", List.of(l, r)).localCheckpoint(true);
        var sources = new HashMap<String, String>();
        two.select("record_key", "source").collectAsList().forEach(row -> sources.put(row.getString(0),
                row.getString(1)));
        for (String k : List.of(l, r)) {
            if (!sources.containsKey(k)) {
                reasons.add(k + " is not among the records the config reads now (quarantined, expired, erased, or "
                        + "not a record key): nothing to block or score");
            }
        }
        if (sources.size() < 2) {
            return new Rescore("no such record", List.of(), null);
        }
        var blocking = new ArrayList<Explanation.RuleKeys>();
        boolean sameSourceNeverPaired = sources.get(l).equals(sources.get(r))
                && config.sourcesNotLinkedWithin().contains(sources.get(l));
        for (BlockingRule rule : config.blocking().rules()) {
            blocking.add(ruleKeys(records, two, rule, config.blocking().maxBlockSize(), l, r, sameSourceNeverPaired));
        }
        var rules = blocking.stream().filter(Explanation.RuleKeys::pairs).map(Explanation.RuleKeys::rule).toList();
        spark.sparkContext().setJobDescription("explain: score the pair");
        var pairs = spark.createDataFrame(List.of(RowFactory.create(l, r, rules.toArray(String[]::new))),
                new StructType().add("l_key", DataTypes.StringType).add("r_key", DataTypes.StringType)
                        .add("rules", DataTypes.createArrayType(DataTypes.StringType)));
        var scored = Scoring.run(pairs, records, config).collectAsList();
        if (scored.isEmpty()) {
            reasons.add("the two records could not be scored");
            return new Rescore("no evidence", blocking, null);
        }
        String decision = t.decide(scored.get(0).getAs("probability"));
        var edge = edge(withDecision(scored.get(0), decision), Map.of(l, new RecordRef(l, lCustomer), r,
                new RecordRef(r, rCustomer)));
        String scoredNow = "scored now " + Explanation.number(edge.score()) + ", probability "
                + Explanation.probabilityText(edge.probability());
        if (rules.isEmpty()) {
            reasons.add(sameSourceNeverPaired ? "both come from " + sources.get(l) + ", a duplicate-free source "
                    + "whose records are never paired with each other" : notCandidate(blocking, config));
            reasons.add("had they been compared: " + scoredNow + " (" + decisionWords(decision, t) + ")");
            return new Rescore("not a candidate pair", blocking, edge);
        }
        if (decision.equals(Explanation.BELOW_REVIEW)) {
            reasons.add("a candidate pair (rules " + String.join(", ", rules) + "), " + scoredNow
                    + ": below the review threshold " + t.review() + ", so match_evidence does not keep it");
            return new Rescore("scored below the review threshold", blocking, edge);
        }
        reasons.add("a candidate pair (rules " + String.join(", ", rules) + "), " + scoredNow + " ("
                + decisionWords(decision, t) + "): the records or the config changed since the last run");
        return new Rescore("would be " + decision + " now", blocking, edge);
    }

    private static String notCandidate(List<Explanation.RuleKeys> blocking, ScvConfig config) {
        return blocking.stream().anyMatch(k -> !k.hotShared().isEmpty())
                ? "not a candidate pair: the only keys they share are hot keys, skipped (more records than "
                + "blocking.max_block_size = " + config.blocking().maxBlockSize() + ")"
                : "not a candidate pair: no blocking rule gives both records the same key";
    }

    /** A scored pair with the decision the thresholds give it, in the shape of a match_evidence row. */
    private static Row withDecision(Row scored, String decision) {
        var values = new Object[scored.size() + 1];
        for (int i = 0; i < scored.size(); i++) {
            values[i] = scored.get(i);
        }
        values[scored.size()] = decision;
        return new GenericRowWithSchema(values, scored.schema().add("decision", DataTypes.StringType));
    }

    private static String decisionWords(String decision, Explanation.Thresholds t) {
        return switch (decision) {
            case "match" -> "a match: at or above the match threshold " + t.match();
            case "review" -> "review: at or above the review threshold " + t.review() + ", below the match "
                    + "threshold " + t.match();
            default -> "below the review threshold " + t.review();
        };
    }

    /** One rule's keys for the two records; shared keys are checked against the hot-key cap over all records. */
    private static Explanation.RuleKeys ruleKeys(Dataset<Row> records, Dataset<Row> two, BlockingRule rule,
                                                 int maxBlockSize, String l, String r, boolean neverPaired) {
        var keysOf = new TreeMap<String, TreeSet<String>>();
        keysOf.put(l, new TreeSet<>());
        keysOf.put(r, new TreeSet<>());
        Blocking.ruleKeys(two, rule).select("record_key", "key").collectAsList()
                .forEach(row -> keysOf.get(row.getString(0)).add(row.getString(1)));
        var shared = new TreeSet<>(keysOf.get(l));
        shared.retainAll(keysOf.get(r));
        var hot = new ArrayList<String>();
        if (!shared.isEmpty()) {
            records.sparkSession().sparkContext().setJobDescription("explain: size the shared keys of rule "
                    + rule.name());
            Blocking.ruleKeys(records, rule).filter(col("key").isin(shared.toArray())).groupBy("key").count()
                    .filter(col("count").gt(maxBlockSize)).collectAsList().forEach(row -> hot.add(row.getString(0)));
        }
        boolean pairs = !neverPaired && shared.size() > hot.size();
        return new Explanation.RuleKeys(rule.name(), readable(keysOf.get(l)), readable(keysOf.get(r)),
                readable(shared), readable(hot), pairs);
    }

    /** Key parts are joined by U+0001 inside blocking; shown with " | ". */
    private static List<String> readable(Collection<String> keys) {
        return keys.stream().map(k -> k.replace("\u0001", " | ")).sorted().toList();
    }

    // ---- both ----------------------------------------------------------------------------------------------------

    private static Dataset<Row> required(PublishedTables published, String table) {
        var t = published.table(table);
        if (t == null) {
            throw new UsageException("explain", "no " + table + " Delta table in the warehouse; run the job first");
        }
        return t;
    }

    /** The last published run and its config hash, from run_log. */
    private static Row lastPublished(PublishedTables published) {
        var runLog = published.table(Tables.RUN_LOG);
        if (runLog == null) {
            return null;
        }
        var rows = runLog.filter(col("status").equalTo("published")).orderBy(col("finished_at").desc())
                .select("run_id", "config_hash").limit(1).collectAsList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static String lastRun(Row last) {
        return last == null ? "unknown" : last.getString(0);
    }

    private static Explanation.Thresholds thresholds(Row last, ScvConfig config) {
        if (config == null) {
            return null;
        }
        return new Explanation.Thresholds(config.scoring().matchThreshold(), config.scoring().reviewThreshold(),
                config.file(), last != null && config.hash().equals(last.getString(1)));
    }

    private static String seconds(long start) {
        return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9);
    }
}
