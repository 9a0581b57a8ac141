package io.scv.block;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The pairs inside each block, over rows gathered by block and sorted by block, then record key: input
 * {@code (rule, key, record_key, source)}, output {@code (l_key, r_key, rule)} with {@code l_key < r_key}. A block
 * of more than {@code maxBlockSize} records (a hot key) gives no pairs; two records of one source that is never
 * linked within itself are not paired.
 * <p>
 * Why not a self-join on the key: Spark shuffled the keyed records twice (once per side) and sorted them twice, and
 * needed a join with the block sizes first to leave the hot keys out; here one shuffle and one sort do all three.
 */
final class BlockPairs implements FlatMapFunction<Iterator<Row>, Row> {
    private final int maxBlockSize;
    private final Set<String> noWithinSources;

    BlockPairs(int maxBlockSize, Collection<String> noWithinSources) {
        this.maxBlockSize = maxBlockSize;
        this.noWithinSources = Set.copyOf(noWithinSources);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            private Row next = rows.hasNext() ? rows.next() : null;
            private Iterator<Row> block = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!block.hasNext() && next != null) {
                    block = pairsOfNextBlock();
                }
                return block.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return block.next();
            }

            private Iterator<Row> pairsOfNextBlock() {
                int rule = next.getInt(0);
                String key = next.getString(1);
                var keys = new ArrayList<String>();
                var sources = new ArrayList<String>();
                do {
                    keys.add(next.getString(2));
                    sources.add(next.getString(3));
                    next = rows.hasNext() ? rows.next() : null;
                } while (next != null && next.getInt(0) == rule && key.equals(next.getString(1)));
                return keys.size() > maxBlockSize ? Collections.emptyIterator() : pairs(rule, keys, sources);
            }
        };
    }

    /** The block's pairs, lazily: a block of 500 records has 124,750. */
    private Iterator<Row> pairs(int rule, List<String> keys, List<String> sources) {
        return new Iterator<>() {
            private int i = 0;
            private int j = 0;
            private Row pending = advance();

            private Row advance() {
                while (true) {
                    if (++j >= keys.size()) {
                        if (++i >= keys.size() - 1) {
                            return null;
                        }
                        j = i + 1;
                    }
                    boolean sameSourceNotLinked = sources.get(i) != null && sources.get(i).equals(sources.get(j))
                            && noWithinSources.contains(sources.get(i));
                    if (!sameSourceNotLinked && !keys.get(i).equals(keys.get(j))) {
                        return RowFactory.create(keys.get(i), keys.get(j), rule);
                    }
                }
            }

            @Override
            public boolean hasNext() {
                return pending != null;
            }

            @Override
            public Row next() {
                if (pending == null) {
                    throw new NoSuchElementException();
                }
                Row out = pending;
                pending = advance();
                return out;
            }
        };
    }
}
