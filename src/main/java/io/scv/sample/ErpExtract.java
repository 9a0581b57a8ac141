package io.scv.sample;

import static io.scv.sample.RandomStreams.chance;
import static io.scv.sample.RandomStreams.oneOf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Renders the ERP customers and their orders for one night. Source habits (independent of dirt rates): one
 * billing_name column, usually "First Last", sometimes "LAST, First" or with a title; phones stored nationally
 * ("07700 900123"), the landline when there is one; email held for ~50% of customers (business customers mostly
 * with their work address); 0–15 orders per customer, in the currency of the billing country. Customer numbers and
 * order ids continue after every one issued before.
 *
 * <p>On night 1 customers were created over the ERP's history; a customer rendered on a later night (see
 * {@link NightlyChanges}) was created that night with the one order that made them a customer, and orders added to
 * existing customers on a later night are dated that night.
 */
final class ErpExtract {
    private static final PhoneFormat CLEAN_PHONE_FORMAT = PhoneFormat.NATIONAL;
    private static final EnumSet<Field> WRITTEN_FIELDS = EnumSet.of(Field.FIRST_NAME, Field.LAST_NAME, Field.EMAIL,
            Field.PHONE, Field.STREET, Field.CITY, Field.POSTCODE, Field.COUNTRY, Field.COMPANY);

    private final int night;
    private final LocalDate extractDate;
    private final SplittableRandom random;
    private final RecordDirt dirt;
    private int customersIssued;
    private int ordersIssued;

    ErpExtract(SampleOptions options, SampleVocabulary vocabulary, int night) {
        this(options, vocabulary, night, IssuedIds.NONE);
    }

    ErpExtract(SampleOptions options, SampleVocabulary vocabulary, int night, IssuedIds issued) {
        this.night = night;
        this.extractDate = SampleDates.extractDate(night);
        this.random = RandomStreams.forPurpose(options.seed(), "erp", night);
        this.dirt = new RecordDirt(options.dirt(), vocabulary, random);
        this.customersIssued = issued.erpCustomers();
        this.ordersIssued = issued.erpOrders();
    }

    /** Customers ordered by customer number, each with the orders it placed. */
    record Rendered(List<ErpCustomer> customers, List<ErpOrder> orders) {
    }

    private record Unnumbered(ErpCustomer customer, String country) {
    }

    Rendered render(Population population) {
        var customers = new ArrayList<Unnumbered>();
        for (Person person : population.people()) {
            if (person.erpCustomers() == 0) {
                continue;
            }
            var first = customer(person, false);
            customers.add(new Unnumbered(first, person.address().country()));
            if (person.erpCustomers() > 1) {
                customers.add(new Unnumbered(duplicateOf(first, person), person.address().country()));
            }
        }
        Collections.shuffle(customers, new Random(random.nextLong()));
        var numbered = new ArrayList<ErpCustomer>(customers.size());
        var orders = new ArrayList<ErpOrder>();
        for (Unnumbered unnumbered : customers) {
            var customer = unnumbered.customer().withCustomerNo("E-" + (100001 + customersIssued++));
            numbered.add(customer);
            addOrders(customer, currency(unnumbered.country()), orders);
        }
        return new Rendered(numbered, orders);
    }

    /** Later nights: one order, sometimes two, placed tonight by each of these existing customers. */
    List<ErpOrder> ordersTonight(List<ErpCustomer> buyers, Map<String, Person> peopleById) {
        var orders = new ArrayList<ErpOrder>();
        for (ErpCustomer buyer : buyers) {
            String country = peopleById.get(buyer.entityId()).address().country();
            placeOrders(buyer, currency(country), chance(random, 0.25) ? 2 : 1, extractDate, orders);
        }
        return orders;
    }

    private ErpCustomer duplicateOf(ErpCustomer first, Person person) {
        return RecordDirt.duplicateDifferentFrom(first, () -> customer(person, true), ErpExtract::identity);
    }

    private static List<String> identity(ErpCustomer customer) {
        return customer.row().subList(1, 9);
    }

    private ErpCustomer customer(Person person, boolean duplicate) {
        var draft = cleanDraft(person);
        var dirtKinds = dirt.soilRecord(draft, person, Source.ERP, duplicate);
        LocalDate createdAt = createdAt(person);
        return new ErpCustomer("", person.entityId(), billingName(person, draft), draft.get(Field.STREET),
                draft.get(Field.CITY), draft.get(Field.POSTCODE), draft.get(Field.COUNTRY), draft.get(Field.PHONE),
                draft.get(Field.EMAIL), draft.get(Field.COMPANY), createdAt.toString(),
                Collections.unmodifiableSet(dirtKinds));
    }

