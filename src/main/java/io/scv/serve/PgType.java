package io.scv.serve;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The PostgreSQL type a Spark column is sent as: its OID and fixed length (-1: variable) as RowDescription gives
 * them. Arrays, maps and structs go as text holding JSON; any other Spark type (intervals, time, variant) as its
 * string form.
 */
enum PgType {
    BOOL(16, 1),
    BYTEA(17, -1),
    INT8(20, 8),
    INT2(21, 2),
    INT4(23, 4),
    TEXT(25, -1),
    FLOAT4(700, 4),
    FLOAT8(701, 8),
    DATE(1082, 4),
    TIMESTAMP(1114, 8),
    NUMERIC(1700, -1);

    private final int oid;
    private final int length;

    PgType(int oid, int length) {
        this.oid = oid;
        this.length = length;
    }

    int oid() {
        return oid;
    }

    int length() {
        return length;
    }

    static PgType of(DataType type) {
        if (type instanceof BooleanType) {
            return BOOL;
        } else if (type instanceof ByteType || type instanceof ShortType) {
            return INT2;
        } else if (type instanceof IntegerType) {
            return INT4;
        } else if (type instanceof LongType) {
            return INT8;
        } else if (type instanceof FloatType) {
            return FLOAT4;
        } else if (type instanceof DoubleType) {
            return FLOAT8;
        } else if (type instanceof DecimalType) {
            return NUMERIC;
        } else if (type instanceof DateType) {
            return DATE;
        } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            return TIMESTAMP;
        } else if (type instanceof BinaryType) {
            return BYTEA;
        }
        return TEXT;
    }

    /** PostgreSQL's type modifier: numeric's precision and scale (JDBC metadata shows them), else -1. */
    static int modifier(DataType type) {
        if (type instanceof DecimalType d) {
            return ((d.precision() << 16) | d.scale()) + 4;
        }
        return -1;
    }

    /** Whether values of this Spark type are rendered as JSON text. */
    static boolean nested(DataType type) {
        return type instanceof ArrayType || type instanceof MapType || type instanceof StructType;
    }
}
