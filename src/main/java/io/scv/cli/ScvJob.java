package io.scv.cli;

import io.scv.block.Blocking;
import io.scv.block.BlockingResult;
import io.scv.block.IncrementalScope;
import io.scv.block.RecordFingerprints;
import io.scv.catalog.Catalogue;
import io.scv.cluster.ClusterConstraints;
import io.scv.cluster.ConnectedComponents;
import io.scv.compare.ComparisonFunctions;
import io.scv.compare.Scoring;
import io.scv.config.Comparison;
import io.scv.config.ScvConfig;
import io.scv.golden.GoldenRecord;
import io.scv.identity.CustomerIdAssigner;
import io.scv.identity.LineageEvent;
import io.scv.ingest.Ingest;
import io.scv.ingest.IngestResult;
import io.scv.ingest.RecordKeys;
import io.scv.publish.Audit;
import io.scv.publish.AuditFailed;
import io.scv.publish.DeltaPublisher;
import io.scv.publish.OverrideTables;
import io.scv.publish.PublishInput;
import io.scv.publish.PublishedTables;
import io.scv.publish.RecordTokens;
import io.scv.publish.SuppressionList;
import io.scv.publish.Tables;
import io.scv.report.RunReport;
import io.scv.report.RunReportFigures;
import io.scv.report.RunReportModel;
import io.scv.standardize.Standardize;
import io.scv.standardize.StandardizeFunctions;
import io.scv.standardize.Suppression;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.*;

/**
 * One nightly run, stage by stage (DESIGN §1): ingest → standardise → block → score → cluster → customer IDs →
 * golden record → audit → publish. Everything is computed and checked before the first table is written.
 */
public final class ScvJob {
    private static final Logger LOG = LoggerFactory.getLogger(ScvJob.class);
    private static final String VERTEX_ID = "_vid";
    /** Evidence decision of a match that a linkage constraint overruled. */
    public static final String CUT_DECISION = "cut_by_constraint";
    private static final Column[] EVIDENCE_COLUMNS = Stream.of("l_key", "r_key", "rules", "comparisons", "score",
            "probability", "decision").map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    private final SparkSession spark;
    private final Progress progress;

    public ScvJob(SparkSession spark) {
        this(spark, null);
    }

    /** @param progress where stage starts are announced for the console progress; null for none */
    public ScvJob(SparkSession spark, Progress progress) {
        this.spark = spark;
        this.progress = progress;
    }

    public RunSummary run(ScvConfig config) {
        return run(config, false);
    }

