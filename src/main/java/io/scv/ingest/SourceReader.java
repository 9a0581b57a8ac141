package io.scv.ingest;

import io.scv.config.InputFile;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.*;

/**
 * Reads one input as rows of strings plus a {@value #CORRUPT} column holding the raw text of rows that did not
 * parse (CSV and JSON, PERMISSIVE mode). Parquet and Delta keep their own types. No shuffle.
 *
 * <p>CSV is read as RFC 4180 records ({@link CsvRecords}): a quoted value may span lines, and an unclosed quote
 * costs its own line only. That reads each file in one task (a file cannot be split where a record may span
 * lines); {@code multiLine: "false"} in the source's options reads one record per line with Spark's splittable
 * reader instead, for large files known to hold no line breaks in values.
 */
public final class SourceReader {
    public static final String CORRUPT = "_corrupt_record";
    private static final String TEXT = "_text";
    private static final String BROKEN = "_broken";
    private static final String PARSED = "_parsed";
    /** Options that say how to find records in a file; the parser of one record's text does not take them. */
    private static final Set<String> FILE_OPTIONS = Set.of("header", "multiline", "encoding", "charset", "linesep",
            "comment", "inferschema", "samplingratio", "enforceschema", "mode", "columnnameofcorruptrecord");

    /** The share of a JSON input's lines that shows whether it holds the columns read ({@link #read(InputFile, Set)}). */
    static final double JSON_SAMPLE = 0.01;
    /** CSV inputs larger than this are parsed in parallel, a partition per this many bytes. */
    static final long SPLIT_BYTES = 16L << 20;
    private final SparkSession spark;

