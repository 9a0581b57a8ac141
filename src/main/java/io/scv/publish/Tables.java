package io.scv.publish;

import io.scv.config.Locations;

import java.nio.file.Path;

/** Names and locations of the published Delta tables under a warehouse folder. */
public final class Tables {
    public static final String CUSTOMER = "customer";
    public static final String CUSTOMER_XREF = "customer_xref";
    public static final String MATCH_EVIDENCE = "match_evidence";
    public static final String RUN_LOG = "run_log";
    public static final String QUARANTINE = "quarantine";

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