    /**
     * @param incremental block and score only the pairs of records new or changed since the last run, reusing the
     *                    last run's evidence for the rest; the result equals a full run. Falls back to a full run
     *                    (and says why) when the last run used another config, model or scv version, or when a
     *                    comparison adjusts for term frequencies (every value's frequency moves with new data).
     */
    public RunSummary run(ScvConfig config, boolean incremental) {
        long start = System.nanoTime();
        Instant started = Instant.now();
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(started) + "-" + config.hash().substring(0, 8);
        var timer = new StageTimer(stage -> {
            spark.sparkContext().setJobDescription(stage);
            if (progress != null) {
                progress.stage(stage);
            }
        });
        registerFunctions(config);
        var publisher = new DeltaPublisher(spark, config.run().warehouse());
        var recovered = publisher.recoverUnfinishedRun();
        if (!recovered.isEmpty()) {
            LOG.warn("recovered from an unfinished earlier run: restored {}", recovered);
        }
        var published = new PublishedTables(spark, config.run().warehouse());
        var previous = published.previousIdentity();
        var overrides = new OverrideTables(spark, config.run().warehouse()).read();
        var suppression = new SuppressionList(spark, config.run().warehouse()).read();

        IngestResult ingested = timer.time("ingest", () -> new Ingest(spark).run(config, started));
        var kept = timer.time("standardize", () -> withoutErased(Standardize.run(ingested.records(), config),
                ingested.quarantine(), suppression, config));
        Dataset<Row> records = kept.records();
        long recordCount = records.count();
        LOG.info("standardize: {} records ({} of erased people left out)", recordCount, kept.suppressed());
        Dataset<Row> fingerprints = RecordFingerprints.of(records, config);
        var plan = incremental ? planIncremental(config, published, fingerprints) : null;
        BlockingResult blocked = timer.time("block", () -> Blocking.run(records, config,
                plan == null ? null : plan.scope()));
        Dataset<Row> pairScores = timer.time("score", () -> {
            spark.sparkContext().setJobDescription("score: compare candidate pairs");
            return truncateLineage(withoutComparisonsBelowReview(Scoring.run(blocked.pairs(), records, config),
                    config));
        });
        Dataset<Row> scored = timer.time("score", () -> {
            var fresh = withDecision(pairScores, config).select(EVIDENCE_COLUMNS);
            return plan == null ? fresh : truncateLineage(
                    fresh.unionByName(reusedEvidence(published, blocked.changed(), plan.deleted(), config)));
        });
        Dataset<Row> matches = scored.filter(col("decision").equalTo("match"))
                .select("l_key", "r_key", "score", "probability");
        Row pairCounts = scored.agg(count(lit(1)), coalesce(sum(when(col("decision").equalTo("match"), 1)
                .otherwise(0)), lit(0)).cast("long")).first();
        long keptPairs = pairCounts.getLong(0);
        long matched = pairCounts.getLong(1);
        Dataset<Row> edges = overrides.applyTo(matches, records.select("record_key"));
        LOG.info("score: {} pairs at or above the review threshold, {} of them matches", keptPairs, matched);
        var cut = new ArrayList<ClusterConstraints.CutEdge>();
        overrides.cannotLink().forEach(p -> cut.add(new ClusterConstraints.CutEdge(p.left(), p.right(), 0)));
        var lineage = new ArrayList<Dataset<Row>>();
        var splits = new ArrayList<RunSummary.SplitComponent>();
        Dataset<Row> xref = timer.time("cluster", () -> {
            var components = ConnectedComponents.run(records.select("record_key"), edges, config.cluster());
            var constrained = ClusterConstraints.apply(components, edges, records, ClusterConstraints.Rules.of(
                    config.cluster(), config.duplicateFreeSources(), overrides));
            cut.addAll(constrained.cutEdges());
            // A later night's mapping reads the clusters from a dozen kept intermediates, and Spark prints every
            // query's plan (for the UI and listeners, again at each adaptive re-plan) with each kept input's plan
            // inside it: with the components' and the cluster rules' plans in there, that printing took most of
            // the driver's time in the mapping (100k, night 2: 239 of 397 samples). From a checkpoint of key and
            // cluster the plans are short. A first night reads the clusters once and needs no checkpoint.
            var clusters = previous.none() ? constrained.clusters()
                    : truncateLineage(constrained.clusters().select("record_key", "cluster"));
            var ids = CustomerIdAssigner.assign(clusters, previous);
            lineage.add(truncateLineage(ids.events()));
            // the split report looks up its customers' IDs: keep the assignment rather than compute it twice
            var withIds = constrained.splits().isEmpty() ? ids.records() : truncateLineage(ids.records());
            splits.addAll(splitComponents(constrained.splits(), withIds));
            // source and source id from the key itself (source:id), not by joining the records again
            var joined = withIds.withColumn("source", RecordKeys.source(col("record_key")))
                    .withColumn("source_id", RecordKeys.sourceId(col("record_key")))
                    .withColumn(VERTEX_ID, ConnectedComponents.vertexId(col("record_key")))
                    .join(linkConfidence(edges), new String[]{VERTEX_ID}, "left")
                    .select("source", "source_id", "record_key", "customer_id", "cluster_size", "link_confidence");
            var materialised = truncateLineage(joined);
            ids.release();   // everything that reads the assignment's intermediates is checkpointed by now
            return materialised;
        });
        Dataset<Row> customers = timer.time("golden", () -> truncateLineage(GoldenRecord.build(records, xref, config)));
        Row clusterStats = xref.groupBy("customer_id").count()
                .agg(count(lit(1)), coalesce(max("count"), lit(0L)),
                        coalesce(sum(when(col("count").equalTo(1), 1).otherwise(0)), lit(0)).cast("long"))
                .first();
        var idEvents = idEventCounts(lineage.get(0));
        var checks = timer.time("audit", () -> audit(new Audit.Figures(recordCount, clusterStats.getLong(0),
                clusterStats.getLong(1), clusterStats.getLong(2)), xref, customers, keptEdges(edges, cut),
                published, idEvents, config));
        try {
            Audit.enforce(checks);
        } catch (AuditFailed e) {
            publisher.markMaintenance(runId, "audit_failed");
            throw e;
        }
        double total = (System.nanoTime() - start) / 1e9;
        var summary = new RunSummary(runId, config.run().warehouse(), ingested.counts(), recordCount,
                kept.suppressed(),
                blocked.candidatePairs(), blocked.perRule(), blocked.hotKeys(), keptPairs - matched, matched,
                clusterStats.getLong(0), clusterStats.getLong(1),
                clusterStats.getLong(2), splits, idEvents, checks, timer.ordered(), total);
        // materialised once: publish compares and writes it, the report counts its reasons
        Dataset<Row> quarantine = timer.time("publish", () -> truncateLineage(kept.quarantine()));
        timer.time("publish", () -> {
            var evidence = markCut(scored, cut).select(EVIDENCE_COLUMNS);
            boolean tokens = config.privacy().evidenceTokens();
            publisher.publish(new PublishInput(runId, started, customers,
                    tokens ? xref.withColumn(RecordTokens.COLUMN, RecordTokens.of(col("record_key"))) : xref,
                    tokens ? evidence.withColumn("l_key", RecordTokens.of(col("l_key")))
                            .withColumn("r_key", RecordTokens.of(col("r_key"))) : evidence, quarantine,
                    lineage.get(0), fingerprints, blocked.hotKeyFingerprints(),
                    runLogRow(runId, started, config, summary)));
            return null;
        });
        registerInPersistentCatalogue(config.run().warehouse());
        var done = summary.withTimes(timer.ordered(), (System.nanoTime() - start) / 1e9);
        // published already: a report that cannot be written is a warning, not a failed run
        return done.withReport(RunReport.writeOrWarn(() -> reportModel(done, config, started, plan != null,
                pairScores, xref, quarantine), config.run().warehouse(),
                spark.sparkContext().hadoopConfiguration()));
    }

