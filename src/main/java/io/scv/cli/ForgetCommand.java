package io.scv.cli;

import io.scv.config.ConfigLoader;
import io.scv.config.ScvConfig;
import io.scv.publish.DeltaPublisher;
import io.scv.publish.ErasureLog;
import io.scv.publish.OverrideTables;
import io.scv.publish.PublishedTables;
import io.scv.publish.Purge;
import io.scv.publish.SuppressionList;
import io.scv.publish.Tables;
import io.scv.standardize.EmailStandardizer;
import io.scv.standardize.Suppression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;

/**
 * {@code scv forget}: erases one person (GDPR art. 17, PDPA). In order:
 * <ol>
 *   <li>resolve the subject (an email, a record key or a customer ID) to the record keys that carry it now;</li>
 *   <li>put their hashes (and the email's) on the suppression list, so no later run takes them in again;</li>
 *   <li>remove override pairs that name them;</li>
 *   <li>run the job in full: the records drop out, their customers are re-clustered (a bridge that held two
 *   customers together goes, and {@code id_lineage} records the split), every table is brought up to date;</li>
 *   <li>purge: older table versions, change-feed files and leftover checkpoints are deleted from disk;</li>
 *   <li>append an audit row to {@code privacy_erasure_log}: who, when, what kind of subject, what was removed.</li>
 * </ol>
 * Nothing it prints or logs names the subject. Re-running the same request is safe: the list keeps one row per
 * identifier and the run finds nothing more to remove.
 */
