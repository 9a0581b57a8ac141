package io.scv.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of dirt occurs at roughly its configured rate in a 2,000-customer sample (within half to one and a
 * half times the rate, measured over the records the kind can apply to), and the traps the matcher must survive
 * are really there.
 */
class SampleDirtTest {
    private static final DirtRates RATES = DirtRates.defaults();
    private static SampleExtracts sample;
    private static SampleVocabulary vocabulary;
    private static Map<String, Person> peopleById;

    @BeforeAll
    static void buildSample() {
        sample = new SampleGenerator(SampleOptions.defaults(2000, 42)).build();
        vocabulary = SampleVocabulary.load();
        peopleById = new HashMap<>();
        sample.population().people().forEach(p -> peopleById.put(p.entityId(), p));
    }

    @Test
    void recordLevelDirtOccursAtItsRateInCrmAndErpRecords() {
        var records = Stream.concat(sample.crmContacts().stream().map(CrmContact::dirt),
                sample.erpCustomers().stream().map(ErpCustomer::dirt)).toList();
        for (DirtKind kind : List.of(DirtKind.TYPO, DirtKind.SWAPPED_NAMES, DirtKind.INITIAL_ONLY,
                DirtKind.MISSING_FIELD, DirtKind.CASE_AND_SPACING, DirtKind.PHONE_FORMAT,
                DirtKind.STREET_ABBREVIATION, DirtKind.JUNK_VALUE)) {
            assertNearRate(kind, records, dirt -> true);
        }
        assertNearRate(DirtKind.EMAIL_VARIANT, sample.crmContacts().stream().map(CrmContact::dirt).toList(),
                dirt -> true);
    }

    @Test
    void nicknamesReplaceFirstNamesThatHaveOne() {
        var dirtOfNicknameable = new ArrayList<Set<DirtKind>>();
        int nicknamesSeenInFirstNameColumn = 0;
        for (CrmContact contact : sample.crmContacts()) {
            Person person = peopleById.get(contact.entityId());
            if (vocabulary.hasNickname(person.firstName())) {
                dirtOfNicknameable.add(contact.dirt());
            }
            if (vocabulary.isNicknameOf(contact.firstName(), person.firstName())) {
                nicknamesSeenInFirstNameColumn++;
            }
        }
        assertNearRate(DirtKind.NICKNAME, dirtOfNicknameable, dirt -> true);
        assertTrue(nicknamesSeenInFirstNameColumn > 20, "nicknames in CRM: " + nicknamesSeenInFirstNameColumn);
    }

    @Test
    void populationDirtOccursAtItsRateAmongPeopleItCanApplyTo() {
        var people = sample.population().people();
        var everyone = people.stream().map(Person::populationDirt).toList();
        assertNearRate(DirtKind.HOUSEHOLD, everyone, dirt -> true);
        assertNearRate(DirtKind.SAME_NAME_DIFFERENT_PERSON, everyone, dirt -> !dirt.contains(DirtKind.HOUSEHOLD));
        var inBothSources = people.stream().filter(p -> p.crmContacts() > 0 && p.erpCustomers() > 0)
                .map(Person::populationDirt).toList();
        assertNearRate(DirtKind.MOVED, inBothSources, dirt -> true);
        assertNearRate(DirtKind.SURNAME_CHANGE, inBothSources, dirt -> true);
        var businessCustomers = people.stream().filter(Person::isBusinessCustomer).map(Person::populationDirt)
                .toList();
        assertNearRate(DirtKind.WORK_EMAIL, businessCustomers, dirt -> true);
    }

