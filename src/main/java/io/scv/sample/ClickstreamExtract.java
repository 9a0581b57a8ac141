package io.scv.sample;

import static io.scv.sample.RandomStreams.chance;
import static io.scv.sample.RandomStreams.oneOf;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Renders web devices and their click events for one night. A device has 1–3 sessions (anonymous visitors 1–2) of
 * 1–3 page views, sometimes opened by an email click (carrying the person's CRM esp_record_id) and sometimes with
 * a login (carrying the account email) or a checkout (email, and a phone half the time). An identifiable customer
 * device that drew no identifying event gets a login, so it can be linked. Events are written in time order, so
 * one device's events are interleaved with others'. About 5.5 events per device on average.
 *
 * <p>On night 1 devices have visited since February 2025. On a later night (see {@link NightlyChanges}) a device
 * visits once, in one session starting by 22:00 that day: a new device as above, a returning one
 * ({@link #renderReturning}) without the forced login. Session ids never repeat one issued before.
 */
final class ClickstreamExtract {
    private static final LocalDate FIRST_VISIT = LocalDate.of(2025, 2, 1);
    private static final LocalDate LAST_FIRST_VISIT = LocalDate.of(2026, 1, 15);
    private static final List<String> PRODUCTS = List.of("wool-scarf", "leather-wallet", "running-shoes",
            "coffee-grinder", "desk-lamp", "yoga-mat", "rain-jacket", "stainless-kettle", "canvas-backpack",
            "wireless-headphones", "water-bottle", "a5-notebook", "garden-gloves", "bike-light", "tea-set");
    private static final List<String> BROWSING_PAGES = List.of("/", "/category/home", "/category/garden",
            "/category/mens", "/category/womens", "/sale", "/basket", "/delivery", "/search?q=gift+ideas");

    private static final int LATER_NIGHT_LAST_START_SECOND = 22 * 3600;

    private final DirtRates rates;
    private final boolean firstNight;
    private final LocalDate extractDate;
    private final SplittableRandom random;
    private final RecordDirt dirt;
    private final UniqueHexIds sessionIds;

    ClickstreamExtract(SampleOptions options, SampleVocabulary vocabulary, int night) {
        this(options, vocabulary, night, IssuedIds.NONE);
    }

    ClickstreamExtract(SampleOptions options, SampleVocabulary vocabulary, int night, IssuedIds issued) {
        this.rates = options.dirt();
        this.firstNight = night == 1;
        this.extractDate = SampleDates.extractDate(night);
        this.random = RandomStreams.forPurpose(options.seed(), "web", night);
        this.dirt = new RecordDirt(options.dirt(), vocabulary, random);
        this.sessionIds = new UniqueHexIds("s-", 12, issued.hexIds());
    }

    /** Devices ordered by device id; events in time order. */
    record Rendered(List<WebDevice> devices, List<ClickEvent> events) {
    }

    /** The devices of {@code population}, seen for the first time. */
    Rendered render(Population population, List<CrmContact> contacts) {
        return render(population, contacts, true);
    }

    /**
     * Another visit of devices seen on an earlier night, those of {@code population}: no login is forced, as the
     * device was linked before (or never will be).
     */
    Rendered renderReturning(Population population, List<CrmContact> contacts) {
        return render(population, contacts, false);
    }

    private Rendered render(Population population, List<CrmContact> contacts, boolean firstSeen) {
        var espIdsByEntity = new TreeMap<String, List<String>>();
        for (CrmContact contact : contacts) {
            espIdsByEntity.computeIfAbsent(contact.entityId(), e -> new ArrayList<>()).add(contact.espRecordId());
        }
        var devices = new ArrayList<WebDevice>();
        var events = new ArrayList<ClickEvent>();
        for (Person person : population.people()) {
            for (Device device : person.devices()) {
                devices.add(customerDevice(person, device, espIdsByEntity, contacts, firstSeen, events));
            }
        }
        for (AnonymousVisitor visitor : population.visitors()) {
            browse(visitor.device().deviceId(), sessionCount(2), events);
            devices.add(new WebDevice(visitor.device().deviceId(), visitor.entityId(), Collections.emptySet()));
        }
        devices.sort(Comparator.comparing(WebDevice::deviceId));
        // stable sort: events of the same second keep their generation order
        events.sort(Comparator.comparing(ClickEvent::ts));
        return new Rendered(devices, events);
    }

    private WebDevice customerDevice(Person person, Device device, Map<String, List<String>> espIdsByEntity,
                                     List<CrmContact> contacts, boolean firstSeen, List<ClickEvent> events) {
        var dirtKinds = EnumSet.noneOf(DirtKind.class);
        if (!device.identifiable()) {
            dirtKinds.add(DirtKind.ANONYMOUS_CUSTOMER_DEVICE);
            browse(device.deviceId(), sessionCount(3), events);
            return new WebDevice(device.deviceId(), person.entityId(), Collections.unmodifiableSet(dirtKinds));
        }
        // People sign in with the address they registered with, which is what the CRM holds (the web shop feeds
        // it); someone not in CRM uses the address on their ERP account, and now and then any address they own.
        String accountEmail = person.crmContacts() > 0 ? person.emailIn(Source.CRM) : person.emailIn(Source.ERP);
        if (person.isBusinessCustomer() && chance(random, 0.1)) {
            accountEmail = chance(random, 0.5) ? person.workEmail() : person.personalEmail();
        }
        List<String> ownEspIds = espIdsByEntity.getOrDefault(person.entityId(), List.of());
        Instant time = firstVisit();
        int sessions = sessionCount(3);
        boolean identified = false;
        String lastSession = null;
        for (int s = 0; s < sessions; s++) {
            String session = sessionIds.next(random);
            lastSession = session;
            if (!ownEspIds.isEmpty() && chance(random, 0.25)) {
                String espId = oneOf(random, ownEspIds);
                boolean othersHaveContacts = contacts.size() > ownEspIds.size();
                if (othersHaveContacts && chance(random, rates.forwardedLink())) {
                    espId = forwardedEspId(person, contacts);
                    dirtKinds.add(DirtKind.FORWARDED_LINK);
                }
                events.add(new ClickEvent(device.deviceId(), time, session, "/products/" + oneOf(random, PRODUCTS)
                        + "?utm_medium=email", "email_click", null, null, espId));
                identified = true;
                time = later(time);
            }
            time = pageViews(device.deviceId(), session, time, events);
            if (chance(random, 0.3)) {
                events.add(login(device.deviceId(), session, time, accountEmail));
                identified = true;
                time = later(time);
            }
            if (chance(random, 0.15)) {
                events.add(checkout(device.deviceId(), session, time, accountEmail, person.mobile(), dirtKinds));
                identified = true;
                time = later(time);
            }
            time = nextSession(time);
        }
        if (!identified && firstSeen) {
            events.add(login(device.deviceId(), lastSession, time, accountEmail));
        }
        return new WebDevice(device.deviceId(), person.entityId(), Collections.unmodifiableSet(dirtKinds));
    }

    /** Page views only: what anonymous visitors and unidentifiable customer devices leave behind. */
    private void browse(String deviceId, int sessions, List<ClickEvent> events) {
        Instant time = firstVisit();
        for (int s = 0; s < sessions; s++) {
            time = nextSession(pageViews(deviceId, sessionIds.next(random), time, events));
        }
    }

    private Instant pageViews(String deviceId, String session, Instant start, List<ClickEvent> events) {
        Instant time = start;
        int views = 1 + random.nextInt(3);
        for (int v = 0; v < views; v++) {
            String page = chance(random, 0.5) ? "/products/" + oneOf(random, PRODUCTS) : oneOf(random, BROWSING_PAGES);
            events.add(new ClickEvent(deviceId, time, session, page, "page_view", null, null, null));
            time = later(time);
        }
        return time;
    }

    private ClickEvent login(String deviceId, String session, Instant time, String accountEmail) {
        String email = chance(random, rates.emailVariant()) ? dirt.emailVariantOf(accountEmail) : accountEmail;
        return new ClickEvent(deviceId, time, session, "/account/login", "login", email, null, null);
    }

    /** Checkout forms are typed by hand: any phone format, and sometimes junk to get past validation. */
    private ClickEvent checkout(String deviceId, String session, Instant time, String accountEmail, PhoneNumber mobile,
                                EnumSet<DirtKind> dirtKinds) {
        String email = accountEmail;
        String phone = null;
        if (chance(random, 0.5)) {
            phone = mobile.format(chance(random, rates.phoneFormat())
                    ? oneOf(random, PhoneFormat.values()) : PhoneFormat.NATIONAL_COMPACT);
        }
        if (chance(random, rates.junkValue())) {
            dirtKinds.add(DirtKind.JUNK_VALUE);
            if (phone != null && chance(random, 0.5)) {
                phone = oneOf(random, RecordDirt.JUNK_PHONES);
            } else {
                email = oneOf(random, RecordDirt.JUNK_EMAILS);
            }
        }
        return new ClickEvent(deviceId, time, session, "/checkout/complete", "checkout", email, phone, null);
    }

    /** Someone forwarded a marketing email: the click carries another customer's esp_record_id. */
    private String forwardedEspId(Person clicker, List<CrmContact> contacts) {
        CrmContact other;
        do {
            other = oneOf(random, contacts);
        } while (other.entityId().equals(clicker.entityId()));
        return other.espRecordId();
    }

    /** Night 1: a device's history of 1 to {@code most} sessions; a later night: that night's one visit. */
    private int sessionCount(int most) {
        return firstNight ? 1 + random.nextInt(most) : 1;
    }

    private Instant firstVisit() {
        if (!firstNight) {
            return extractDate.atStartOfDay(ZoneOffset.UTC).toInstant()
                    .plusSeconds(random.nextInt(LATER_NIGHT_LAST_START_SECOND));
        }
        return SampleDates.dayBetween(random, FIRST_VISIT, LAST_FIRST_VISIT).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plusSeconds(random.nextInt(24 * 3600));
    }

    private Instant later(Instant time) {
        return time.plusSeconds(5 + random.nextInt(300));
    }

    private Instant nextSession(Instant time) {
        return time.plus(1 + random.nextInt(10 * 24), ChronoUnit.HOURS).plusSeconds(random.nextInt(3600));
    }
}