final class ForgetCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ForgetCommand.class);
    static final String HELP = """
            scv forget --config FILE (--email ADDRESS | --record-key KEY | --customer-id ID) [--by NAME]
                       [--warehouse DIR] [--retain-hours H] [--json]
              Erases a person: the records that carry the subject now are put on the suppression list (hashed,
              never in plain), left out of a full re-run that re-clusters their customers and updates every
              table, and the tables' older files are purged from disk so time travel cannot bring them back.
              An audit row goes to privacy_erasure_log. Later runs keep leaving them out.
              --email ADDRESS     every record with this email (as standardised), now and in later extracts
              --record-key KEY    one record, as customer_xref shows it (source:source_id)
              --customer-id ID    every record of this customer in the last run's customer_xref
              --by NAME           who asked, for the audit row (default: the user name)
              --retain-hours H    keep table files younger than H hours (default 0: purge every older version;
                                  with H > 0 older versions, and the person in them, stay readable that long)
              --json              print the outcome as JSON""";

    private ForgetCommand() {
    }

    /** What the person asked to be forgotten by. */
    enum SubjectKind { EMAIL, RECORD_KEY, CUSTOMER_ID }

    record Subject(SubjectKind kind, String value) {
        @Override
        public String toString() {
            return kind.name().toLowerCase(Locale.ROOT); // never the value
        }
    }

    /** The outcome of one request, as printed and as the audit row has it. */
    record Outcome(String requestId, String subjectKind, long identifiersSuppressed, long recordsRemoved,
                   long customersAffected, long overridePairsRemoved, String runId,
                   java.util.Map<String, Long> idEvents, long filesPurged, double retainHours, double seconds) {
        String toText() {
            return String.format(Locale.ROOT, """
                    scv forget %s (subject: %s)
                      identifiers on the suppression list  %d
                      records removed                      %d, from %d customers
                      override pairs removed               %d
                      re-run                               %s, customer IDs: %s
                      files purged                         %d (older versions kept: %s h)
                      time                                 %.1f s
                    """, requestId, subjectKind, identifiersSuppressed, recordsRemoved, customersAffected,
                    overridePairsRemoved, runId, idEvents.isEmpty() ? "unchanged" : idEvents, filesPurged,
                    retainHours, seconds);
        }
    }

    static int run(Args args, PrintStream out) throws Exception {
        var subject = subject(args);
        ScvConfig config = ConfigLoader.load(Path.of(args.required("forget", "config")));
        if (args.get("warehouse", null) != null) {
            config = config.withWarehouse(args.get("warehouse", null));
        }
        double retainHours = retainHours(args.get("retain-hours", "0"));
        String by = args.get("by", System.getProperty("user.name", "unknown"));
        try (SparkSession spark = SparkSessionFactory.create("scv forget", config.spark(),
                config.cluster().checkpointInterval())) {
            spark.sparkContext().setCheckpointDir(Tables.path(config.run().warehouse(), "_checkpoints"));
            try {
                var outcome = forget(spark, config, subject, by, retainHours);
                out.print(args.flag("json") ? RunSummaryJson.of(outcome) + "\n" : outcome.toText());
            } finally {
                Main.deleteCheckpoints(spark);
            }
        }
        return 0;
    }

    static Outcome forget(SparkSession spark, ScvConfig config, Subject subject, String by, double retainHours) {
        long start = System.nanoTime();
        Instant requested = Instant.now();
        String requestId = "forget-" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
                .withZone(ZoneOffset.UTC).format(requested);
        String warehouse = config.run().warehouse();
        var log = new ErasureLog(spark, warehouse);
        try {
            new DeltaPublisher(spark, warehouse).recoverUnfinishedRun();
            var keys = recordKeys(spark, config, subject).localCheckpoint(true);
            List<String> keyList = keys.as(Encoders.STRING()).collectAsList();
            var entries = new ArrayList<SuppressionList.Entry>();
            keyList.forEach(k -> entries.add(new SuppressionList.Entry(Suppression.Kind.RECORD_KEY,
                    Suppression.hash(Suppression.Kind.RECORD_KEY, k))));
            if (subject.kind() == SubjectKind.EMAIL) {
                entries.add(new SuppressionList.Entry(Suppression.Kind.EMAIL, Suppression.hash(
                        Suppression.Kind.EMAIL, email(subject.value(), config))));
            }
            long customers = customersHolding(spark, warehouse, keys);
            LOG.info("forget {}: {} records of {} customers; {} identifiers go on the suppression list",
                    requestId, keyList.size(), customers, entries.size());
            new SuppressionList(spark, warehouse).add(entries, requestId);
            long overridePairs = new OverrideTables(spark, warehouse).removeRecords(keys);
            // an erasure is an intended change: it must not be held back by the drift gates
            RunSummary run = new ScvJob(spark).run(config.withAudit(config.audit().withoutDriftGates()), false);
            long purged = new Purge(spark, warehouse).run(retainHours);
            new DeltaPublisher(spark, warehouse).markMaintenance(requestId, "purged");
            var outcome = new Outcome(requestId, subject.toString(), entries.size(), keyList.size(), customers,
                    overridePairs, run.runId(), run.idEvents(), purged, retainHours,
                    (System.nanoTime() - start) / 1e9);
            log.append(entry(outcome, requested, by, "done"));
            return outcome;
        } catch (RuntimeException e) {
            LOG.error("forget {} failed ({}); the suppression list keeps what was added, so the next run or a "
                    + "repeated request completes it", requestId, e.getClass().getSimpleName());
            log.append(new ErasureLog.Entry(requestId, Timestamp.from(requested), Timestamp.from(Instant.now()), by,
                    subject.toString(), 0, 0, 0, 0, null, 0, "failed"));
            throw e;
        }
    }

    private static ErasureLog.Entry entry(Outcome o, Instant requested, String by, String status) {
        return new ErasureLog.Entry(o.requestId(), Timestamp.from(requested), Timestamp.from(Instant.now()), by,
                o.subjectKind(), o.identifiersSuppressed(), o.recordsRemoved(), o.customersAffected(),
                o.overridePairsRemoved(), o.runId(), o.filesPurged(), status);
    }

    /** The record keys that carry the subject now (column {@code value}). */
    private static Dataset<Row> recordKeys(SparkSession spark, ScvConfig config, Subject subject) {
        var published = new PublishedTables(spark, config.run().warehouse());
        return switch (subject.kind()) {
            case RECORD_KEY -> spark.createDataset(List.of(subject.value()), Encoders.STRING()).toDF("record_key");
            case CUSTOMER_ID -> {
                var xref = published.table(Tables.CUSTOMER_XREF);
                var keys = xref == null ? null : xref.filter(col("customer_id").equalTo(subject.value()))
                        .select("record_key").distinct();
                if (keys == null || keys.isEmpty()) {
                    throw new UsageException("forget", "customer ID " + subject.value()
                            + " is not in the customer_xref of " + config.run().warehouse());
                }
                yield keys;
            }
            case EMAIL -> new ScvJob(spark).prepareRecords(config)
                    .filter(col("email").equalTo(email(subject.value(), config))).select("record_key").distinct();
        };
    }

    private static long customersHolding(SparkSession spark, String warehouse, Dataset<Row> keys) {
        var xref = new PublishedTables(spark, warehouse).table(Tables.CUSTOMER_XREF);
        return xref == null ? 0 : xref.join(keys, "record_key").select("customer_id").distinct().count();
    }

    private static String email(String raw, ScvConfig config) {
        String normalised = EmailStandardizer.normalize(raw, config.standardize().emailProviderRules());
        if (normalised == null) {
            throw new UsageException("forget", "--email is not an email address this job can read");
        }
        return normalised;
    }

    private static Subject subject(Args args) {
        var given = new ArrayList<Subject>();
        for (SubjectKind kind : SubjectKind.values()) {
            String v = args.get(kind.name().toLowerCase(Locale.ROOT).replace('_', '-'), null);
            if (v != null) {
                if (v.isBlank()) {
                    throw new UsageException("forget", "--" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-')
                            + " is empty");
                }
                given.add(new Subject(kind, v.trim()));
            }
        }
        if (given.size() != 1) {
            throw new UsageException("forget", "give exactly one of --email, --record-key and --customer-id");
        }
        return given.get(0);
    }

    private static double retainHours(String value) {
        try {
            double h = Double.parseDouble(value);
            if (h >= 0 && Double.isFinite(h)) {
                return h;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new UsageException("forget", "--retain-hours must be a number of hours, 0 or more, was: '" + value
                + "'");
    }
}
