package io.scv.golden;

import io.scv.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AudiencesTest {
    /** Golden customers: consent per channel (Y, N or null) and contact values. */
    private static Dataset<Row> customers() {
        return SparkTestSession.get().sql("""
                select * from values
                  ('yes-all',       'ann@x.com', '+447700900001', 'Y', 'Y', 'Y', 'Y'),
                  ('refused-all',   'bo@x.com',  '+447700900002', 'N', 'N', 'N', 'N'),
                  ('unknown-all',   'cy@x.com',  '+447700900003', null, null, null, null),
                  ('yes-no-email',  null,        '+447700900004', 'Y', 'Y', 'Y', 'Y'),
                  ('yes-no-phone',  'ed@x.com',  null,            'Y', 'Y', 'Y', 'Y')
                as t(customer_id, email, phone, consent_email, consent_sms, consent_phone, consent_profiling)""");
    }

    private static List<String> marketable(String channel) {
        return Audiences.marketable(customers(), channel).orderBy("customer_id").collectAsList().stream()
                .map(r -> (String) r.getAs("customer_id")).toList();
    }

    @Test
    void emailNeedsConsentYAndAnEmailAddress() {
        assertEquals(List.of("yes-all", "yes-no-phone"), marketable("email"),
                "refused (N) and unknown (null) are out, and so is a Y with no address to send to");
    }

    @Test
    void smsAndPhoneNeedConsentYAndAPhoneNumber() {
        assertEquals(List.of("yes-all", "yes-no-email"), marketable("sms"));
        assertEquals(List.of("yes-all", "yes-no-email"), marketable("phone"));
    }

    @Test
    void profilingNeedsOnlyConsentY() {
        assertEquals(List.of("yes-all", "yes-no-email", "yes-no-phone"), marketable("profiling"));
    }

    @Test
    void anUnknownChannelIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Audiences.marketable(customers(), "post"));
        assertEquals("channel must be one of [email, sms, phone, profiling], was: 'post'", e.getMessage());
    }

    @Test
    void theAudienceKeepsEveryColumnOfTheCustomerTable() {
        assertArrayEquals(customers().columns(), Audiences.marketable(customers(), "email").columns());
    }
}