    /**
     * Per record with a match edge, the highest probability of its edges, by vertex id: after connected components
     * a vertex id names one record, and a long key groups and joins for a fraction of the cost of the key's text
     * (at 10M, 16M edge ends are grouped).
     *
     * @return {@value #VERTEX_ID}, {@code link_confidence}
     */
    private static Dataset<Row> linkConfidence(Dataset<Row> edges) {
        return edges.select(ConnectedComponents.vertexId(col("l_key")).as(VERTEX_ID), col("probability"))
                .unionByName(edges.select(ConnectedComponents.vertexId(col("r_key")).as(VERTEX_ID),
                        col("probability")))
                .groupBy(VERTEX_ID).agg(max("probability").as("link_confidence"));
    }

    /**
     * With a persistent catalogue (a Hive metastore on a cluster) the tables are registered once per publish and
     * stay; Spark's in-memory catalogue would forget them at exit, so embedded runs leave it to the tools that
     * open the warehouse ({@code scv sql}, {@code scv serve-sql}, the notebooks). Published already: a failure
     * here is a warning.
     */
    private void registerInPersistentCatalogue(String warehouse) {
        if (!"hive".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"))) {
            return;
        }
        try {
            Catalogue.register(spark, warehouse);
        } catch (RuntimeException e) {
            LOG.warn("catalogue: tables published but not registered: {}", e.getMessage());
        }
    }

    /**
     * Every scored pair, for the run report's score distribution; below the review threshold without its
     * comparisons, which nothing reads there, so keeping all pairs costs little more than keeping the evidence.
     */
    private static Dataset<Row> withoutComparisonsBelowReview(Dataset<Row> scored, ScvConfig config) {
        return scored.withColumn("comparisons", when(col("probability").geq(config.scoring().reviewThreshold()),
                col("comparisons")));
    }

