package io.scv.golden;

import io.scv.config.GoldenAggregate;
import io.scv.config.GoldenSettings;
import io.scv.testing.SparkTestSession;
import io.scv.testing.TestConfigs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class GoldenRecordTest {
    private static final String SCHEMA = "record_key string, source string, customer_id string, updated_at timestamp, "
            + "dob date, phone string, postcode string, country string, gender string, "
            + "consent_email string, consent_sms string, consent_phone string, consent_profiling string, "
            + "revenue decimal(18,2), device_ids array<string>, "
            + "raw struct<first_name:string, last_name:string, email:string, street:string, city:string, "
            + "company:string, job_title:string>";

    private static Row goldenOf(GoldenSettings settings, String... json) {
        var spark = SparkTestSession.get();
        Dataset<Row> records = spark.read().option("allowUnquotedFieldNames", "true").schema(SCHEMA).json(spark.createDataset(List.of(json), Encoders.STRING()));
        var config = TestConfigs.of(List.of(), null, List.of(), TestConfigs.scoring(), settings);
        return GoldenRecord.build(records.drop("customer_id"), records.select("record_key", "customer_id"), config)
                .collectAsList().get(0);
    }

    private static final String CRM = "{record_key:'crm:1', source:'crm', customer_id:'c1', "
            + "updated_at:'2024-01-01T00:00:00Z', consent_email:'Y', consent_sms:'Y', revenue:null, device_ids:[], "
            + "raw:{first_name:'Robert', last_name:'Smith', email:'Rob@X.com', street:'1 High St'}}";
    private static final String ERP = "{record_key:'erp:9', source:'erp', customer_id:'c1', "
            + "updated_at:'2025-06-01T00:00:00Z', consent_email:'N', consent_sms:null, revenue:120.50, "
            + "device_ids:[], raw:{first_name:'Bob', last_name:'Smith', email:null, street:'9 New Road', "
            + "city:'Leeds', company:'Acme'}}";
    private static final String WEB = "{record_key:'web:d1', source:'web', customer_id:'c1', revenue:null, "
            + "device_ids:['d1'], raw:{email:'bob@home.com'}}";

    @Test
    void sourcePriorityPicksTheHighestSourceThatHasAValueAndKeepsProvenance() {
        Row g = goldenOf(new GoldenSettings(List.of("crm", "erp", "web"), "source_priority", Map.of(), List.of()),
                CRM, ERP, WEB);
        assertEquals("Robert", g.getAs("first_name"));
        assertEquals("crm:1", g.getAs("first_name_source"));
        assertEquals("Leeds", g.getAs("city"), "crm has no city, so the next source gives it");
        assertEquals("erp:9", g.getAs("city_source"));
        assertEquals(3L, (long) g.getAs("record_count"));
        assertEquals(List.of("crm", "erp", "web"), g.getList(g.fieldIndex("sources")));
    }

    @Test
    void mostRecentPicksTheLatestUpdatedRecordWithAValue() {
        Row g = goldenOf(new GoldenSettings(List.of("crm", "erp", "web"), "most_recent", Map.of(), List.of()),
                CRM, ERP, WEB);
        assertEquals("9 New Road", g.getAs("street"));
        assertEquals("rob@x.com", g.getAs("email"), "erp is newer but has no email; web has no date");
    }

    @Test
    void consentMergesToTheMostRestrictiveValue() {
        Row g = goldenOf(TestConfigs.golden(List.of("crm"), "most_complete"), CRM, ERP, WEB);
        assertEquals("N", g.getAs("consent_email"), "one refusal beats a consent");
        assertEquals("Y", g.getAs("consent_sms"), "consent given and never refused");
        assertNull(g.getAs("consent_phone"), "unknown stays unknown, never consent");
    }

    @Test
    void aggregatesSumAndCountAcrossTheCluster() {
        Row g = goldenOf(TestConfigs.golden(List.of("crm"), "most_complete",
                new GoldenAggregate("revenue", "sum", "revenue"),
                new GoldenAggregate("devices", "count", "device_ids")), CRM, ERP, WEB);
        assertEquals(0, new java.math.BigDecimal("120.50").compareTo(g.getAs("revenue")));
        assertEquals(1L, (long) g.getAs("devices"));
    }
}
