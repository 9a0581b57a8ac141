package io.scv.ingest;

import io.scv.config.InputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;

/**
 * Reads one input as rows of strings plus a {@value #CORRUPT} column holding the raw text of rows that did not
 * parse (CSV and JSON, PERMISSIVE mode). Parquet and Delta keep their own types. No shuffle.
 */
public final class SourceReader {
    public static final String CORRUPT = "_corrupt_record";

    private final SparkSession spark;

    public SourceReader(SparkSession spark) {
        this.spark = spark;
    }

    public Dataset<Row> read(InputFile input) {
        return switch (input.format()) {
            case "csv" -> readText(input, "csv");
            case "json" -> readText(input, "json");
            case "parquet" -> spark.read().options(input.options()).parquet(input.path());
            case "delta" -> spark.read().format("delta").options(input.options()).load(input.path());
            default -> throw new IllegalArgumentException("unsupported format: " + input.format());
        };
    }

    /** Everything as string so that no value is lost to type inference; a second pass keeps malformed rows. */
    private Dataset<Row> readText(InputFile input, String format) {
        var probe = spark.read().format(format).options(input.options());
        if ("json".equals(format)) {
            probe = probe.option("primitivesAsString", "true").option("samplingRatio", "1.0");
        }
        StructType inferred = probe.load(input.path()).schema();
        StructField[] fields = Arrays.stream(inferred.fields())
                .filter(f -> !f.name().equals(CORRUPT))
                .map(f -> "csv".equals(format) ? DataTypes.createStructField(f.name(), DataTypes.StringType, true) : f)
                .toArray(StructField[]::new);
        StructType schema = new StructType(fields).add(CORRUPT, DataTypes.StringType, true);
        return spark.read().format(format).options(input.options())
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .schema(schema)
                .load(input.path());
    }

    public static boolean hasColumn(Dataset<Row> df, String name) {
        return Arrays.asList(df.columns()).contains(name);
    }
}