    public SourceReader(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Reads only the columns the config reads when the input is JSON and a sample shows them all as text (see
     * {@link #jsonColumnsRead}); other formats, and JSON otherwise, as {@link #read(InputFile)}. For inputs whose
     * other columns matter to nobody: clickstream events, which are neither de-duplicated nor kept whole.
     */
    public Dataset<Row> read(InputFile input, Set<String> columnsRead) {
        if (!"json".equals(input.format())) {
            return read(input);
        }
        var options = jsonOptions(input.options());
        return readText(input.path(), "json", options, jsonColumnsRead(input.path(), options, columnsRead));
    }

    public Dataset<Row> read(InputFile input) {
        return switch (input.format()) {
            case "csv" -> "false".equalsIgnoreCase(option(input.options(), "multiLine"))
                    ? readText(input.path(), "csv", CsvDialect.withDefaults(input.options()))
                    : readCsvRecords(input.path(), CsvDialect.withDefaults(input.options()));
            case "json" -> readText(input.path(), "json", jsonOptions(input.options()));
            case "parquet" -> spark.read().options(input.options()).parquet(input.path());
            case "delta" -> spark.read().format("delta").options(input.options()).load(input.path());
            default -> throw new IllegalArgumentException("unsupported format: " + input.format());
        };
    }

    /** Everything as string so that no value is lost to type inference; a second pass keeps malformed rows. */
    private Dataset<Row> readText(String path, String format, Map<String, String> options) {
        return readText(path, format, options, columns(path, format, options));
    }

    private Dataset<Row> readText(String path, String format, Map<String, String> options, StructType columns) {
        return spark.read().format(format).options(options)
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .schema(withCorrupt(columns))
                .load(path);
    }

    /**
     * The given columns of a JSON input, as strings, when a sample of {@value #JSON_SAMPLE} of its lines holds each
     * of them (same name, same case) and as text only; else every line's columns ({@link #columns}), so a column
     * the input lacks is reported as before. Inferring from every line read the whole 3.6 GB clickstream of the
     * 10M benchmark (13 s on two cores), the sample 2.5 s. A column read as string also takes an object or array
     * as its JSON text, as inference over every line does for a key that is text in some lines; the columns not
     * read are not parsed at all, so a line is malformed only when it is not JSON.
     */
    private StructType jsonColumnsRead(String path, Map<String, String> options, Set<String> read) {
        StructType sample = spark.read().format("json").options(options).option("primitivesAsString", "true")
                .option("samplingRatio", String.valueOf(JSON_SAMPLE)).load(path).schema();
        var names = Arrays.asList(sample.fieldNames());
        boolean allText = read.stream().allMatch(c -> names.contains(c)
                && sample.apply(c).dataType().equals(DataTypes.StringType));
        if (!allText) {
            return columns(path, "json", options);
        }
        return new StructType(read.stream().map(c -> DataTypes.createStructField(c, DataTypes.StringType, true))
                .toArray(StructField[]::new));
    }

    /**
     * Cuts each file into records ({@link CsvRecords}), then parses each record's text with the same options. A
     * broken record (the line of an unclosed quote) is malformed whatever the parser would make of it.
     */
    private Dataset<Row> readCsvRecords(String path, Map<String, String> options) {
        StructType columns = columns(path, "csv", options);
        var dialect = CsvDialect.of(options);
        int fields = columns.size();
        var records = JavaSparkContext.fromSparkContext(spark.sparkContext()).binaryFiles(path)
                .flatMap(file -> rows(file._1(), file._2(), dialect, fields));
        int parts = parsePartitions(path);
        if (parts > 1) {
            // a file is one task to cut into records; parsing them (and all that follows until the next shuffle)
            // is spread over the cluster: at 1M records the three extracts were parsed on one core each
            records = records.repartition(parts);
        }
        var text = spark.createDataFrame(records, new StructType().add(TEXT, DataTypes.StringType)
                .add(BROKEN, DataTypes.BooleanType));
        // parsed once per record in its own projection: inside the CASE below Spark would parse once per column
        text = text.select(col(TEXT), col(BROKEN), from_csv(col(TEXT), lit(withCorrupt(columns).toDDL()),
                recordOptions(options)).as(PARSED));
        Column parsed = col(PARSED);
        var out = new ArrayList<Column>();
        for (StructField f : columns.fields()) {
            out.add(when(col(BROKEN), lit(null).cast("string")).otherwise(parsed.getField(f.name())).as(f.name()));
        }
        out.add(when(col(BROKEN), col(TEXT)).otherwise(parsed.getField(CORRUPT)).as(CORRUPT));
        return text.select(out.toArray(Column[]::new));
    }

    /**
     * How many partitions a CSV input's records are parsed in: 1 (as cut, no shuffle) up to {@link #SPLIT_BYTES},
     * else one per {@link #SPLIT_BYTES} and at least one per core.
     */
    private int parsePartitions(String path) {
        long bytes;
        try {
            var p = new Path(path);
            bytes = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).getContentSummary(p).getLength();
        } catch (IOException e) {
            return 1; // binaryFiles reports a missing or unreadable input itself
        }
        return bytes <= SPLIT_BYTES ? 1
                : (int) Math.max(spark.sparkContext().defaultParallelism(), (bytes + SPLIT_BYTES - 1) / SPLIT_BYTES);
    }

    private static Iterator<Row> rows(String file, PortableDataStream data, CsvDialect dialect, int fields)
            throws IOException {
        InputStream in = data.open();
        var codec = new CompressionCodecFactory(data.getConfiguration()).getCodec(new Path(file));
        if (codec != null) {
            in = codec.createInputStream(in);
        }
        var reader = new BufferedReader(new InputStreamReader(in, Charset.forName(dialect.charset())));
        var records = new CsvRecords(reader, dialect, fields);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Row next() {
                var r = records.next();
                return RowFactory.create(r.text(), r.broken());
            }
        };
    }

    /** The input's columns as strings, from the CSV header or the JSON keys. */
    private StructType columns(String path, String format, Map<String, String> options) {
        var probe = spark.read().format(format).options(options);
        if ("json".equals(format)) {
            probe = probe.option("primitivesAsString", "true").option("samplingRatio", "1.0");
        }
        StructType inferred = probe.load(path).schema();
        return new StructType(Arrays.stream(inferred.fields())
                .filter(f -> !f.name().equals(CORRUPT))
                .map(f -> "csv".equals(format) ? DataTypes.createStructField(f.name(), DataTypes.StringType, true) : f)
                .toArray(StructField[]::new));
    }

    private static StructType withCorrupt(StructType columns) {
        return columns.add(CORRUPT, DataTypes.StringType, true);
    }

    private static Map<String, String> recordOptions(Map<String, String> options) {
        var out = new LinkedHashMap<String, String>();
        options.forEach((k, v) -> {
            if (!FILE_OPTIONS.contains(k.toLowerCase(Locale.ROOT))) {
                out.put(k, v);
            }
        });
        out.put("mode", "PERMISSIVE");
        out.put("columnNameOfCorruptRecord", CORRUPT);
        return out;
    }

    /**
     * Spark reads JSON lines in another encoding than UTF-8 only when told the line separator; a JSON line cannot
     * hold a raw line break, so {@code \n} is always right (a {@code \r} before it is white space to JSON).
     */
    private static Map<String, String> jsonOptions(Map<String, String> options) {
        var out = new LinkedHashMap<>(options);
        if (!charset(options).equals(StandardCharsets.UTF_8) && option(options, "lineSep") == null) {
            out.put("lineSep", "\n");
        }
        return out;
    }

    /** The encoding a text input declares in {@code encoding} (or Spark's other name, {@code charset}); UTF-8 if none. */
    public static Charset charset(Map<String, String> options) {
        String name = option(options, "encoding");
        name = name != null ? name : option(options, "charset");
        return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    }

    /** Spark's option names are case-insensitive. */
    private static String option(Map<String, String> options, String key) {
        return options.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    public static boolean hasColumn(Dataset<Row> df, String name) {
        return Arrays.asList(df.columns()).contains(name);
    }
}