    /** On night 1 somewhere in the ERP's history (before 2022 where the ERP missed a move); later, tonight. */
    private LocalDate createdAt(Person person) {
        if (night > 1) {
            return extractDate;
        }
        return switch (person.staleSource() == null ? "none" : person.staleSource().code) {
            case "erp" -> SampleDates.dayBetween(random, SampleDates.SYSTEMS_START, LocalDate.of(2021, 12, 31));
            case "crm" -> SampleDates.dayBetween(random, LocalDate.of(2022, 1, 1), LocalDate.of(2025, 12, 31));
            default -> SampleDates.dayBetween(random, SampleDates.SYSTEMS_START, LocalDate.of(2025, 12, 31));
        };
    }

    private RecordDraft cleanDraft(Person person) {
        // invoices go to the household: the ERP mostly holds the home landline where there is one
        boolean onLandline = person.landline() != null && chance(random, 0.75);
        PhoneNumber phone = onLandline ? person.landline() : person.mobile();
        Address address = person.addressIn(Source.ERP);
        var draft = new RecordDraft(WRITTEN_FIELDS, phone, CLEAN_PHONE_FORMAT, address);
        draft.set(Field.FIRST_NAME, person.firstName());
        draft.set(Field.LAST_NAME, person.lastNameIn(Source.ERP));
        boolean emailKept = chance(random, person.isBusinessCustomer() ? 0.85 : 0.45);
        draft.set(Field.EMAIL, emailKept ? person.emailIn(Source.ERP) : "");
        draft.set(Field.PHONE, phone.format(CLEAN_PHONE_FORMAT));
        draft.set(Field.STREET, address.streetLine());
        draft.set(Field.CITY, address.city().name());
        draft.set(Field.POSTCODE, address.postcode());
        draft.set(Field.COUNTRY, address.country());
        if (person.isBusinessCustomer()) {
            draft.set(Field.COMPANY, person.company().name());
        }
        return draft;
    }

    /** "John Smith", "John A Smith", "SMITH, John" or "Mr John Smith", built from the (possibly dirty) names. */
    private String billingName(Person person, RecordDraft draft) {
        String first = draft.get(Field.FIRST_NAME);
        String last = draft.get(Field.LAST_NAME);
        if (first.isEmpty()) {
            return chance(random, 0.5) ? title(person) + " " + last : last;
        }
        double roll = random.nextDouble();
        if (roll < 0.15) {
            return last.toUpperCase(Locale.ROOT) + ", " + first;
        }
        if (roll < 0.30) {
            return title(person) + " " + first + " " + last;
        }
        boolean withMiddleInitial = !person.middleInitial().isEmpty() && chance(random, 0.3);
        return first + " " + (withMiddleInitial ? person.middleInitial() + " " : "") + last;
    }

    private String title(Person person) {
        if (chance(random, 0.05)) {
            return "Dr";
        }
        return person.gender() == Gender.MALE ? "Mr" : oneOf(random, "Mrs", "Ms", "Miss");
    }

    /** Night 1: 0–15 orders since the customer was created; a customer created later has placed one. */
    private void addOrders(ErpCustomer customer, String currency, List<ErpOrder> orders) {
        int count = night > 1 ? 1 : (int) (16 * Math.pow(random.nextDouble(), 2));
        placeOrders(customer, currency, count, LocalDate.parse(customer.createdAt()), orders);
    }

    /** {@code count} orders on days from {@code since} to the extract date, in date order. */
    private void placeOrders(ErpCustomer customer, String currency, int count, LocalDate since,
                             List<ErpOrder> orders) {
        var dates = new ArrayList<LocalDate>();
        for (int i = 0; i < count; i++) {
            dates.add(SampleDates.dayBetween(random, since, extractDate));
        }
        Collections.sort(dates);
        for (LocalDate date : dates) {
            double amount = Math.min(5000, Math.max(1, Math.exp(3.8 + 0.8 * random.nextGaussian())));
            orders.add(new ErpOrder(String.format(Locale.ROOT, "O-%07d", ++ordersIssued), customer.customerNo(),
                    date.toString(), String.format(Locale.ROOT, "%.2f", amount), currency));
        }
    }

    /** Orders are in the currency of the country the customer lives in. */
    private static String currency(String country) {
        return switch (country) {
            case "IE" -> "EUR";
            case "SG" -> "SGD";
            case "AU" -> "AUD";
            case "US" -> "USD";
            default -> "GBP";
        };
    }
}
