package io.scv.publish;

import io.scv.config.Locations;

import java.nio.file.Path;
import java.util.List;

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
    /** The tables a run writes, in the order it writes them; {@code run_log} last, as the commit marker. */
    public static final List<String> RUN_TABLES = List.of(CUSTOMER, CUSTOMER_XREF, MATCH_EVIDENCE, QUARANTINE,
            ID_LINEAGE, STATE_RECORDS, STATE_HOT_KEYS, RUN_LOG);

    private Tables() {
    }

    /** A local folder is made absolute; a URI (hdfs://, s3a://, file:/) is kept as given. */
    public static String path(String warehouse, String table) {
        if (Locations.isUri(warehouse)) {
            return warehouse.replaceAll("/+$", "") + "/" + table;
        }
        return Path.of(warehouse).toAbsolutePath().normalize().resolve(table).toString();
    }
}
