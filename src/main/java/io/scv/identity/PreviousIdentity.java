package io.scv.identity;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * What the previous published run left for customer IDs to carry on from.
 *
 * @param xref   {@code record_key}, {@code customer_id}: the previous crosswalk (live IDs)
 * @param issued {@code customer_id}, {@code created_at} (timestamp, null when unknown): every ID ever handed out,
 *               live or retired, with when it was first issued; new IDs must avoid all of them
 * @param none   true for the first run, which has no previous IDs (both datasets are empty): identity takes the
 *               short way, every cluster a new customer
 */
public record PreviousIdentity(Dataset<Row> xref, Dataset<Row> issued, boolean none) {
    public static final StructType XREF_SCHEMA = new StructType()
            .add("record_key", DataTypes.StringType).add("customer_id", DataTypes.StringType);
    public static final StructType ISSUED_SCHEMA = new StructType()
            .add("customer_id", DataTypes.StringType).add("created_at", DataTypes.TimestampType);

    /** A later run: the previous crosswalk and every ID issued so far. */
    public PreviousIdentity(Dataset<Row> xref, Dataset<Row> issued) {
        this(xref, issued, false);
    }

    /** The first run: no previous IDs. */
    public static PreviousIdentity none(SparkSession spark) {
        return new PreviousIdentity(spark.createDataFrame(List.of(), XREF_SCHEMA),
                spark.createDataFrame(List.of(), ISSUED_SCHEMA), true);
    }
}