    /**
     * What the run report shows: the summary's figures, the config's levels and weights, and four small
     * aggregations over what the run materialised (scored pairs, crosswalk, quarantined rows).
     */
    private static RunReportModel reportModel(RunSummary summary, ScvConfig config, Instant started,
                                              boolean incremental, Dataset<Row> pairScores, Dataset<Row> xref,
                                              Dataset<Row> quarantine) {
        var header = new RunReportModel.Header(summary.runId(), started, summary.warehouse(), config.file(),
                config.hash(), Version.current(), incremental, summary.records(), summary.quarantined(),
                summary.candidatePairs(), summary.reviewPairs(), summary.matchedPairs(), summary.customers(),
                summary.singletons(), summary.largestCluster());
        var scores = new RunReportModel.ScoreDistribution(RunReportFigures.scoreBins(pairScores),
                config.scoring().reviewThreshold(), config.scoring().matchThreshold(), incremental
                ? "incremental run: only pairs with a new or changed record were scored" : "every candidate pair");
        return new RunReportModel(header, summary.perRule(), scores,
                RunReportModel.LevelWeight.of(config.comparisons()), RunReportFigures.clusterSizes(xref),
                RunReportFigures.largestCustomers(xref, 10), RunReportFigures.quarantineCounts(quarantine),
                RunReportModel.IdChurn.of(summary.idEvents(), summary.customers()), summary.stageSeconds(),
                summary.totalSeconds());
    }

    /** The records and quarantined rows a run goes on with, and how many records of erased people it left out. */
    private record Kept(Dataset<Row> records, Dataset<Row> quarantine, long suppressed) {
    }

    /**
     * Leaves out the records and quarantined rows of people on the suppression list ({@code scv forget}), before
     * anything is blocked, scored or published. With an empty list it only cuts the records' lineage.
     */
    private Kept withoutErased(Dataset<Row> standardized, Dataset<Row> quarantine, Dataset<Row> suppression,
                               ScvConfig config) {
        var all = truncateLineage(standardized);
        if (suppression.isEmpty()) {
            return new Kept(all, quarantine, 0);
        }
        spark.sparkContext().setJobDescription("standardize: leave out erased people");
        var records = truncateLineage(Suppression.records(all, suppression));
        return new Kept(records, Suppression.quarantine(quarantine, suppression,
                config.standardize().emailProviderRules()), all.count() - records.count());
    }

    /** What an incremental run re-pairs: the scope for blocking, and the records gone since the last run. */
    private record IncrementalPlan(IncrementalScope scope, Dataset<Row> deleted) {
    }

    private IncrementalPlan planIncremental(ScvConfig config, PublishedTables published, Dataset<Row> fingerprints) {
        String why = published.whyNotIncremental(config.hash(), Version.current());
        if (why == null && config.comparisons().stream().anyMatch(Comparison::termFrequency)) {
            why = "a comparison adjusts for term frequencies";
        }
        if (why != null) {
            LOG.info("incremental: running in full, because {}", why);
            return null;
        }
        spark.sparkContext().setJobDescription("incremental: find new, changed and deleted records");
        var before = published.table(Tables.STATE_RECORDS).select("record_key", "match_hash");
        var changed = truncateLineage(fingerprints.join(before, new String[]{"record_key", "match_hash"},
                "left_anti").select("record_key"));
        var deleted = truncateLineage(before.join(fingerprints, new String[]{"record_key"}, "left_anti")
                .select("record_key"));
        LOG.info("incremental: {} records new or changed, {} gone since the last run", changed.count(),
                deleted.count());
        return new IncrementalPlan(new IncrementalScope(changed, published.hotKeys()), deleted);
    }

