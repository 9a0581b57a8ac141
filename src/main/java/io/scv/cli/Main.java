package io.scv.cli;

import io.scv.bench.Bench;
import io.scv.bench.BenchOptions;
import io.scv.bench.BenchResult;
import io.scv.block.Blocking;
import io.scv.block.CandidatePairBudgetExceeded;
import io.scv.compare.Scoring;
import io.scv.config.ConfigException;
import io.scv.config.ConfigLoader;
import io.scv.config.ModelFile;
import io.scv.config.ScvConfig;
import io.scv.eval.ComparisonLevelEvaluation;
import io.scv.eval.LevelMetrics;
import io.scv.publish.AuditFailed;
import io.scv.eval.Truth;
import io.scv.cluster.Overrides;
import io.scv.publish.OverrideTables;
import io.scv.publish.Tables;
import io.scv.sample.SampleGenerator;
import io.scv.sample.SampleOptions;
import io.scv.standardize.Standardize;
import io.scv.train.LabelCheck;
import io.scv.train.Trainer;
import io.scv.train.TrainingReport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one entry point: {@code scv <subcommand> [options]}. Embedded it runs Spark in this JVM (local[*]); under
 * spark-submit it uses the cluster spark-submit gives it. Exit codes: 0 done, 1 run failed, 2 wrong usage,
 * 3 invalid configuration.
 */
