package io.scv.serve;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** A result's columns as RowDescription describes them, and its rows as DataRow values in those formats. */
final class ResultColumns {
    private ResultColumns() {
    }

    /** The columns of a Spark schema in the formats the client asked for ({@link FormatCodes}). */
    static List<MessageWriter.Column> of(StructType schema, short[] formats) {
        StructField[] fields = schema.fields();
        if (formats.length > 1 && formats.length != fields.length) {
            throw new SqlStateException(SqlStateException.PROTOCOL_VIOLATION, "bind message has " + formats.length
                    + " result formats but the query has " + fields.length + " columns");
        }
        var columns = new ArrayList<MessageWriter.Column>(fields.length);
        for (int i = 0; i < fields.length; i++) {
            var type = fields[i].dataType();
            columns.add(new MessageWriter.Column(fields[i].name(), PgType.of(type), PgType.modifier(type),
                    FormatCodes.binary(formats, i)));
        }
        return columns;
    }

    /** One row's values, each in its column's format; null for SQL NULL. */
    static byte[][] values(Row row, StructType schema, List<MessageWriter.Column> columns, ZoneId zone) {
        StructField[] fields = schema.fields();
        byte[][] values = new byte[fields.length][];
        for (int i = 0; i < fields.length; i++) {
            Object value = row.get(i);
            if (value == null) {
                continue;
            }
            var column = columns.get(i);
            values[i] = column.binary()
                    ? ValueFormats.binary(value, fields[i].dataType(), column.type(), zone)
                    : ValueFormats.text(value, fields[i].dataType(), zone);
        }
        return values;
    }
}