    /**
     * The last run's evidence for pairs of records that did not change: their comparisons, score and probability
     * are what a full run would compute again (same records, config, model and version, no term frequencies).
     */
    private static Dataset<Row> reusedEvidence(PublishedTables published, Dataset<Row> changed, Dataset<Row> deleted,
                                               ScvConfig config) {
        var touched = changed.unionByName(deleted).distinct();
        return withDecision(withRecordKeys(published.table(Tables.MATCH_EVIDENCE),
                        published.table(Tables.CUSTOMER_XREF))
                .join(touched.withColumnRenamed("record_key", "l_key"), new String[]{"l_key"}, "left_anti")
                .join(touched.withColumnRenamed("record_key", "r_key"), new String[]{"r_key"}, "left_anti")
                .select("l_key", "r_key", "rules", "comparisons", "score", "probability"), config)
                .select(EVIDENCE_COLUMNS);
    }

    /**
     * Evidence that names records by token ({@code privacy.evidence_record_keys: tokens}) turned back to record
     * keys through the crosswalk the same run wrote; evidence with plain keys as it is.
     */
    private static Dataset<Row> withRecordKeys(Dataset<Row> evidence, Dataset<Row> xref) {
        if (!java.util.Arrays.asList(xref.columns()).contains(RecordTokens.COLUMN)) {
            return evidence;
        }
        var left = xref.select(col(RecordTokens.COLUMN).as("_l_token"), col("record_key").as("_l_key"));
        var right = xref.select(col(RecordTokens.COLUMN).as("_r_token"), col("record_key").as("_r_key"));
        return evidence
                .join(left, col("l_key").equalTo(col("_l_token"))).drop("l_key", "_l_token")
                .withColumnRenamed("_l_key", "l_key")
                .join(right, col("r_key").equalTo(col("_r_token"))).drop("r_key", "_r_token")
                .withColumnRenamed("_r_key", "r_key");
    }

    /** Pairs at or above the review threshold, with their decision: match or review. */
    private static Dataset<Row> withDecision(Dataset<Row> scored, ScvConfig config) {
        return scored.filter(col("probability").geq(config.scoring().reviewThreshold()))
                .withColumn("decision", when(col("probability").geq(config.scoring().matchThreshold()),
                        "match").otherwise("review"));
    }

    /**
     * Ingest and standardise only: the records that blocking and scoring work on, for {@code train} and
     * {@code evaluate}. Quarantined and expired rows and erased people are left out, as in a run; the command's
     * start is the reference time for retention.
     */
    public Dataset<Row> prepareRecords(ScvConfig config) {
        Instant started = Instant.now();
        registerFunctions(config);
        IngestResult ingested = new Ingest(spark).run(config, started);
        var suppression = new SuppressionList(spark, config.run().warehouse()).read();
        return withoutErased(Standardize.run(ingested.records(), config), ingested.quarantine(), suppression,
                config).records();
    }

    private void registerFunctions(ScvConfig config) {
        Standardize.checkCountries(config);
        StandardizeFunctions.register(spark, config.standardize());
        ComparisonFunctions.register(spark);
        if (config.privacy().evidenceTokens()) {
            RecordTokens.register(spark, config.privacy().salt());
        }
    }

    /** The components the cluster rules split, named by the customer IDs their parts got. */
    private static List<RunSummary.SplitComponent> splitComponents(List<ClusterConstraints.Split> splits,
                                                                   Dataset<Row> withIds) {
        if (splits.isEmpty()) {
            return List.of();
        }
        var clusters = splits.stream().flatMap(s -> s.clusters().stream()).toArray();
        var idOf = new java.util.HashMap<Long, String>();
        for (Row r : withIds.filter(col("cluster").isin(clusters)).select("cluster", "customer_id").distinct()
                .collectAsList()) {
            idOf.put(r.getLong(0), r.getString(1));
        }
        return splits.stream().map(s -> new RunSummary.SplitComponent(s.records(), s.reasons(),
                s.clusters().stream().map(idOf::get).sorted().toList())).toList();
    }

    /** How many IDs of each lineage event (created, merged_into, ...) the run has, in a fixed order. */
    private static Map<String, Long> idEventCounts(Dataset<Row> events) {
        var counts = new TreeMap<String, Long>();
        for (Row r : events.groupBy("event").count().collectAsList()) {
            counts.put(r.getString(0), r.getLong(1));
        }
        return counts;
    }

