package io.scv.sample;

import static io.scv.sample.RandomStreams.chance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Derives one night's full snapshot of every extract from the night before: the previous night's records plus a
 * seeded set of changes, each listed as a {@link Change}. A record no change touches is kept as the same object,
 * so it is written as exactly the same row (CSV) or lines (a device's click events) again, and "unchanged" can be
 * measured by comparing rows.
 *
 * <p><b>Changes per night</b>, drawn per record (new people: a share of the population) from random streams of the
 * night's own, so night 1's draws never move:
 * <ul>
 *   <li>new customers: 3% of the people so far (new entity ids), with their own CRM, ERP and web records rendered
 *       by the extracts as on night 1 but created that night (an ERP customer with the one order that made them a
 *       customer, devices with one visit); new anonymous visitors: 3% of the visitors so far; and a new device for
 *       1% of the existing customers;</li>
 *   <li>updated CRM contacts: 5% get a new address (the customer moved; their other records keep the old one),
 *       2% a new personal email, both written clean; updated_at moves to the night;</li>
 *   <li>new ERP orders: 4% of the ERP customers order once or twice that night;</li>
 *   <li>new click sessions: 5% of the web devices come back for one session that night;</li>
 *   <li>deletions: 1% of the CRM contacts, 1% of the web devices (with all their events) and 1% of the ERP
 *       customers that have no orders;</li>
 *   <li>the {@link IdentityScenarios}: merge bridges on night 2, mistaken emails on night 2 corrected on night 3.
 *       The records of the people involved get no other change.</li>
 * </ul>
 * New ids continue after every id issued on an earlier night ({@link IssuedIds}), so no deleted id comes back.
 * Cost is linear in the previous night's records: one pass per extract, with lookups by hash.
 */
final class NightlyChanges {
    static final double NEW_CUSTOMERS = 0.03;
    static final double NEW_VISITORS = 0.03;
    static final double NEW_DEVICE = 0.01;
    static final double NEW_ADDRESS = 0.05;
    static final double NEW_EMAIL = 0.02;
    static final double NEW_ORDERS = 0.04;
    static final double NEW_SESSION = 0.05;
    static final double DELETED_CONTACT = 0.01;
    static final double DELETED_DEVICE = 0.01;
    static final double DELETED_ERP_CUSTOMER = 0.01;

    private final SampleOptions options;
    private final SampleVocabulary vocabulary;
    private final int night;
    private final IdentityScenarios scenarios;
    private final SplittableRandom random;
    private final List<Change> changes = new ArrayList<>();
    private boolean applied;

    /** Changes for night {@code night} (2 or later); {@link #apply} is called once. */
    NightlyChanges(SampleOptions options, SampleVocabulary vocabulary, int night, IdentityScenarios scenarios) {
        if (night < 2) {
            throw new IllegalArgumentException("changes start on night 2, was: " + night);
        }
        this.options = options;
        this.vocabulary = vocabulary;
        this.night = night;
        this.scenarios = scenarios;
        this.random = RandomStreams.forPurpose(options.seed(), "changes", night);
    }

    Night apply(Night previous) {
        if (applied) {
            throw new IllegalStateException("changes of night " + night + " were applied already");
        }
        applied = true;
        if (previous.number() != night - 1) {
            throw new IllegalArgumentException("night " + night + " follows night " + (night - 1) + ", was given: "
                    + previous.number());
        }
        var before = previous.extracts();
        var issued = previous.issued();
        var people = PopulationGenerator.continuing(options, vocabulary, before.population(), issued, night);
        var peopleById = new HashMap<String, Person>();
        before.population().people().forEach(p -> peopleById.put(p.entityId(), p));

        var crm = new CrmExtract(options, vocabulary, night, issued);
        var keptContacts = editContacts(before.crmContacts(), crm, people, peopleById);
        var newDevices = newDevicesOfExistingPeople(before.population().people(), people);
        var newcomers = new Population(people.newcomers(share(NEW_CUSTOMERS, before.population().people().size())),
                people.anonymousVisitors(share(NEW_VISITORS, before.population().visitors().size())));
        var newContacts = newContacts(crm, newcomers);
        var contacts = concat(keptContacts, newContacts);
        var erp = erpTonight(before, newcomers, new ErpExtract(options, vocabulary, night, issued), peopleById);
        var web = webTonight(before, newcomers, newDevices, contacts,
                new ClickstreamExtract(options, vocabulary, night, issued));

        var population = populationTonight(before.population(), newcomers, newDevices);
        var extracts = new SampleExtracts(population, contacts, erp.customers(), erp.orders(), web.devices(),
                web.events());
        var added = new SampleExtracts(newcomers, newContacts, erp.newCustomers(), erp.newOrders(),
                web.newDevices(), web.newEvents());
        changes.sort(Comparator.comparing(Change::kind).thenComparing(Change::source)
                .thenComparing(Change::sourceId));
        return new Night(night, extracts, changes, issued.plus(added));
    }

    /** The previous night's contacts less the deleted, with the planted and the drawn edits. */
    private List<CrmContact> editContacts(List<CrmContact> before, CrmExtract crm, PopulationGenerator people,
                                          Map<String, Person> peopleById) {
        var kept = new ArrayList<CrmContact>(before.size());
        for (CrmContact contact : before) {
            var mixUp = scenarios.mixUpOf(contact.contactId());
            if (mixUp != null) {
                kept.add(mixedUpOrCorrected(contact, mixUp, crm));
            } else if (scenarios.involves(contact.entityId())) {
                kept.add(contact);
            } else if (chance(random, DELETED_CONTACT)) {
                record(ChangeKind.DELETED, Source.CRM, contact.contactId(), contact.entityId());
            } else {
                kept.add(maybeUpdated(contact, crm, people, peopleById.get(contact.entityId())));
            }
        }
        return kept;
    }

    private CrmContact mixedUpOrCorrected(CrmContact contact, EmailMixUp mixUp, CrmExtract crm) {
        return switch (night) {
            case IdentityScenarios.MISTAKE_NIGHT -> {
                changes.add(new Change(night, ChangeKind.MISTAKEN_EMAIL, Source.CRM, contact.contactId(),
                        mixUp.entityId(), mixUp.partnerEntityId()));
                yield crm.edited(contact, contact.contactDetails().withEmail(mixUp.partnerEmail()));
            }
            case IdentityScenarios.CORRECTION_NIGHT -> {
                changes.add(new Change(night, ChangeKind.CORRECTED_EMAIL, Source.CRM, contact.contactId(),
                        mixUp.entityId(), mixUp.partnerEntityId()));
                yield crm.edited(contact, contact.contactDetails().withEmail(mixUp.ownEmail()));
            }
            default -> contact;
        };
    }

    private CrmContact maybeUpdated(CrmContact contact, CrmExtract crm, PopulationGenerator people, Person person) {
        boolean moved = chance(random, NEW_ADDRESS);
        boolean newEmail = chance(random, NEW_EMAIL);
        if (!moved && !newEmail) {
            return contact;
        }
        var details = contact.contactDetails();
        if (moved) {
            details = details.withAddress(people.anotherAddressNear(person.address()));
        }
        if (newEmail) {
            details = details.withEmail(people.newPersonalEmail(person));
        }
        record(ChangeKind.UPDATED, Source.CRM, contact.contactId(), contact.entityId());
        return crm.edited(contact, details);
    }

    /** Newcomers' contacts and, on the bridge night, the merge bridges, numbered together. */
    private List<CrmContact> newContacts(CrmExtract crm, Population newcomers) {
        var bridges = new ArrayList<CrmContact>();
        if (night == IdentityScenarios.BRIDGE_NIGHT) {
            scenarios.bridges().forEach(bridge -> bridges.add(crm.contactWith(bridge.person(), bridge.details())));
        }
        var bridgeEspIds = new HashSet<String>(); // membership only
        bridges.forEach(contact -> bridgeEspIds.add(contact.espRecordId()));
        var contacts = crm.render(newcomers, bridges);
        for (CrmContact contact : contacts) {
            var kind = bridgeEspIds.contains(contact.espRecordId()) ? ChangeKind.MERGE_BRIDGE : ChangeKind.NEW_RECORD;
            record(kind, Source.CRM, contact.contactId(), contact.entityId());
        }
        return contacts;
    }

    /** The ERP tonight, and what is new in it. */
    private record ErpTonight(List<ErpCustomer> customers, List<ErpOrder> orders, List<ErpCustomer> newCustomers,
                              List<ErpOrder> newOrders) {
    }

    private ErpTonight erpTonight(SampleExtracts before, Population newcomers, ErpExtract erp,
                                 Map<String, Person> peopleById) {
        var withOrders = new HashSet<String>(); // membership only
        before.erpOrders().forEach(order -> withOrders.add(order.customerNo()));
        var kept = new ArrayList<ErpCustomer>(before.erpCustomers().size());
        var buyers = new ArrayList<ErpCustomer>();
        for (ErpCustomer customer : before.erpCustomers()) {
            if (scenarios.involves(customer.entityId())) {
                kept.add(customer);
            } else if (!withOrders.contains(customer.customerNo()) && chance(random, DELETED_ERP_CUSTOMER)) {
                record(ChangeKind.DELETED, Source.ERP, customer.customerNo(), customer.entityId());
            } else {
                kept.add(customer);
                if (chance(random, NEW_ORDERS)) {
                    buyers.add(customer);
                    record(ChangeKind.NEW_ORDERS, Source.ERP, customer.customerNo(), customer.entityId());
                }
            }
        }
        var rendered = erp.render(newcomers);
        rendered.customers().forEach(c -> record(ChangeKind.NEW_RECORD, Source.ERP, c.customerNo(), c.entityId()));
        var newOrders = concat(rendered.orders(), erp.ordersTonight(buyers, peopleById));
        return new ErpTonight(concat(kept, rendered.customers()), concat(before.erpOrders(), newOrders),
                rendered.customers(), newOrders);
    }

    /** The clickstream tonight, and what is new in it (new devices; events of new and returning devices). */
    private record WebTonight(List<WebDevice> devices, List<ClickEvent> events, List<WebDevice> newDevices,
                              List<ClickEvent> newEvents) {
    }

    private WebTonight webTonight(SampleExtracts before, Population newcomers, Map<String, Device> newDevices,
                                  List<CrmContact> contacts, ClickstreamExtract web) {
        var kept = new ArrayList<WebDevice>(before.webDevices().size());
        var deleted = new HashSet<String>();   // membership only
        var returning = new HashSet<String>(); // membership only
        for (WebDevice device : before.webDevices()) {
            if (scenarios.involves(device.entityId())) {
                kept.add(device);
            } else if (chance(random, DELETED_DEVICE)) {
                deleted.add(device.deviceId());
                record(ChangeKind.DELETED, Source.WEB, device.deviceId(), device.entityId());
            } else {
                kept.add(device);
                if (chance(random, NEW_SESSION)) {
                    returning.add(device.deviceId());
                    record(ChangeKind.NEW_SESSIONS, Source.WEB, device.deviceId(), device.entityId());
                }
            }
        }
        var firstSeen = web.render(firstSeenTonight(before.population(), newcomers, newDevices), contacts);
        firstSeen.devices().forEach(d -> record(ChangeKind.NEW_RECORD, Source.WEB, d.deviceId(), d.entityId()));
        var seenAgain = web.renderReturning(restrictedTo(before.population(), returning), contacts);

        var devices = withDirtOf(kept, seenAgain.devices());
        devices.addAll(firstSeen.devices());
        devices.sort(Comparator.comparing(WebDevice::deviceId));
        var newEvents = concat(firstSeen.events(), seenAgain.events());
        var events = new ArrayList<ClickEvent>(before.clickEvents().size() + newEvents.size());
        before.clickEvents().stream().filter(e -> !deleted.contains(e.deviceId())).forEach(events::add);
        events.addAll(newEvents);
        events.sort(Comparator.comparing(ClickEvent::ts)); // stable: earlier nights' events keep their order
        return new WebTonight(devices, events, firstSeen.devices(), newEvents);
    }

    /** Existing customers who start using another device tonight, by entity id. */
    private Map<String, Device> newDevicesOfExistingPeople(List<Person> existing, PopulationGenerator people) {
        var devices = new HashMap<String, Device>();
        for (Person person : existing) {
            if (!scenarios.involves(person.entityId()) && chance(random, NEW_DEVICE)) {
                devices.put(person.entityId(), people.newDevice());
            }
        }
        return devices;
    }

    /** Every device seen for the first time tonight: existing customers' new ones, then the newcomers'. */
    private static Population firstSeenTonight(Population before, Population newcomers, Map<String, Device> newDevices) {
        var people = new ArrayList<Person>();
        for (Person person : before.people()) {
            var device = newDevices.get(person.entityId());
            if (device != null) {
                people.add(person.withDevices(List.of(device)));
            }
        }
        people.addAll(newcomers.people());
        return new Population(people, newcomers.visitors());
    }

    /** The people and visitors of {@code population} with only the devices in {@code deviceIds}. */
    private static Population restrictedTo(Population population, Set<String> deviceIds) {
        var people = new ArrayList<Person>();
        for (Person person : population.people()) {
            var devices = person.devices().stream().filter(d -> deviceIds.contains(d.deviceId())).toList();
            if (!devices.isEmpty()) {
                people.add(person.withDevices(devices));
            }
        }
        var visitors = population.visitors().stream()
                .filter(v -> deviceIds.contains(v.device().deviceId())).toList();
        return new Population(people, visitors);
    }

    /** The kept devices, those seen again carrying the dirt of tonight's events too (truth only, not written). */
    private static List<WebDevice> withDirtOf(List<WebDevice> kept, List<WebDevice> seenAgain) {
        var tonight = new HashMap<String, WebDevice>();
        seenAgain.forEach(d -> tonight.put(d.deviceId(), d));
        var devices = new ArrayList<WebDevice>(kept.size());
        for (WebDevice device : kept) {
            var again = tonight.get(device.deviceId());
            if (again == null) {
                devices.add(device);
            } else {
                var dirt = EnumSet.noneOf(DirtKind.class);
                dirt.addAll(device.dirt());
                dirt.addAll(again.dirt());
                devices.add(new WebDevice(device.deviceId(), device.entityId(), Collections.unmodifiableSet(dirt)));
            }
        }
        return devices;
    }

    private static Population populationTonight(Population before, Population newcomers,
                                                Map<String, Device> newDevices) {
        var people = new ArrayList<Person>(before.people().size() + newcomers.people().size());
        for (Person person : before.people()) {
            var device = newDevices.get(person.entityId());
            people.add(device == null ? person : person.withDevices(concat(person.devices(), List.of(device))));
        }
        people.addAll(newcomers.people());
        return new Population(people, concat(before.visitors(), newcomers.visitors()));
    }

    private void record(ChangeKind kind, Source source, String sourceId, String entityId) {
        changes.add(new Change(night, kind, source, sourceId, entityId));
    }

    private static int share(double rate, int of) {
        return (int) Math.round(rate * of);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        var all = new ArrayList<T>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }
}