    @Test
    void duplicatesOccurAtTheirRateInEachSourceAndDifferFromTheFirstRecord() {
        var people = sample.population().people();
        double crmDuplicated = people.stream().filter(p -> p.crmContacts() == 2).count()
                / (double) people.stream().filter(p -> p.crmContacts() > 0).count();
        double erpDuplicated = people.stream().filter(p -> p.erpCustomers() == 2).count()
                / (double) people.stream().filter(p -> p.erpCustomers() > 0).count();
        assertRoughly("CRM duplicates", RATES.duplicateInSource(), crmDuplicated);
        assertRoughly("ERP duplicates", RATES.duplicateInSource(), erpDuplicated);
        var duplicates = sample.crmContacts().stream().filter(c -> c.dirt().contains(DirtKind.DUPLICATE_IN_SOURCE))
                .toList();
        for (CrmContact duplicate : duplicates) {
            var original = sample.crmContacts().stream().filter(c -> c.entityId().equals(duplicate.entityId())
                    && c != duplicate).findFirst().orElseThrow();
            assertNotEquals(original.row().subList(1, 13), duplicate.row().subList(1, 13), duplicate.contactId());
        }
    }

    @Test
    void forwardedEmailLinksCarryAnotherCustomersEspRecordId() {
        var entityOfEspId = new HashMap<String, String>();
        sample.crmContacts().forEach(c -> entityOfEspId.put(c.espRecordId(), c.entityId()));
        var entityOfDevice = new HashMap<String, String>();
        sample.webDevices().forEach(d -> entityOfDevice.put(d.deviceId(), d.entityId()));
        var clicks = sample.clickEvents().stream().filter(e -> e.eventType().equals("email_click")).toList();
        long forwarded = clicks.stream()
                .filter(e -> !entityOfEspId.get(e.espRecordId()).equals(entityOfDevice.get(e.deviceId()))).count();
        assertRoughly("forwarded email clicks", RATES.forwardedLink(), forwarded / (double) clicks.size());
    }

    @Test
    void someCustomerDevicesNeverIdentifyThemselves() {
        var customerDevices = sample.webDevices().stream().filter(d -> d.entityId().startsWith("P"))
                .map(WebDevice::dirt).toList();
        assertNearRate(DirtKind.ANONYMOUS_CUSTOMER_DEVICE, customerDevices, dirt -> true);
        var identifyingDevices = new HashSet<String>();
        sample.clickEvents().stream().filter(e -> !e.eventType().equals("page_view"))
                .forEach(e -> identifyingDevices.add(e.deviceId()));
        for (WebDevice device : sample.webDevices()) {
            boolean anonymous = device.entityId().startsWith("V")
                    || device.dirt().contains(DirtKind.ANONYMOUS_CUSTOMER_DEVICE);
            assertEquals(!anonymous, identifyingDevices.contains(device.deviceId()), device.toString());
        }
        long visitors = sample.webDevices().stream().filter(d -> d.entityId().startsWith("V")).count();
        assertEquals(400, visitors);
    }

    @Test
    void householdMembersShareAddressAndLandlineButAreDifferentPeople() {
        var members = sample.population().people().stream().filter(p -> p.householdWith() != null).toList();
        assertTrue(members.size() > 50, "household members: " + members.size());
        for (Person member : members) {
            Person anchor = peopleById.get(member.householdWith());
            assertEquals(anchor.address(), member.address());
            assertEquals(anchor.landline(), member.landline());
            assertNotEquals(anchor.firstName(), member.firstName());
            assertNotEquals(anchor.dob(), member.dob());
            assertNotEquals(anchor.personalEmail(), member.personalEmail());
        }
        // the trap as the matcher sees it: records of different entities with the same phone digits and postcode
        var entitiesByPhoneAndPostcode = new HashMap<String, Set<String>>();
        sample.crmContacts().forEach(c -> addPhoneAndPostcode(entitiesByPhoneAndPostcode, c.entityId(), c.phone(),
                c.postcode()));
        sample.erpCustomers().forEach(c -> addPhoneAndPostcode(entitiesByPhoneAndPostcode, c.entityId(), c.phone(),
                c.billingPostcode()));
        long sharedByDifferentEntities = entitiesByPhoneAndPostcode.values().stream().filter(e -> e.size() > 1)
                .count();
        assertTrue(sharedByDifferentEntities >= 20, "shared phone and postcode: " + sharedByDifferentEntities);
    }

