package io.scv.publish;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class TablesTest {
    @Test
    void aLocalWarehouseBecomesAbsoluteAndAUriStaysAsGiven() {
        assertEquals(Path.of("warehouse").toAbsolutePath().resolve("customer").toString(),
                Tables.path("warehouse", Tables.CUSTOMER));
        assertEquals("s3a://bucket/scv/customer", Tables.path("s3a://bucket/scv/", Tables.CUSTOMER));
        assertEquals("hdfs://nn:8020/scv/run_log", Tables.path("hdfs://nn:8020/scv", Tables.RUN_LOG));
    }
}
