package io.scv.ingest;

import io.scv.config.ConfigLoader;
import io.scv.testing.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

class IngestFormatsTest {
    @TempDir
    Path dir;

    @Test
    void aParquetSourceIsReadWithItsOwnTypesAndRowsWithoutIdAreQuarantined() throws IOException {
        var spark = SparkTestSession.get();
        spark.sql("select * from values ('1', 'Ann', 'Lee', 7), (null, 'No', 'Id', 1), ('2', 'Bo', 'Ng', 3) "
                + "as t(id, given, surname, visits)").write().parquet(dir.resolve("crm.parquet").toString());
        Files.writeString(dir.resolve("orders.csv"), """
                id,customer_no,order_date,amount
                o1,1,2024-01-05,10.00
                o2,2,2024-01-06,5.00
                """);
        Files.writeString(dir.resolve("scv.yaml"), """
                sources:
                  - name: crm
                    path: crm.parquet
                    format: parquet
                    id_column: id
                    columns: {first_name: given, last_name: surname}
                    orders: {path: orders.csv, id_column: id, customer_column: customer_no, date_column: order_date,
                             amount_column: amount}
                blocking:
                  rules: [{name: surname, keys: [last_name]}]
                comparisons:
                  - {name: last_name, field: last_name, levels: [{method: exact, weight: 10}]}
                """);
        var result = new Ingest(spark).run(ConfigLoader.load(dir.resolve("scv.yaml")), Instant.parse("2025-06-30T12:00:00Z"));
        var crm = result.counts().stream().filter(c -> c.input().equals(Ingest.RECORDS)).findFirst().orElseThrow();
        assertEquals(3, crm.read());
        assertEquals(2, crm.kept());
        assertEquals(1, crm.quarantined());
        var orders = result.counts().stream().filter(c -> c.input().equals(Ingest.ORDERS)).findFirst().orElseThrow();
        assertEquals(2, orders.kept(), "an orders file whose own id column is called 'id' joins its customers");
        assertEquals(1L, (long) result.records().filter(col("source_id").equalTo("2")).first().getAs("order_count"));
    }
}