    private static void addPhoneAndPostcode(Map<String, Set<String>> entitiesByKey, String entityId, String phone,
                                            String postcode) {
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() < 9 || digits.matches("0+") || postcode.isBlank()) {
            return;
        }
        String key = digits.substring(digits.length() - 9) + "|"
                + postcode.replace(" ", "").toUpperCase(Locale.ROOT);
        entitiesByKey.computeIfAbsent(key, k -> new TreeSet<>()).add(entityId);
    }

    @Test
    void namesakesShareOnlyTheirName() {
        var namesakes = sample.population().people().stream().filter(p -> p.sameNameAs() != null).toList();
        for (Person person : namesakes) {
            Person other = peopleById.get(person.sameNameAs());
            assertEquals(other.firstName() + " " + other.lastName(), person.firstName() + " " + person.lastName());
            assertNotEquals(other.personalEmail(), person.personalEmail());
            assertNotEquals(other.mobile(), person.mobile());
        }
    }

    @Test
    void junkValuesAppearInEmailAndPhoneColumns() {
        long junkEmails = Stream.concat(sample.crmContacts().stream().map(CrmContact::email),
                sample.erpCustomers().stream().map(ErpCustomer::email)).filter(RecordDirt.JUNK_EMAILS::contains).count();
        long junkPhones = Stream.concat(sample.crmContacts().stream().map(CrmContact::phone),
                sample.erpCustomers().stream().map(ErpCustomer::phone)).filter(RecordDirt.JUNK_PHONES::contains).count();
        assertTrue(junkEmails >= 5, "junk emails: " + junkEmails);
        assertTrue(junkPhones >= 5, "junk phones: " + junkPhones);
    }

    @Test
    void staleSourcesHoldTheOldSurnameOrAddress() {
        for (Person person : sample.population().people()) {
            if (person.previousLastName() == null) {
                continue;
            }
            var staleRecords = person.staleSource() == Source.CRM
                    ? sample.crmContacts().stream().filter(c -> c.entityId().equals(person.entityId()))
                            .map(CrmContact::dirt)
                    : sample.erpCustomers().stream().filter(c -> c.entityId().equals(person.entityId()))
                            .map(ErpCustomer::dirt);
            assertTrue(staleRecords.allMatch(d -> d.contains(DirtKind.SURNAME_CHANGE)), person.entityId());
        }
    }

    @Test
    void noDirtMeansNoDirtApplied() {
        var clean = new SampleGenerator(new SampleOptions(500, 42, DirtRates.none(), 1)).build();
        assertTrue(clean.crmContacts().stream().allMatch(c -> c.dirt().isEmpty()));
        assertTrue(clean.erpCustomers().stream().allMatch(c -> c.dirt().isEmpty()));
        assertTrue(clean.webDevices().stream().allMatch(d -> d.dirt().isEmpty()));
        assertTrue(clean.population().people().stream().allMatch(p -> p.populationDirt().isEmpty()
                && p.crmContacts() < 2 && p.erpCustomers() < 2));
    }

    private static void assertNearRate(DirtKind kind, List<Set<DirtKind>> records, Predicate<Set<DirtKind>> eligible) {
        var considered = records.stream().filter(eligible).toList();
        double observed = considered.stream().filter(d -> d.contains(kind)).count() / (double) considered.size();
        assertRoughly(kind.name() + " over " + considered.size() + " records", RATES.rateOf(kind), observed);
    }

    private static void assertRoughly(String what, double rate, double observed) {
        assertTrue(observed >= 0.5 * rate && observed <= 1.5 * rate,
                what + ": observed " + observed + ", configured " + rate);
    }
}