    /** Matches that the cluster rules (duplicate-free sources, link density) kept apart are marked in the evidence. */
    private Dataset<Row> markCut(Dataset<Row> scored, List<ClusterConstraints.CutEdge> cut) {
        if (cut.isEmpty()) {
            return scored;
        }
        var rows = cut.stream().map(e -> RowFactory.create(e.lKey(), e.rKey(), true)).toList();
        var cutDf = spark.createDataFrame(rows, new StructType().add("l_key", DataTypes.StringType)
                .add("r_key", DataTypes.StringType).add("_cut", DataTypes.BooleanType));
        return scored.join(broadcast(cutDf), new String[]{"l_key", "r_key"}, "left")
                .withColumn("decision", when(col("_cut"), lit(CUT_DECISION)).otherwise(col("decision")))
                .drop("_cut");
    }

    /**
     * Materialises a Dataset that later stages reuse and cuts its lineage, so each later query plans against a
     * small scan instead of re-planning (and on failure re-running) every stage before it. Reliable checkpoints
     * (the CLI sets the checkpoint folder under the warehouse) survive a lost executor; without a folder, a local
     * checkpoint.
     */
    private Dataset<Row> truncateLineage(Dataset<Row> ds) {
        return spark.sparkContext().getCheckpointDir().isDefined() ? ds.checkpoint(true) : ds.localCheckpoint(true);
    }

    /** The invariants, and the drift gates against the last published run. */
    private static List<Audit.Check> audit(Audit.Figures figures, Dataset<Row> xref, Dataset<Row> customers,
                                           Dataset<Row> keptEdges, PublishedTables published,
                                           Map<String, Long> idEvents, ScvConfig config) {
        var checks = new ArrayList<>(Audit.invariants(figures, xref, customers, keptEdges));
        long churned = Stream.of(LineageEvent.MERGED_INTO, LineageEvent.SPLIT_FROM, LineageEvent.RETIRED)
                .mapToLong(e -> idEvents.getOrDefault(e, 0L)).sum();
        checks.addAll(Audit.driftGates(figures, Audit.previous(published), churned, config.audit()));
        return checks;
    }

    /** The match edges clustering kept: every edge but those the cluster rules or people's cannot-links cut. */
    private Dataset<Row> keptEdges(Dataset<Row> edges, List<ClusterConstraints.CutEdge> cut) {
        var pairs = edges.select("l_key", "r_key");
        if (cut.isEmpty()) {
            return pairs;
        }
        var rows = cut.stream().flatMap(e -> Stream.of(RowFactory.create(e.lKey(), e.rKey()),
                RowFactory.create(e.rKey(), e.lKey()))).toList();
        var cutDf = spark.createDataFrame(rows, new StructType().add("l_key", DataTypes.StringType)
                .add("r_key", DataTypes.StringType));
        return pairs.join(broadcast(cutDf), new String[]{"l_key", "r_key"}, "left_anti");
    }

    private Row runLogRow(String runId, Instant started, ScvConfig config, RunSummary s) {
        return new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(new Object[]{
                runId, Timestamp.from(started), Timestamp.from(Instant.now()), config.file(), config.hash(),
                Version.current(), "published", s.records(), s.quarantined(), s.candidatePairs(), s.matchedPairs(),
                s.reviewPairs(), s.customers(), s.largestCluster(), s.totalSeconds(), s.toText()},
                new StructType()
                        .add("run_id", DataTypes.StringType).add("started_at", DataTypes.TimestampType)
                        .add("finished_at", DataTypes.TimestampType).add("config_file", DataTypes.StringType)
                        .add("config_hash", DataTypes.StringType).add("version", DataTypes.StringType)
                        .add("status", DataTypes.StringType).add("records", DataTypes.LongType)
                        .add("quarantined", DataTypes.LongType).add("candidate_pairs", DataTypes.LongType)
                        .add("matched_pairs", DataTypes.LongType).add("review_pairs", DataTypes.LongType)
                        .add("customers", DataTypes.LongType).add("largest_cluster", DataTypes.LongType)
                        .add("seconds_before_publish", DataTypes.DoubleType).add("summary", DataTypes.StringType));
    }
}
