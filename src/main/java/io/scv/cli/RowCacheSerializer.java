package io.scv.cli;

import net.jpountz.lz4.LZ4Factory;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.columnar.CachedBatch;
import org.apache.spark.sql.columnar.CachedBatchSerializer;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.Platform;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * How Spark keeps a persisted Dataset in memory ({@code spark.sql.cache.serializer}): batches of Spark's own binary
 * rows, LZ4-compressed, instead of Spark's default column batches. The default builds every column of every batch
 * with statistics for its encodings (a hash map of each batch's distinct strings for the dictionary encoding), and
 * that cost 9.8% of the task threads' CPU in a 1M run, most of it while ingest caches the rows it read
 * (docs/scaling.md, stop 21). Here a batch is the rows' bytes one after another, each after its length, compressed
 * whole. Reading decompresses a batch and hands out rows pointing into it; a scan of fewer columns projects them.
 * No batch is skipped by filter statistics (the job's caches are read whole) and nothing is read as columns.
 */
public final class RowCacheSerializer implements CachedBatchSerializer {
    private static final long serialVersionUID = 1L;

    /** One cached batch: {@code rows} rows, {@code rawLength} bytes before compression. */
    static final class RowBatch implements CachedBatch, Serializable {
        private static final long serialVersionUID = 1L;
        private final int rows;
        private final int rawLength;
        private final byte[] compressed;

        RowBatch(int rows, int rawLength, byte[] compressed) {
            this.rows = rows;
            this.rawLength = rawLength;
            this.compressed = compressed;
        }

        @Override
        public int numRows() {
            return rows;
        }

        @Override
        public long sizeInBytes() {
            return compressed.length;
        }
    }

    @Override
    public boolean supportsColumnarInput(Seq<Attribute> schema) {
        return false;
    }

    @Override
    public RDD<CachedBatch> convertColumnarBatchToCachedBatch(RDD<ColumnarBatch> input, Seq<Attribute> schema,
                                                              StorageLevel storageLevel, SQLConf conf) {
        throw new UnsupportedOperationException("the row cache takes rows, not column batches");
    }

    @Override
    public RDD<CachedBatch> convertInternalRowToCachedBatch(RDD<InternalRow> input, Seq<Attribute> schema,
                                                            StorageLevel storageLevel, SQLConf conf) {
        return input.toJavaRDD().mapPartitions(new Writer(types(schema), conf.columnBatchSize())).rdd();
    }

    @Override
    public scala.Function2<Object, scala.collection.Iterator<CachedBatch>, scala.collection.Iterator<CachedBatch>>
            buildFilter(Seq<Expression> predicates, Seq<Attribute> cachedAttributes) {
        return new KeepAll();
    }

    @Override
    public boolean supportsColumnarOutput(StructType schema) {
        return false;
    }

    @Override
    public RDD<ColumnarBatch> convertCachedBatchToColumnarBatch(RDD<CachedBatch> input,
                                                                Seq<Attribute> cacheAttributes,
                                                                Seq<Attribute> selectedAttributes, SQLConf conf) {
        throw new UnsupportedOperationException("the row cache gives rows, not column batches");
    }

    @Override
    public RDD<InternalRow> convertCachedBatchToInternalRow(RDD<CachedBatch> input, Seq<Attribute> cacheAttributes,
                                                            Seq<Attribute> selectedAttributes, SQLConf conf) {
        List<Attribute> cached = CollectionConverters.asJava(cacheAttributes);
        List<Attribute> selected = CollectionConverters.asJava(selectedAttributes);
        int[] ordinals = new int[selected.size()];
        for (int i = 0; i < ordinals.length; i++) {
            ordinals[i] = indexOf(cached, selected.get(i));
        }
        boolean whole = ordinals.length == cached.size();
        for (int i = 0; whole && i < ordinals.length; i++) {
            whole = ordinals[i] == i;
        }
        var selectedTypes = new DataType[selected.size()];
        var nullable = new boolean[selected.size()];
        for (int i = 0; i < selectedTypes.length; i++) {
            selectedTypes[i] = selected.get(i).dataType();
            nullable[i] = selected.get(i).nullable();
        }
        return input.toJavaRDD().mapPartitions(new Reader(cached.size(), whole ? null : ordinals, selectedTypes,
                nullable)).rdd();
    }

    private static int indexOf(List<Attribute> attributes, Attribute wanted) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).exprId().equals(wanted.exprId())) {
                return i;
            }
        }
        throw new IllegalStateException("column " + wanted.name() + " is not in the cached rows");
    }

    private static DataType[] types(Seq<Attribute> schema) {
        return CollectionConverters.asJava(schema).stream().map(Attribute::dataType).toArray(DataType[]::new);
    }

    /** Rows in, batches out: {@code batchRows} rows a batch, each row's length then its bytes. */
    private static final class Writer implements FlatMapFunction<Iterator<InternalRow>, CachedBatch> {
        private static final long serialVersionUID = 1L;
        private final DataType[] types;
        private final int batchRows;

        Writer(DataType[] types, int batchRows) {
            this.types = types;
            this.batchRows = batchRows;
        }

        @Override
        public Iterator<CachedBatch> call(Iterator<InternalRow> rows) {
            var toUnsafe = UnsafeProjection.create(types);
            var compressor = LZ4Factory.fastestInstance().fastCompressor();
            return new Iterator<>() {
                private byte[] buffer = new byte[1 << 16];

                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public CachedBatch next() {
                    if (!rows.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int n = 0;
                    int length = 0;
                    while (n < batchRows && rows.hasNext()) {
                        InternalRow row = rows.next();
                        UnsafeRow u = row instanceof UnsafeRow r && r.numFields() == types.length ? r
                                : toUnsafe.apply(row);
                        int size = u.getSizeInBytes();
                        if (length + 4 + size > buffer.length) {
                            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + 4 + size));
                        }
                        Platform.putInt(buffer, Platform.BYTE_ARRAY_OFFSET + length, size);
                        Platform.copyMemory(u.getBaseObject(), u.getBaseOffset(), buffer,
                                Platform.BYTE_ARRAY_OFFSET + length + 4, size);
                        length += 4 + size;
                        n++;
                    }
                    byte[] out = new byte[compressor.maxCompressedLength(length)];
                    int compressed = compressor.compress(buffer, 0, length, out, 0, out.length);
                    return new RowBatch(n, length, Arrays.copyOf(out, compressed));
                }
            };
        }
    }

    /** Batches in, rows out: every column, or the selected ones projected. */
    private static final class Reader implements FlatMapFunction<Iterator<CachedBatch>, InternalRow> {
        private static final long serialVersionUID = 1L;
        private final int fields;
        private final int[] ordinals;
        private final DataType[] selectedTypes;
        private final boolean[] nullable;

        /** @param ordinals the selected columns' places in the cached rows; null for all, in order */
        Reader(int fields, int[] ordinals, DataType[] selectedTypes, boolean[] nullable) {
            this.fields = fields;
            this.ordinals = ordinals;
            this.selectedTypes = selectedTypes;
            this.nullable = nullable;
        }

        @Override
        public Iterator<InternalRow> call(Iterator<CachedBatch> batches) {
            UnsafeProjection project = null;
            if (ordinals != null) {
                var refs = new ArrayList<Expression>();
                for (int i = 0; i < ordinals.length; i++) {
                    refs.add(new BoundReference(ordinals[i], selectedTypes[i], nullable[i]));
                }
                project = UnsafeProjection.create(CollectionConverters.asScala(refs).toSeq());
                if (ordinals.length == 0) {
                    return emptyRows(batches, project.apply(InternalRow.empty()));
                }
            }
            var decompressor = LZ4Factory.fastestInstance().fastDecompressor();
            UnsafeProjection projection = project;
            return new Iterator<>() {
                private final UnsafeRow row = new UnsafeRow(fields);
                private byte[] batch;
                private int length = 0;
                private int position = 0;

                @Override
                public boolean hasNext() {
                    while (position >= length) {
                        if (!batches.hasNext()) {
                            return false;
                        }
                        var b = (RowBatch) batches.next();
                        // a new array each batch: a row handed out may still be read after the next hasNext()
                        batch = new byte[b.rawLength];
                        decompressor.decompress(b.compressed, 0, batch, 0, b.rawLength);
                        length = b.rawLength;
                        position = 0;
                    }
                    return true;
                }

                @Override
                public InternalRow next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int size = Platform.getInt(batch, Platform.BYTE_ARRAY_OFFSET + position);
                    row.pointTo(batch, Platform.BYTE_ARRAY_OFFSET + position + 4, size);
                    position += 4 + size;
                    return projection == null ? row : projection.apply(row);
                }
            };
        }
    }

    /**
     * A scan that selects no column (a count): as many empty rows as each batch holds, without decompressing it.
     */
    private static Iterator<InternalRow> emptyRows(Iterator<CachedBatch> batches, InternalRow empty) {
        return new Iterator<>() {
            private int left = 0;

            @Override
            public boolean hasNext() {
                while (left == 0 && batches.hasNext()) {
                    left = batches.next().numRows();
                }
                return left > 0;
            }

            @Override
            public InternalRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                left--;
                return empty;
            }
        };
    }

    /** No batch is skipped: the job's caches are read whole, so filter statistics would not pay for themselves. */
    private static final class KeepAll
            extends AbstractFunction2<Object, scala.collection.Iterator<CachedBatch>, scala.collection.Iterator<CachedBatch>>
            implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public scala.collection.Iterator<CachedBatch> apply(Object partition,
                                                            scala.collection.Iterator<CachedBatch> batches) {
            return batches;
        }
    }
}
