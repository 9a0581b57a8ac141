package io.scv.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes a deterministic synthetic sample of CRM, ERP and clickstream extracts, with the ground truth of which
 * records belong to the same person, for developing and measuring the entity-resolution job.
 *
 * <p><b>How it works.</b> A seeded population of {@code customers} people is generated first (90% GB, the rest IE,
 * AU, US, SG, with local address and phone conventions), including who appears in which source. Each extract is
 * then rendered from that population with its own seeded random stream, applying dirt as it goes. Same options
 * give byte-identical files; no clock, locale or hash order is consulted. Cost is linear in {@code customers}:
 * 2,000 customers take well under a second.
 *
 * <p><b>Files written to the output directory</b> (UTF-8, '\n', CSV per RFC 4180):
 * <ul>
 *   <li>{@code crm_contacts.csv} – ~90% of customers have a contact, some two; contact_id {@code C000123},
 *       esp_record_id {@code esp-7f3a9c21} unique per contact; dob ISO, ~10% DD/MM/YYYY, ~30% blank; consent
 *       Y/N/blank; updated_at {@code 2025-03-04T10:15:00Z}.</li>
 *   <li>{@code erp_customers.csv} – ~60% of customers; customer_no {@code E-100045}; billing_name "First Last",
 *       "LAST, First" or "Mr First Last"; email for ~50%; created_at {@code YYYY-MM-DD}.</li>
 *   <li>{@code erp_orders.csv} – 0–15 orders per ERP customer, amounts with two decimals, mostly GBP.</li>
 *   <li>{@code clickstream_events.jsonl} – 0–3 devices per customer plus one device per anonymous visitor (20% of
 *       the customer count); page_view, login (email), checkout (email, sometimes phone), email_click
 *       (esp_record_id); keys that do not apply are omitted; about 5.5 events per device.</li>
 *   <li>{@code truth_hazards.csv} – {@code kind,entity_id,other_entity_id}: households and namesakes, people who
 *       must stay apart;</li>
 *   <li>{@code truth.csv} – {@code source,source_id,entity_id} for every CRM contact, ERP customer and web device;
 *       people are {@code P000123}, anonymous visitors {@code V000123}.</li>
 * </ul>
 *
 * <p><b>Dirt</b> ({@link DirtRates#defaults()} in brackets): typos [5%], nicknames [8%], swapped first/last
 * names [2%], initial-only first names [3%], blanked fields [6%], case/spacing/punctuation variants [10%], phone
 * formats [30%], email variants [8%], street abbreviations [25%], moved with one source stale [8%], surname changed
 * with one source stale [4%], duplicates within a source [6%], households sharing address and landline [6%],
 * unrelated namesakes [2%], business customers with work email in ERP but personal in CRM [50%], forwarded email
 * links [5% of email clicks], junk values such as {@code test@test.com} [2%], customer devices with no identifying
 * event [3%]. See {@link DirtRates} for what each rate is drawn per.
 *
 * <p><b>Nights.</b> With {@code nights} 2 or 3 ({@link SampleOptions#nights()}) the files are that night's full
 * snapshot: every record current that night, under the same file names. Night N is night N−1 plus a seeded set of
 * changes ({@link NightlyChanges}: new customers, visitors and devices, updated and deleted records, new orders and
 * sessions, and the planted {@link IdentityScenarios}); a record no change touches is written as exactly the same
 * row(s) as the night before. Night 1 is the same whatever the number of nights. For nights 2 and 3 a seventh file
 * lists the changes relative to the night before:
 * <ul>
 *   <li>{@code changes.csv} – {@code night,kind,source,source_id,entity_id,other_entity_id}, kinds
 *       {@code new_record}, {@code updated}, {@code deleted}, {@code new_orders}, {@code new_sessions},
 *       {@code merge_bridge}, {@code mistaken_email}, {@code corrected_email}; other_entity_id is the household
 *       partner of an email mix-up. Ordered by kind, source and id. Like truth.csv, never read by the job.</li>
 * </ul>
 * Cost stays linear: night 3 re-runs nights 1 and 2 in memory first.
 */
public final class SampleGenerator {
    private static final int FIRST_NIGHT = 1;

    private final SampleOptions options;

    public SampleGenerator(SampleOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Creates {@code outDir} if needed and writes the six files of the last night (and its changes.csv after night
     * 1), replacing files of the same name; a night-1 sample removes a changes.csv left from a later night.
     */
    public SampleSummary writeTo(Path outDir) throws IOException {
        return writeTo(outDir, false);
    }

    /**
     * As {@link #writeTo(Path)}; with {@code brokenRows}, the extracts also carry rows broken as rows (see
     * {@link ExtractFaults}), as real nightly extracts do, for the job to quarantine.
     */
    public SampleSummary writeTo(Path outDir, boolean brokenRows) throws IOException {
        var night = night(options.nights());
        var extracts = night.extracts();
        Files.createDirectories(outDir);
        writeCrmContacts(outDir.resolve("crm_contacts.csv"), extracts.crmContacts());
        writeErpCustomers(outDir.resolve("erp_customers.csv"), extracts.erpCustomers());
        writeErpOrders(outDir.resolve("erp_orders.csv"), extracts.erpOrders());
        writeClickEvents(outDir.resolve("clickstream_events.jsonl"), extracts.clickEvents());
        writeTruth(outDir.resolve("truth.csv"), extracts);
        writeHazards(outDir.resolve("truth_hazards.csv"), extracts.population());
        writeChanges(outDir.resolve("changes.csv"), night);
        int faultyRows = brokenRows ? new ExtractFaults(options, night.number()).appendTo(outDir, extracts) : 0;
        return new SampleSummary(night.number(), extracts.population().people().size(),
                extracts.crmContacts().size(), extracts.erpCustomers().size(), extracts.erpOrders().size(),
                extracts.webDevices().size(), extracts.clickEvents().size(), extracts.truthRows(), faultyRows,
                ChangeCounts.of(night.changes()));
    }

    /** The first night's sample in memory; tests use it to check dirt rates against what was applied. */
    SampleExtracts build() {
        return night(FIRST_NIGHT).extracts();
    }

    /** Night {@code number} in memory: night 1 rendered from the population, each later one changed from the last. */
    Night night(int number) {
        var vocabulary = SampleVocabulary.load();
        var population = new PopulationGenerator(options, vocabulary).generate();
        var first = render(population, vocabulary, FIRST_NIGHT);
        var night = Night.first(first);
        if (number > FIRST_NIGHT) {
            var scenarios = IdentityScenarios.plan(options, first);
            while (night.number() < number) {
                night = new NightlyChanges(options, vocabulary, night.number() + 1, scenarios).apply(night);
            }
        }
        return night;
    }

    private SampleExtracts render(Population population, SampleVocabulary vocabulary, int night) {
        var crm = new CrmExtract(options, vocabulary, night).render(population);
        var erp = new ErpExtract(options, vocabulary, night).render(population);
        var web = new ClickstreamExtract(options, vocabulary, night).render(population, crm);
        return new SampleExtracts(population, crm, erp.customers(), erp.orders(), web.devices(), web.events());
    }

    private static void writeCrmContacts(Path file, List<CrmContact> contacts) throws IOException {
        try (var csv = new CsvWriter(file, CrmContact.HEADER)) {
            for (CrmContact contact : contacts) {
                csv.row(contact.row());
            }
        }
    }

    private static void writeErpCustomers(Path file, List<ErpCustomer> customers) throws IOException {
        try (var csv = new CsvWriter(file, ErpCustomer.HEADER)) {
            for (ErpCustomer customer : customers) {
                csv.row(customer.row());
            }
        }
    }

    private static void writeErpOrders(Path file, List<ErpOrder> orders) throws IOException {
        try (var csv = new CsvWriter(file, ErpOrder.HEADER)) {
            for (ErpOrder order : orders) {
                csv.row(order.row());
            }
        }
    }

    private static void writeClickEvents(Path file, List<ClickEvent> events) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (ClickEvent event : events) {
                out.write(event.toJson());
                out.write('\n');
            }
        }
    }

    /**
     * Pairs of different people that a matcher must keep apart: {@code household} (same address and landline) and
     * {@code same_name} (identical first and last name). Like truth.csv, never read by the job.
     */
    private static void writeHazards(Path file, Population population) throws IOException {
        try (var csv = new CsvWriter(file, List.of("kind", "entity_id", "other_entity_id"))) {
            for (Person p : population.people()) {
                if (p.householdWith() != null) {
                    csv.row(List.of("household", p.entityId(), p.householdWith()));
                }
                if (p.sameNameAs() != null) {
                    csv.row(List.of("same_name", p.entityId(), p.sameNameAs()));
                }
            }
        }
    }

    /** Night 1 has no changes; its file is removed so a folder never mixes nights. */
    private static void writeChanges(Path file, Night night) throws IOException {
        if (night.number() == FIRST_NIGHT) {
            Files.deleteIfExists(file);
            return;
        }
        try (var csv = new CsvWriter(file, Change.HEADER)) {
            for (Change change : night.changes()) {
                csv.row(change.row());
            }
        }
    }

    /** CRM rows, then ERP rows, then web devices, each in id order. */
    private static void writeTruth(Path file, SampleExtracts extracts) throws IOException {
        try (var csv = new CsvWriter(file, List.of("source", "source_id", "entity_id"))) {
            for (CrmContact contact : extracts.crmContacts()) {
                csv.row(List.of(Source.CRM.code, contact.contactId(), contact.entityId()));
            }
            for (ErpCustomer customer : extracts.erpCustomers()) {
                csv.row(List.of(Source.ERP.code, customer.customerNo(), customer.entityId()));
            }
            for (WebDevice device : extracts.webDevices()) {
                csv.row(List.of(Source.WEB.code, device.deviceId(), device.entityId()));
            }
        }
    }
}
