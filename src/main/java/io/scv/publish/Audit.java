package io.scv.publish;

import io.scv.config.AuditSettings;
import io.scv.ingest.RecordKeys;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.*;

/**
 * The checks of write-audit-publish (DESIGN §9), run after everything is computed and before the first table is
 * written. Invariants must always hold; drift gates compare the result with the last published run and hold back
 * a run that moved further than the config allows. A failed check throws {@link AuditFailed}: nothing is published.
 */
public final class Audit {
    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);

    private Audit() {
    }

    /**
     * One check and its outcome.
     *
     * @param name   what was checked, e.g. {@code customer count change}
     * @param value  the run's figure, as shown
     * @param limit  what the check allows, as shown
     * @param passed whether the run may publish as far as this check goes
     * @param drift  a drift gate against the last run (else an invariant)
     */
    public record Check(String name, String value, String limit, boolean passed, boolean drift) {
        @Override
        public String toString() {
            return name + " " + value + (passed ? " within " : " beyond ") + limit;
        }
    }

    /** This run's figures that the checks need. */
    public record Figures(long records, long customers, long largestCluster, long singletons) {
    }

    /** The last published run's figures; all zero when there is none. */
    public record Previous(long customers, long largestCluster, long singletons) {
        static final Previous NONE = new Previous(0, 0, 0);
    }

    /**
     * Invariants: every kept record is in exactly one customer, every customer has records and a golden row, and
     * every match the cluster rules kept has both ends in one customer.
     *
     * @param xref      {@code record_key}, {@code customer_id}
     * @param customers golden records ({@code customer_id}, {@code record_count})
     * @param kept      {@code l_key}, {@code r_key} of the edges clustering kept (cut edges left out)
     */
    public static List<Check> invariants(Figures run, Dataset<Row> xref, Dataset<Row> customers, Dataset<Row> kept) {
        xref.sparkSession().sparkContext().setJobDescription("audit: invariants before publish");
        var checks = new ArrayList<Check>();
        Row x = xref.agg(count(lit(1)), countDistinct(col("record_key"))).first();
        checks.add(new Check("records in exactly one customer", x.getLong(0) + " crosswalk rows for "
                + x.getLong(1) + " distinct records", run.records() + " kept records",
                x.getLong(0) == run.records() && x.getLong(1) == run.records(), false));
        Row c = customers.agg(count(lit(1)), coalesce(sum(when(col("record_count").leq(0), 1).otherwise(0)),
                lit(0)).cast("long")).first();
        checks.add(new Check("golden records", c.getLong(0) + " golden rows",
                run.customers() + " customer IDs in the crosswalk", c.getLong(0) == run.customers(), false));
        checks.add(new Check("customers without records", String.valueOf(c.getLong(1)), "0", c.getLong(1) == 0, false));
        long split = RecordKeys.edgesAcross(kept, xref, "customer_id");
        checks.add(new Check("kept matches across two customers", String.valueOf(split), "0", split == 0, false));
        return checks;
    }

    /** The last published run's customer figures, from its {@code customer} table. */
    public static Previous previous(PublishedTables published) {
        var customer = published.table(Tables.CUSTOMER);
        if (customer == null) {
            return Previous.NONE;
        }
        Row r = customer.agg(count(lit(1)), coalesce(max("record_count"), lit(0)).cast("long"),
                coalesce(sum(when(col("record_count").equalTo(1), 1).otherwise(0)), lit(0)).cast("long")).first();
        return new Previous(r.getLong(0), r.getLong(1), r.getLong(2));
    }

    /**
     * Drift gates against the last published run; none when the gates are off or the last run was too small to
     * judge by.
     *
     * @param idsChurned previous IDs this run merged into others, split or retired
     */
    public static List<Check> driftGates(Figures run, Previous before, long idsChurned, AuditSettings limits) {
        var checks = new ArrayList<Check>();
        if (!limits.driftGates() || before.customers() < Math.max(1, limits.minPreviousCustomers())) {
            return checks;
        }
        double change = (double) (run.customers() - before.customers()) / before.customers();
        checks.add(new Check("customer count change", String.format(Locale.ROOT, "%+.1f%% (%,d -> %,d)",
                100 * change, before.customers(), run.customers()),
                String.format(Locale.ROOT, "±%.1f%%", 100 * limits.maxCustomerChange()),
                Math.abs(change) <= limits.maxCustomerChange(), true));
        long allowed = Math.max(Math.round(Math.ceil(before.largestCluster() * limits.maxLargestClusterGrowth())),
                before.largestCluster() + 5);
        checks.add(new Check("largest cluster", String.format(Locale.ROOT, "%d records (was %d)",
                run.largestCluster(), before.largestCluster()), "at most " + allowed,
                run.largestCluster() <= allowed, true));
        double shareBefore = (double) before.singletons() / before.customers();
        double shareNow = run.customers() == 0 ? 0 : (double) run.singletons() / run.customers();
        checks.add(new Check("share of singletons", String.format(Locale.ROOT, "%.1f%% (was %.1f%%)",
                100 * shareNow, 100 * shareBefore),
                String.format(Locale.ROOT, "±%.1f points", 100 * limits.maxSingletonShareChange()),
                Math.abs(shareNow - shareBefore) <= limits.maxSingletonShareChange() + 1e-12, true));
        double churn = (double) idsChurned / before.customers();
        checks.add(new Check("customer ID churn", String.format(Locale.ROOT, "%.1f%% (%,d of %,d IDs merged, split "
                        + "or retired)", 100 * churn, idsChurned, before.customers()),
                String.format(Locale.ROOT, "at most %.1f%%", 100 * limits.maxIdChurn()),
                churn <= limits.maxIdChurn() + 1e-12, true));
        return checks;
    }

    /** Throws when a check failed; logs the outcome either way. */
    public static void enforce(List<Check> checks) {
        var failed = checks.stream().filter(c -> !c.passed()).toList();
        if (failed.isEmpty()) {
            LOG.info("audit: {} checks passed", checks.size());
            return;
        }
        failed.forEach(c -> LOG.error("audit: failed: {}", c));
        throw new AuditFailed(failed);
    }
}
