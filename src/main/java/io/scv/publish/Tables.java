package io.scv.publish;

import io.scv.config.Locations;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Names and locations of the published Delta tables under a warehouse folder. */
public final class Tables {
    public static final String CUSTOMER = "customer";
    public static final String CUSTOMER_XREF = "customer_xref";
    public static final String MATCH_EVIDENCE = "match_evidence";
    public static final String RUN_LOG = "run_log";
    public static final String QUARANTINE = "quarantine";
    public static final String ID_LINEAGE = "id_lineage";
    /** Run state for incremental runs: a fingerprint of each record's matching fields (no values). */
    public static final String STATE_RECORDS = "state_records";
    /** Run state for incremental runs: the hot keys of every rule, as fingerprints (no values). */
    public static final String STATE_HOT_KEYS = "state_hot_keys";
    /** Human overrides: pairs of record keys that must end in one customer. Written by people, read by runs. */
    public static final String MUST_LINK = "override_must_link";
    /** Human overrides: pairs of record keys that must never end in one customer. */
    public static final String CANNOT_LINK = "override_cannot_link";
    /** Erasure: hashes of the record keys and emails of erased people, kept out of every later run. */
    public static final String SUPPRESSION = "privacy_suppression";
    /** Erasure: one audit row per {@code scv forget} request (who, when, what kind of subject; no personal data). */
    public static final String ERASURE_LOG = "privacy_erasure_log";
    /** The tables a run writes, in the order it writes them; {@code run_log} last, as the commit marker. */
    public static final List<String> RUN_TABLES = List.of(CUSTOMER, CUSTOMER_XREF, MATCH_EVIDENCE, QUARANTINE,
            ID_LINEAGE, STATE_RECORDS, STATE_HOT_KEYS, RUN_LOG);

    /**
     * The tables whose rows can hold a person's values or record keys: what an erasure must purge. The others
     * (run log, lineage, hot-key fingerprints, the suppression list and the erasure log) hold IDs, counts and
     * hashes only.
     */
    public static final List<String> PERSONAL_TABLES = List.of(CUSTOMER, CUSTOMER_XREF, MATCH_EVIDENCE, QUARANTINE,
            STATE_RECORDS, MUST_LINK, CANNOT_LINK);

    /**
     * The columns Delta keeps min/max statistics of, per table. Statistics live in the transaction log, which an
     * erasure cannot rewrite, so tables that hold personal values or record keys collect them only on their
     * pseudonymous keys (customer_id) and run ids; an empty string means no statistics at all.
     */
    private static final Map<String, String> STATS_COLUMNS = Map.of(
            CUSTOMER, "customer_id,run_id",
            CUSTOMER_XREF, "customer_id,run_id",
            MATCH_EVIDENCE, "run_id",
            QUARANTINE, "run_id",
            STATE_RECORDS, "run_id",
            STATE_HOT_KEYS, "run_id",
            ID_LINEAGE, "run_id,event_time,customer_id",
            MUST_LINK, "added_at",
            CANNOT_LINK, "added_at");

    private Tables() {
    }

    /**
     * The table properties a table is created with: Change Data Feed on, and statistics limited to the columns
     * that hold no personal data (see {@link #STATS_COLUMNS}).
     */
    public static Map<String, String> properties(String table) {
        var props = new LinkedHashMap<String, String>();
        props.put("delta.enableChangeDataFeed", "true");
        String stats = STATS_COLUMNS.get(table);
        if (stats != null) {
            props.put("delta.dataSkippingStatsColumns", stats);
        }
        return props;
    }

    /** A local folder is made absolute; a URI (hdfs://, s3a://, file:/) is kept as given. */
    public static String path(String warehouse, String table) {
        if (Locations.isUri(warehouse)) {
            return warehouse.replaceAll("/+$", "") + "/" + table;
        }
        return Path.of(warehouse).toAbsolutePath().normalize().resolve(table).toString();
    }
}
