package io.scv.config;

import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import scala.jdk.javaapi.CollectionConverters;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads Spark SQL expressions from the config with Spark's own parser, which needs no session, so that a typo
 * or an unknown column is reported at validation with its config path rather than halfway through a run.
 */
final class SqlExpressions {
    private SqlExpressions() {
    }

    /**
     * The columns an expression reads: bare names as they are, {@code l.x} / {@code r.x} (the two sides of a pair)
     * as {@code x}.
     *
     * @throws IllegalArgumentException when the text is not a Spark SQL expression, with the parser's reason
     */
    static Set<String> columnsUsed(String expr) {
        Expression parsed;
        try {
            parsed = CatalystSqlParser$.MODULE$.parseExpression(expr);
        } catch (Exception e) { // ParseException is checked in Scala's eyes only: Java sees Exception
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("'" + expr + "' is not a valid Spark SQL expression: "
                    + reason.replaceAll("\\s+", " ").trim() + " (in YAML, quote an expression that contains commas)");
        }
        var used = new TreeSet<String>();
        collect(parsed, used);
        return used;
    }

    private static void collect(Expression e, Set<String> out) {
        if (e instanceof UnresolvedAttribute a) {
            List<String> parts = CollectionConverters.asJava(a.nameParts());
            boolean pairSide = parts.size() == 2 && (parts.get(0).equals("l") || parts.get(0).equals("r"));
            out.add(pairSide ? parts.get(1) : String.join(".", parts));
            return;
        }
        CollectionConverters.asJava(e.children()).forEach(c -> collect(c, out));
    }
}
