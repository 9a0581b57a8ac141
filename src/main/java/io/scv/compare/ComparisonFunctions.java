package io.scv.compare;

import io.scv.standardize.Nicknames;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/** Registers the fuzzy comparators (Apache Commons Text) as Spark SQL UDFs used by comparison levels. */
public final class ComparisonFunctions {
    private ComparisonFunctions() {
    }

    public static void register(SparkSession spark) {
        var udf = spark.udf();
        var d = DataTypes.DoubleType;
        udf.register("scv_jaro_winkler", (UDF2<String, String, Double>) Comparators::jaroWinkler, d);
        udf.register("scv_levenshtein_similarity", (UDF2<String, String, Double>) Comparators::levenshteinSimilarity, d);
        udf.register("scv_jaccard", (UDF2<String, String, Double>) Comparators::jaccard, d);
        udf.register("scv_cosine", (UDF2<String, String, Double>) Comparators::cosine, d);
        udf.register("scv_nickname", (UDF2<String, String, Boolean>) (a, b) ->
                a == null || b == null ? null : Nicknames.areNicknames(a, b), DataTypes.BooleanType);
    }
}
