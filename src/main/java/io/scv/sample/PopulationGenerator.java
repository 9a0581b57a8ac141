package io.scv.sample;

import static io.scv.sample.RandomStreams.chance;
import static io.scv.sample.RandomStreams.oneOf;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Creates the seeded population: customers with identities, households, namesakes, moves and marriages, and the
 * footprint of each customer in CRM, ERP and web; plus anonymous visitors (20% of the customer count). Uses its
 * own random stream, so the population is identical whatever extracts are later rendered from it.
 *
 * <p>For a later night, {@link #continuing} gives a generator on that night's own stream that knows the people so
 * far: newcomers may join their households or share their names, and no new mailbox, phone number or device id
 * repeats one in use. It also draws the new addresses, emails and devices of existing people.
 */
final class PopulationGenerator {
    static final double CRM_PRESENCE = 0.90;
    static final double ERP_PRESENCE = 0.60;
    static final double BUSINESS_CUSTOMER_SHARE = 0.30;
    static final double LANDLINE_SHARE = 0.35;
    static final double ANONYMOUS_VISITORS_PER_CUSTOMER = 0.20;
    private static final LocalDate OLDEST_DOB = LocalDate.of(1940, 1, 1);
    private static final LocalDate YOUNGEST_DOB = LocalDate.of(2006, 12, 31);
    private static final String POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"; // letters used in GB inward codes
    private static final String EIRCODE_CHARACTERS = "ACDEFHKNPRTVWXY0123456789";

    private final SampleOptions options;
    private final SampleVocabulary vocabulary;
    private final SplittableRandom random;
    private final UniqueHexIds deviceIds;
    private final Set<String> mailboxesInUse = new HashSet<>(); // membership only
    private final Set<String> phonesInUse = new HashSet<>();    // membership only
    private final List<Person> people = new ArrayList<>();
    private final List<Person> householdAnchors = new ArrayList<>(); // a landline, no second household member yet
    private int visitors;

    PopulationGenerator(SampleOptions options, SampleVocabulary vocabulary) {
        this(options, vocabulary, RandomStreams.forPurpose(options.seed(), "population", 0), IssuedIds.NONE);
    }

    private PopulationGenerator(SampleOptions options, SampleVocabulary vocabulary, SplittableRandom random,
                                IssuedIds issued) {
        this.options = options;
        this.vocabulary = vocabulary;
        this.random = random;
        this.deviceIds = new UniqueHexIds("d-", 12, issued.hexIds());
    }

    /** A generator for what night {@code night} adds to {@code population}; see the class comment. */
    static PopulationGenerator continuing(SampleOptions options, SampleVocabulary vocabulary, Population population,
                                          IssuedIds issued, int night) {
        var generator = new PopulationGenerator(options, vocabulary,
                RandomStreams.forPurpose(options.seed(), "newcomers", night), issued);
        generator.takeOver(population);
        return generator;
    }

    Population generate() {
        for (int i = 1; i <= options.customers(); i++) {
            people.add(nextPerson());
        }
        return new Population(people, anonymousVisitors((int) Math.round(options.customers()
                * ANONYMOUS_VISITORS_PER_CUSTOMER)));
    }

    /** {@code count} new customers, numbered after everyone so far. */
    List<Person> newcomers(int count) {
        var newcomers = new ArrayList<Person>();
        for (int i = 0; i < count; i++) {
            var person = nextPerson();
            people.add(person);
            newcomers.add(person);
        }
        return newcomers;
    }

    /** {@code count} new anonymous visitors, numbered after every visitor so far. */
    List<AnonymousVisitor> anonymousVisitors(int count) {
        var added = new ArrayList<AnonymousVisitor>();
        for (int i = 0; i < count; i++) {
            added.add(new AnonymousVisitor(String.format(Locale.ROOT, "V%06d", ++visitors),
                    new Device(deviceIds.next(random), false)));
        }
        return added;
    }

    /** A browser or app install a customer starts using; a few never identify themselves. */
    Device newDevice() {
        boolean anonymous = chance(random, options.dirt().anonymousCustomerDevice());
        return new Device(deviceIds.next(random), !anonymous);
    }

    /** Where someone moved from or to: half the time in the same city, otherwise in another of the country. */
    Address anotherAddressNear(Address address) {
        return address(chance(random, 0.5) ? address.city() : vocabulary.city(address.country(), random));
    }

    /** A new personal mailbox for the person, as if opened today; never one in use. */
    String newPersonalEmail(Person person) {
        return personalEmail(person.firstName(), person.lastName(), person.dob(), person.address().country());
    }

    private Person nextPerson() {
        var draft = drawIdentity(String.format(Locale.ROOT, "P%06d", people.size() + 1));
        if (!householdAnchors.isEmpty() && chance(random, options.dirt().household())) {
            joinHousehold(draft, householdAnchors.remove(random.nextInt(householdAnchors.size())));
        } else if (!people.isEmpty() && chance(random, options.dirt().sameNameDifferentPerson())) {
            takeNameOf(draft, oneOf(random, people));
        }
        drawFootprint(draft);
        drawLifeEvents(draft);
        drawEmails(draft);
        var person = draft.toPerson();
        if (person.landline() != null && person.householdWith() == null) {
            householdAnchors.add(person);
        }
        return person;
    }

    /** Knows the people, anchors, mailboxes and phones of an existing population, in population order. */
    private void takeOver(Population population) {
        var joined = new HashSet<String>(); // membership only
        population.people().forEach(p -> joined.add(p.householdWith()));
        for (Person person : population.people()) {
            people.add(person);
            if (person.landline() != null && person.householdWith() == null && !joined.contains(person.entityId())) {
                householdAnchors.add(person);
            }
            registerMailbox(person.personalEmail());
            registerMailbox(person.workEmail());
            phonesInUse.add(person.mobile().format(PhoneFormat.E164));
            if (person.landline() != null) {
                phonesInUse.add(person.landline().format(PhoneFormat.E164));
            }
        }
        visitors = population.visitors().size();
    }

    private void registerMailbox(String email) {
        if (email != null) {
            int at = email.indexOf('@');
            mailboxesInUse.add(mailboxKey(email.substring(0, at), email.substring(at + 1)));
        }
    }

    private Draft drawIdentity(String entityId) {
        var d = new Draft();
        d.entityId = entityId;
        d.gender = chance(random, 0.5) ? Gender.FEMALE : Gender.MALE;
        d.firstName = vocabulary.firstName(d.gender, random);
        d.middleInitial = chance(random, 0.3) ? String.valueOf((char) ('A' + random.nextInt(26))) : "";
        d.lastName = vocabulary.surname(random);
        d.dob = OLDEST_DOB.plusDays(random.nextLong(ChronoUnit.DAYS.between(OLDEST_DOB, YOUNGEST_DOB) + 1));
        City city = vocabulary.city(vocabulary.country(random), random);
        d.address = address(city);
        d.mobile = mobile(city);
        d.landline = chance(random, LANDLINE_SHARE) ? landline(city) : null;
        if (chance(random, BUSINESS_CUSTOMER_SHARE)) {
            d.company = vocabulary.company(random);
            d.jobTitle = vocabulary.jobTitle(random);
        }
        d.consent = new Consent(chance(random, 0.7), chance(random, 0.4), chance(random, 0.3), chance(random, 0.5));
        return d;
    }

    /** A second person at the anchor's address and landline: usually a partner or adult child, a new entity. */
    private void joinHousehold(Draft d, Person anchor) {
        d.householdWith = anchor.entityId();
        d.address = anchor.address();
        d.landline = anchor.landline();
        d.mobile = mobile(anchor.address().city());
        if (chance(random, 0.8)) {
            d.lastName = anchor.lastName();
        }
        while (d.firstName.equals(anchor.firstName())) {
            d.firstName = vocabulary.firstName(d.gender, random);
        }
        var dob = anchor.dob().plusDays(random.nextInt(-12 * 365, 12 * 365));
        d.dob = dob.isAfter(YOUNGEST_DOB) || dob.equals(anchor.dob()) ? anchor.dob().minusYears(3) : dob;
    }

    /** An unrelated person who happens to share first and last name; nothing else in common. */
    private void takeNameOf(Draft d, Person namesake) {
        d.sameNameAs = namesake.entityId();
        d.gender = namesake.gender();
        d.firstName = namesake.firstName();
        d.lastName = namesake.lastName();
    }

    private void drawFootprint(Draft d) {
        double duplicate = options.dirt().duplicateInSource();
        d.crmContacts = chance(random, CRM_PRESENCE) ? (chance(random, duplicate) ? 2 : 1) : 0;
        d.erpCustomers = chance(random, ERP_PRESENCE) ? (chance(random, duplicate) ? 2 : 1) : 0;
        double roll = random.nextDouble();
        int deviceCount = roll < 0.25 ? 0 : roll < 0.70 ? 1 : roll < 0.90 ? 2 : 3;
        for (int i = 0; i < deviceCount; i++) {
            d.devices.add(newDevice());
        }
    }

    /**
     * Moves and marriages only count where both CRM and ERP know the person: one of them keeps the old value,
     * the other has the new one.
     */
    private void drawLifeEvents(Draft d) {
        if (d.company != null) {
            d.personalEmailInCrm = chance(random, options.dirt().workEmail());
        }
        if (d.crmContacts == 0 || d.erpCustomers == 0) {
            return;
        }
        if (chance(random, options.dirt().moved())) {
            d.previousAddress = anotherAddressNear(d.address);
        }
        if (chance(random, options.dirt().surnameChange())) {
            do {
                d.previousLastName = vocabulary.surname(random);
            } while (d.previousLastName.equals(d.lastName));
        }
        if (d.previousAddress != null || d.previousLastName != null) {
            d.staleSource = chance(random, 0.5) ? Source.CRM : Source.ERP;
        }
    }

    /** People keep the personal email they made before marrying, so half of those carry the old surname. */
    private void drawEmails(Draft d) {
        String surnameInEmail = d.previousLastName != null && chance(random, 0.5) ? d.previousLastName : d.lastName;
        d.personalEmail = personalEmail(d.firstName, surnameInEmail, d.dob, d.address.country());
        if (d.company != null) {
            d.workEmail = workEmail(d.firstName, d.lastName, d.company.domain());
        }
    }

    private Address address(City city) {
        int houseNumber = 1 + (int) (199 * Math.pow(random.nextDouble(), 2));
        String premise = chance(random, 0.06) ? "Flat " + (1 + random.nextInt(24)) + ", " + houseNumber
                : String.valueOf(houseNumber);
        return new Address(premise, vocabulary.streetName(random), vocabulary.streetType(random), city,
                postcode(city));
    }

    private String postcode(City city) {
        String prefix = oneOf(random, city.postcodePrefixes());
        return switch (city.country()) {
            case "GB" -> prefix + (1 + random.nextInt(postcodeDistricts(prefix))) + " " + (1 + random.nextInt(9))
                    + randomChars(POSTCODE_LETTERS, 2);
            case "IE" -> prefix + " " + randomChars(EIRCODE_CHARACTERS.substring(0, 15), 1)
                    + randomChars(EIRCODE_CHARACTERS, 3);
            case "SG" -> prefix + randomDigits(4);
            case "AU", "US" -> prefix + randomDigits(2);
            default -> throw new IllegalStateException("no postcode rule for country " + city.country());
        };
    }

    /** Roughly how many numbered districts a GB postcode area has; central London areas are small. */
    private static int postcodeDistricts(String area) {
        return switch (area) {
            case "EC" -> 4;
            case "WC" -> 2;
            default -> area.length() == 1 ? 20 : 15;
        };
    }

    private PhoneNumber mobile(City city) {
        PhoneNumber phone;
        do {
            phone = switch (city.country()) {
                case "GB" -> new PhoneNumber("44", "0", "7" + (4 + random.nextInt(6)) + randomDigits(8), List.of(4, 6));
                case "IE" -> new PhoneNumber("353", "0", "8" + oneOf(random, "3", "5", "6", "7", "9") + randomDigits(7),
                        List.of(2, 3, 4));
                case "AU" -> new PhoneNumber("61", "0", "4" + randomDigits(8), List.of(3, 3, 3));
                case "US" -> new PhoneNumber("1", "", (2 + random.nextInt(8)) + randomDigits(2)
                        + (2 + random.nextInt(8)) + randomDigits(6), List.of(3, 3, 4));
                case "SG" -> new PhoneNumber("65", "", oneOf(random, "8", "9") + randomDigits(7), List.of(4, 4));
                default -> throw new IllegalStateException("no mobile rule for country " + city.country());
            };
        } while (!phonesInUse.add(phone.format(PhoneFormat.E164)));
        return phone;
    }

    private PhoneNumber landline(City city) {
        String area = city.phoneArea();
        PhoneNumber phone;
        do {
            String local = (2 + random.nextInt(8)) + randomDigits(localDigits(city) - 1);
            var groups = switch (city.country()) {
                case "GB" -> area.length() == 2 ? List.of(2, 4, 4) : area.length() == 3 ? List.of(3, 3, 4)
                        : List.of(4, 6);
                case "IE" -> List.of(area.length(), 3, 4);
                case "AU" -> List.of(1, 4, 4);
                case "US" -> List.of(3, 3, 4);
                default -> List.of(4, 4);
            };
            String trunk = city.country().equals("US") || city.country().equals("SG") ? "" : "0";
            String countryCode = switch (city.country()) {
                case "GB" -> "44";
                case "IE" -> "353";
                case "AU" -> "61";
                case "US" -> "1";
                default -> "65";
            };
            phone = new PhoneNumber(countryCode, trunk, area + local, groups);
        } while (!phonesInUse.add(phone.format(PhoneFormat.E164)));
        return phone;
    }

    /** Digits after the area code: GB numbers have ten national digits, IE seven local, AU eight, US seven, SG seven. */
    private static int localDigits(City city) {
        return switch (city.country()) {
            case "GB" -> 10 - city.phoneArea().length();
            case "AU" -> 8;
            default -> 7;
        };
    }

    private String personalEmail(String first, String last, LocalDate dob, String country) {
        String f = emailWord(first);
        String l = emailWord(last);
        String yy = String.format(Locale.ROOT, "%02d", dob.getYear() % 100);
        String local = switch (random.nextInt(8)) {
            case 0, 1, 2 -> f + "." + l;
            case 3 -> f + l;
            case 4 -> f.charAt(0) + "." + l;
            case 5 -> f + "_" + l;
            case 6 -> f + l + yy;
            default -> l + f.charAt(0) + (10 + random.nextInt(90));
        };
        return unusedMailbox(local, personalDomain(country));
    }

    private String workEmail(String first, String last, String domain) {
        String f = emailWord(first);
        String l = emailWord(last);
        String local = switch (random.nextInt(3)) {
            case 0 -> f + "." + l;
            case 1 -> f.charAt(0) + l;
            default -> f;
        };
        return unusedMailbox(local, domain);
    }

    /**
     * Appends a number until the mailbox is free. Gmail ignores dots, so the check is on the dotless form; two
     * different people must never share a mailbox the matcher could legitimately normalise together.
     */
    private String unusedMailbox(String local, String domain) {
        String candidate = local;
        for (int n = 2; !mailboxesInUse.add(mailboxKey(candidate, domain)); n++) {
            candidate = local + n;
        }
        return candidate + "@" + domain;
    }

    private static String mailboxKey(String local, String domain) {
        return (domain.equals("gmail.com") ? local.replace(".", "") : local) + "@" + domain;
    }

    private String personalDomain(String country) {
        return switch (country) {
            case "GB" -> oneOf(random, "gmail.com", "gmail.com", "gmail.com", "gmail.com", "hotmail.co.uk",
                    "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com", "icloud.com", "sky.com",
                    "live.co.uk");
            case "IE" -> oneOf(random, "gmail.com", "gmail.com", "eircom.net", "hotmail.com", "yahoo.ie");
            case "AU" -> oneOf(random, "gmail.com", "gmail.com", "bigpond.com", "outlook.com.au");
            case "US" -> oneOf(random, "gmail.com", "gmail.com", "yahoo.com", "aol.com", "outlook.com");
            default -> oneOf(random, "gmail.com", "gmail.com", "singnet.com.sg", "yahoo.com.sg");
        };
    }

    /** Lower case ASCII letters only: "Zoë" → "zoe", "O'Brien" → "obrien", "Da Silva" → "dasilva". */
    private static String emailWord(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD);
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private String randomDigits(int count) {
        var digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private String randomChars(String alphabet, int count) {
        var chars = new StringBuilder();
        for (int i = 0; i < count; i++) {
            chars.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return chars.toString();
    }

    /** A person while being assembled; becomes an immutable {@link Person} once every draw is made. */
    private static final class Draft {
        String entityId;
        Gender gender;
        String firstName;
        String middleInitial;
        String lastName;
        String previousLastName;
        LocalDate dob;
        String personalEmail;
        Company company;
        String jobTitle;
        String workEmail;
        PhoneNumber mobile;
        PhoneNumber landline;
        Address address;
        Address previousAddress;
        Consent consent;
        int crmContacts;
        int erpCustomers;
        final List<Device> devices = new ArrayList<>();
        Source staleSource;
        boolean personalEmailInCrm;
        String householdWith;
        String sameNameAs;

        Person toPerson() {
            return new Person(entityId, gender, firstName, middleInitial, lastName, previousLastName, dob,
                    personalEmail, company, jobTitle, workEmail, mobile, landline, address, previousAddress, consent,
                    crmContacts, erpCustomers, devices, staleSource, personalEmailInCrm, householdWith, sameNameAs);
        }
    }
}