public final class Main {
    static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("forget", ForgetCommand.HELP),
            Map.entry("explain", ExplainCommand.HELP),
            Map.entry("sql", SqlCommand.HELP),
            Map.entry("serve-sql", ServeSqlCommand.HELP),
            Map.entry("run", """
                    scv run --config FILE [--warehouse DIR] [--incremental] [--accept-drift] [--json] [--quiet]
                            [--progress-every SECONDS]
                      Runs the nightly job: ingest the configured sources, match, cluster, build golden records and
                      publish the Delta tables (customer, customer_xref, match_evidence, quarantine, run_log).
                      --config FILE     the YAML/JSON config (see conf/scv.yaml and docs/config.md)
                      --warehouse DIR   where the Delta tables go (default: run.warehouse of the config, 'warehouse')
                      --json            print the run summary as JSON instead of text (progress lines, on standard
                                        error, become JSON objects too)
                      --quiet           no progress lines and no INFO log: the summary and warnings only
                      --progress-every  seconds between progress lines on standard error (default 10): stage,
                                        Spark job, tasks done, rows read, time
                      --incremental     block and score only pairs of records that are new or changed since the
                                        last run, reusing its evidence for the rest; same result as a full run.
                                        Runs in full (and says why) when the config, model or scv version changed
                                        or a comparison uses term frequencies
                      --accept-drift    publish even if the result moved beyond the drift gates (config 'audit')
                                        from the last run; for a change people reviewed. Invariants still hold
                      Exit codes: 0 published, 1 failed (tables left as they were), 3 config error, 4 an audit
                      check failed (nothing published; the failed checks are printed)"""),
            Map.entry("validate", """
                    scv validate --config FILE
                      Checks a config without running Spark: keys, values, files, columns, comparators, rules.
                      Prints every problem with its config path; exit code 3 when there is any."""),
            Map.entry("generate-sample", """
                    scv generate-sample --customers N --seed S --out DIR [--night 1|2|3] [--no-broken-rows]
                      Writes a synthetic CRM/ERP/clickstream population of N customers (deterministic for a seed):
                      crm_contacts.csv, erp_customers.csv, erp_orders.csv, clickstream_events.jsonl, truth.csv and
                      truth_hazards.csv (households and namesakes that must stay apart).
                      --night K         write night K's full snapshot (default 1): night K is night K-1 plus new,
                                        updated and deleted records, new orders and sessions, and planted merge
                                        bridges (night 2) and mistaken emails (night 2, corrected on night 3);
                                        changes.csv lists them. Same file names for every night
                      --no-broken-rows  leave out the rows broken as rows (bad quoting, unknown customer, unreadable
                                        amount or date, cut JSON) that the extracts otherwise carry"""),
            Map.entry("train", """
                    scv train --config FILE [--out FILE] [--labels FILE [--refine]]
                      Estimates the match weights of the config's comparisons without labels (Fellegi-Sunter: u from
                      random record pairs, m by expectation-maximisation over the blocked pairs), the prior and the
                      match threshold with the best expected F1, and writes them as a reviewable YAML model file.
                      --config FILE   the config; its levels need no weights
                      --out FILE      where the model goes (default: scoring.model of the config)
                      --labels FILE   truth (records->entity or labelled pairs, as for evaluate): prints, per level,
                                      the m of the labelled matching candidate pairs next to the trained m
                      --refine        with --labels: take the labelled m where a comparison has 20 or more
                                      labelled matching pairs (u, prior and threshold stay as trained)"""),
            Map.entry("override", """
                    scv override (--add KIND | --remove KIND) --left KEY --right KEY [--reason TEXT] [--by NAME]
                                 [--warehouse DIR | --config FILE]
                    scv override --list [--warehouse DIR | --config FILE]
                      Human decisions that win over scores in every later run: KIND must-link (the two records end
                      in one customer) or cannot-link (they never do, whatever joins them). KEY is a record key as
                      customer_xref shows it (source:source_id). Kept in the warehouse's override_must_link and
                      override_cannot_link tables; a pair is in at most one of them.
                      --warehouse DIR  the warehouse (default: run.warehouse of --config, else 'warehouse')
                      --reason TEXT    why, for the next person who reads it
                      --by NAME        who decided (default: the user name)"""),
            Map.entry("evaluate", """
                    scv evaluate --truth FILE [--warehouse DIR] [--config FILE] [--json]
                      Measures a run against truth: a CSV of records (header source,source_id,entity_id) or of
                      labelled pairs (source_l,source_id_l,source_r,source_id_r,is_match).
                      --warehouse DIR  the run's tables (default: run.warehouse of --config): pairwise and B-cubed
                                       precision, recall and F1 of customer_xref
                      --config FILE    also re-runs blocking and scoring (publishing nothing) for blocking recall
                                       and reduction ratio per rule, a threshold sweep with the best threshold
                                       marked, and per comparison level the m and u the truth implies
                      --json           JSON for scripts instead of tables"""),
            Map.entry("bench", """
                    scv bench [--records N] [--seed S] [--work DIR] [--out FILE] [--config FILE] [--master M]
                              [--max-pairs N] [--nights K] [--no-baseline] [--keep] [--reuse]
                      The benchmark harness (docs/benchmarks.md): generates a population of about N source records
                      (CRM contacts + ERP customers + visitor profiles; orders and click events come on top),
                      runs the job on it in this JVM, measures it against the generator's truth, runs the single-JVM
                      baseline on the same extracts and prints one row of figures: per-stage seconds, candidate
                      pairs and pairs a second, shuffle bytes, peak heap, Spark jobs, F1, job / baseline.
                      Generation is timed apart from the job. Progress lines on standard error.
                      --records N     source records, e.g. 2500, 100k, 1M, 10M (default 100k)
                      --seed S        the generator's seed (default 42)
                      --work DIR      where the extracts, their config and the warehouse go (default: scv-bench in
                                      the temporary folder); the warehouse is emptied before the job
                      --out FILE      append the row to this Markdown file's benchmark table (jobs/bench.sh:
                                      docs/benchmarks.md); without it, or with '-', the row is only printed
                      --config FILE   the config whose rules and weights the job runs with; its sources are pointed
                                      at the generated files (default conf/scv.yaml)
                      --master M      the Spark master of the embedded job (default local[2])
                      --max-pairs N   the candidate pair budget instead of the config's (the job stops before
                                      scoring above it), e.g. 500M for 10M records
                      --nights K      also run the generator's later nights up to K (2 or 3; default 1) on the
                                      warehouse the night before left, as a nightly schedule does; one row each
                                      in the later-nights table (no baseline: it keeps no state)
                      --no-baseline   do not run the single-JVM baseline
                      --keep          keep the generated extracts and the warehouse (default: removed after)
                      --reuse         take the extracts an earlier --keep run generated for the same size and seed
                                      from --work instead of generating them again"""));

    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            out.println(usage());
            return argv.length == 0 ? 2 : 0;
        }
        String command = argv[0];
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(HELP.getOrDefault(command, usage()));
            return HELP.containsKey(command) ? 0 : 2;
        }
        try {
            return switch (command) {
                case "run" -> runJob(new Args(command, rest, Set.of("config", "warehouse", "progress-every"),
                        Set.of("json", "incremental", "accept-drift", "quiet")), out, err);
                case "validate" -> validate(new Args(command, rest, Set.of("config"), Set.of()), out);
                case "generate-sample" -> generateSample(new Args(command, rest,
                        Set.of("customers", "seed", "out", "night"), Set.of("no-broken-rows")), out);
                case "train" -> train(new Args(command, rest, Set.of("config", "out", "labels"), Set.of("refine")),
                        out);
                case "override" -> override(new Args(command, rest, Set.of("add", "remove", "left", "right",
                        "reason", "by", "warehouse", "config"), Set.of("list")), out);
                case "forget" -> ForgetCommand.run(new Args(command, rest, Set.of("config", "warehouse", "email",
                        "record-key", "customer-id", "by", "retain-hours"), Set.of("json")), out);
                case "explain" -> ExplainCommand.run(ExplainCommand.args(rest), out);
                case "sql" -> SqlCommand.run(SqlCommand.args(rest), out);
                case "serve-sql" -> ServeSqlCommand.run(ServeSqlCommand.args(rest), out);
                case "evaluate" -> evaluate(new Args(command, rest, Set.of("warehouse", "truth", "config"), Set.of("json")),
                        out);
                case "bench" -> bench(new Args(command, rest, Set.of("records", "seed", "work", "out", "config",
                        "nights", "master", "max-pairs"), Set.of("no-baseline", "keep", "reuse")), out, err);
                default -> throw new UsageException(null, "unknown subcommand '" + command + "'");
            };
        } catch (UsageException e) {
            err.println("scv: " + e.getMessage());
            err.println(e.command() == null ? usage() : HELP.get(e.command()));
            return 2;
        } catch (ConfigException e) {
            err.println("scv: " + e.getMessage());
            return 3;
        } catch (AuditFailed e) {
            err.println("scv: audit failed, nothing published:");
            e.failed().forEach(c -> err.println("  " + c));
            err.println("If the change is expected (a new source, a rule change people reviewed), run again with "
                    + "--accept-drift; an invariant failure is a bug to report.");
            return 4;
        } catch (CandidatePairBudgetExceeded e) {
            err.println("scv: run stopped before scoring: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("scv: " + command + " failed: " + e.getClass().getSimpleName() + ": "
                    + ErrorReport.message(e));
            err.print(ErrorReport.of(e));
            LoggerFactory.getLogger(Main.class).debug("scv {} failed", command, e);
            return 1;
        }
    }

    private static String usage() {
        return """
                usage: scv <subcommand> [options]   (scv <subcommand> --help for its options)
                  run              run the nightly single-customer-view job
                  validate         check a config file without running anything
                  generate-sample  write a synthetic CRM/ERP/clickstream sample with its truth file
                  train            estimate match weights and thresholds from the data, without labels
                  evaluate         measure a run's clusters against a truth file
                  explain          why records are one customer, or why two records are not
                  sql              Spark SQL over a warehouse's tables and views by name (scv.customer, ...)
                  override         add, remove or list must-link / cannot-link pairs that win over scores
                  forget           erase a person: suppress, re-cluster, purge old files, audit
                  serve-sql        serve the published tables to SQL clients (PostgreSQL protocol: psql, JDBC, BI)
                  bench            generate N source records, run the job on them, write a row of benchmark figures""";
    }

    private static int runJob(Args args, PrintStream out, PrintStream err) throws Exception {
        ScvConfig config = ConfigLoader.load(Path.of(args.required("run", "config")));
        if (args.flag("quiet")) {
            // the summary (or its JSON) and warnings only: for schedulers that mail whatever a job prints
            org.apache.logging.log4j.core.config.Configurator.setLevel("io.scv", org.apache.logging.log4j.Level.WARN);
        }
        if (args.get("warehouse", null) != null) {
            config = config.withWarehouse(args.get("warehouse", null));
        }
        if (args.flag("accept-drift")) {
            config = config.withAudit(config.audit().withoutDriftGates());
        }
        try (SparkSession spark = SparkSessionFactory.create("scv " + config.run().name(), config.spark(),
                config.cluster().checkpointInterval())) {
            spark.sparkContext().setCheckpointDir(Tables.path(config.run().warehouse(), "_checkpoints"));
            try (Progress progress = args.flag("quiet") ? null : Progress.start(spark.sparkContext(), err,
                    args.flag("json"), progressInterval(args))) {
                RunSummary summary = new ScvJob(spark, progress).run(config, args.flag("incremental"));
                out.print(args.flag("json") ? RunSummaryJson.of(summary) + "\n" : summary.toText());
            } finally {
                deleteCheckpoints(spark);
            }
        }
        return 0;
    }

    private static int bench(Args args, PrintStream out, PrintStream err) throws Exception {
        var bench = new Bench(benchOptions(args), err);
        var prepared = bench.prepare();
        var config = prepared.config();
        var settings = new HashMap<>(config.spark());
        settings.put("spark.master", args.get("master", "local[2]"));
        BenchResult first;
        List<BenchResult> later;
        try (SparkSession spark = SparkSessionFactory.create("scv bench", settings,
                config.cluster().checkpointInterval())) {
            spark.sparkContext().setCheckpointDir(Tables.path(config.run().warehouse(), "_checkpoints"));
            try (Progress progress = Progress.start(spark.sparkContext(), err, false, Duration.ofSeconds(30))) {
                first = bench.measure(spark, prepared, progress);
                later = bench.measureLaterNights(spark, prepared, progress);
            } finally {
                deleteCheckpoints(spark);
            }
        }
        out.print(bench.finish(prepared, first, later));
        return 0;
    }

    private static BenchOptions benchOptions(Args args) {
        long seed;
        try {
            seed = Long.parseLong(args.get("seed", "42"));
        } catch (NumberFormatException e) {
            throw new UsageException("bench", "--seed must be a whole number, was: '" + args.get("seed", null) + "'");
        }
        String out = args.get("out", null);
        try {
            return new BenchOptions(benchCount(args, "records", "100k"), seed,
                    Path.of(args.get("work", Path.of(System.getProperty("java.io.tmpdir"), "scv-bench").toString())),
                    out == null || out.equals("-") ? null : Path.of(out), Path.of(args.get("config", "conf/scv.yaml")),
                    args.get("master", "local[2]"), benchCount(args, "max-pairs", null), !args.flag("no-baseline"),
                    args.flag("keep"), args.flag("reuse"), args.getInt("bench", "nights", 1));
        } catch (IllegalArgumentException e) {
            throw new UsageException("bench", e.getMessage());
        }
    }

    private static Long benchCount(Args args, String name, String dflt) {
        String value = args.get(name, dflt);
        try {
            return value == null ? null : BenchOptions.parseCount(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("bench", "--" + name + " must be a whole count such as 2500, 100k, 1M or 10M, "
                    + "was: '" + value + "'");
        }
    }

    private static Duration progressInterval(Args args) {
        String value = args.get("progress-every", "10");
        try {
            double seconds = Double.parseDouble(value);
            if (seconds >= 0.1 && seconds <= 3600) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("run", "--progress-every must be seconds between 0.1 and 3600, was: " + value);
    }

    /** The run's checkpoints (a folder of this SparkContext's own) are intermediate data: gone after the run. */
    static void deleteCheckpoints(SparkSession spark) throws java.io.IOException {
        var dir = spark.sparkContext().getCheckpointDir();
        if (dir.isDefined()) {
            var path = new org.apache.hadoop.fs.Path(dir.get());
            path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
        }
    }

    private static int train(Args args, PrintStream out) throws Exception {
        Path configFile = Path.of(args.required("train", "config"));
        ScvConfig config = ConfigLoader.loadForTraining(configFile);
        String outArg = args.get("out", null);
        if (outArg == null && config.scoring().model() == null) {
            throw new UsageException("train", "the config names no scoring.model; say where the model goes with --out");
        }
        Path target = outArg != null ? Path.of(outArg) : Path.of(config.scoring().model());
        long start = System.nanoTime();
        try (SparkSession spark = SparkSessionFactory.create("scv train " + config.run().name(), config.spark(),
                config.cluster().checkpointInterval())) {
            var records = new ScvJob(spark).prepareRecords(config);
            var model = Trainer.train(records, config, configFile.toString());
            String labels = args.get("labels", null);
            if (labels != null) {
                var check = LabelCheck.apply(model, labelledLevels(spark, records, config, Path.of(labels)),
                        args.flag("refine"));
                model = check.model();
                out.print("labelled pairs against the trained m:\n" + check.report());
            } else if (args.flag("refine")) {
                throw new UsageException("train", "--refine needs --labels");
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, ModelFile.render(model));
            out.print(TrainingReport.text(model));
            out.printf(Locale.ROOT, "wrote %s in %.1f s%n", target, (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    /** Per comparison level, the labelled matches among the candidate pairs. */
    private static List<LevelMetrics> labelledLevels(SparkSession spark, Dataset<Row> records, ScvConfig config,
                                                     Path labels) {
        if (!Files.isRegularFile(labels)) {
            throw new UsageException("train", "labels file not found: " + labels);
        }
        var truth = Truth.load(spark, labels.toString());
        var blocked = Blocking.run(records, config);
        var scored = Scoring.run(blocked.pairs(), records, config);
        return ComparisonLevelEvaluation.evaluate(scored, truth);
    }

    private static int validate(Args args, PrintStream out) {
        ScvConfig config = ConfigLoader.load(Path.of(args.required("validate", "config")));
        Standardize.checkCountries(config);
        out.printf("config %s is valid: %d sources, %d blocking rules, %d comparisons%n", config.file(),
                config.sources().size(), config.blocking().rules().size(), config.comparisons().size());
        return 0;
    }

    private static int generateSample(Args args, PrintStream out) throws Exception {
        int customers = args.getInt("generate-sample", "customers", 2000);
        if (customers < 1) {
            throw new UsageException("generate-sample", "--customers must be at least 1, was: " + customers);
        }
        long seed = args.getInt("generate-sample", "seed", 42);
        int night = args.getInt("generate-sample", "night", 1);
        if (night < 1 || night > SampleOptions.MAX_NIGHTS) {
            throw new UsageException("generate-sample", "--night must be 1, 2 or 3, was: " + night);
        }
        Path dir = Path.of(args.required("generate-sample", "out"));
        long start = System.nanoTime();
        var summary = new SampleGenerator(SampleOptions.defaults(customers, seed).withNights(night)).writeTo(dir,
                !args.flag("no-broken-rows"));
        out.printf("wrote night %d of the sample of %d customers to %s in %.1f s: %s%n", night, customers, dir,
                (System.nanoTime() - start) / 1e9, summary);
        return 0;
    }

    private static int override(Args args, PrintStream out) throws Exception {
        String configArg = args.get("config", null);
        ScvConfig config = configArg == null ? null : ConfigLoader.load(Path.of(configArg));
        String warehouse = args.get("warehouse", config == null ? "warehouse" : config.run().warehouse());
        String add = args.get("add", null);
        String remove = args.get("remove", null);
        if ((add != null ? 1 : 0) + (remove != null ? 1 : 0) + (args.flag("list") ? 1 : 0) != 1) {
            throw new UsageException("override", "give exactly one of --add KIND, --remove KIND and --list");
        }
        var settings = config == null ? Map.<String, String>of() : config.spark();
        try (SparkSession spark = SparkSessionFactory.create("scv override", settings, 10)) {
            var tables = new OverrideTables(spark, warehouse);
            if (args.flag("list")) {
                for (var kind : OverrideTables.Kind.values()) {
                    for (Row r : tables.list(kind)) {
                        out.printf("%s\t%s\t%s\t%s\t%s\t%s%n", kind.name().toLowerCase(Locale.ROOT)
                                .replace('_', '-'), r.get(0), r.get(1), r.get(2), r.get(3), r.get(4));
                    }
                }
                return 0;
            }
            var kind = overrideKind(add != null ? add : remove);
            Overrides.Pair pair;
            try {
                pair = new Overrides.Pair(args.required("override", "left"), args.required("override", "right"));
            } catch (IllegalArgumentException e) {
                throw new UsageException("override", e.getMessage());
            }
            if (add != null) {
                try {
                    tables.add(kind, pair, args.get("reason", null), args.get("by", System.getProperty("user.name")));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("override", e.getMessage());
                }
                out.printf("added %s pair %s / %s; the next run applies it%n", add, pair.left(), pair.right());
            } else if (tables.remove(kind, pair)) {
                out.printf("removed %s pair %s / %s%n", remove, pair.left(), pair.right());
            } else {
                out.printf("no %s pair %s / %s to remove%n", remove, pair.left(), pair.right());
                return 1;
            }
        }
        return 0;
    }

    private static OverrideTables.Kind overrideKind(String kind) {
        return switch (kind) {
            case "must-link" -> OverrideTables.Kind.MUST_LINK;
            case "cannot-link" -> OverrideTables.Kind.CANNOT_LINK;
            default -> throw new UsageException("override", "KIND is must-link or cannot-link, was: '" + kind + "'");
        };
    }

    private static int evaluate(Args args, PrintStream out) throws Exception {
        Path truth = Path.of(args.required("evaluate", "truth"));
        if (!Files.isRegularFile(truth)) {
            throw new UsageException("evaluate", "truth file not found: " + truth);
        }
        String configArg = args.get("config", null);
        ScvConfig config = configArg == null ? null : ConfigLoader.load(Path.of(configArg));
        String warehouse = args.get("warehouse", config == null ? null : config.run().warehouse());
        if (warehouse == null) {
            throw new UsageException("evaluate", "give --warehouse, --config or both");
        }
        String xrefPath = Tables.path(warehouse, Tables.CUSTOMER_XREF);
        if (!Files.isDirectory(Path.of(xrefPath, "_delta_log"))) {
            throw new UsageException("evaluate", "no customer_xref Delta table at " + xrefPath + "; run the job first");
        }
        var settings = config == null ? Map.<String, String>of() : config.spark();
        try (SparkSession spark = SparkSessionFactory.create("scv evaluate", settings, 10)) {
            var report = EvaluateCommand.run(spark, warehouse, config, truth);
            out.println(args.flag("json") ? report.toJson() : report.toText());
        }
        return 0;
    }
}
