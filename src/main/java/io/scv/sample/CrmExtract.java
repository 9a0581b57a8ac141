package io.scv.sample;

import static io.scv.sample.RandomStreams.chance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Renders the CRM contacts of a population for one night. Source habits (independent of dirt rates): dates of
 * birth are blank for ~30% and written DD/MM/YYYY for ~10%; each consent flag is blank ~8% of the time; phones are
 * stored internationally ("+44 7700 900123"). Contact ids are assigned after a shuffle so they carry no
 * information about the entity, and continue after every contact id issued before.
 *
 * <p>On night 1 a contact's updated_at lies somewhere in the CRM's history; a contact rendered or edited on a later
 * night (see {@link NightlyChanges}) was created or edited that night.
 */
final class CrmExtract {
    static final double DOB_BLANK = 0.30;
    static final double DOB_UK_FORMAT = 0.10;
    private static final PhoneFormat CLEAN_PHONE_FORMAT = PhoneFormat.INTERNATIONAL;

    private final int night;
    private final SplittableRandom random;
    private final RecordDirt dirt;
    private final UniqueHexIds espRecordIds;
    private int contactsIssued;

    CrmExtract(SampleOptions options, SampleVocabulary vocabulary, int night) {
        this(options, vocabulary, night, IssuedIds.NONE);
    }

    CrmExtract(SampleOptions options, SampleVocabulary vocabulary, int night, IssuedIds issued) {
        this.night = night;
        this.random = RandomStreams.forPurpose(options.seed(), "crm", night);
        this.dirt = new RecordDirt(options.dirt(), vocabulary, random);
        this.espRecordIds = new UniqueHexIds("esp-", 8, issued.hexIds());
        this.contactsIssued = issued.crmContacts();
    }

    /** Contacts ordered by contact id. */
    List<CrmContact> render(Population population) {
        return render(population, List.of());
    }

    /**
     * The contacts of {@code population} and the {@code madeElsewhere} (see {@link #contactWith}), shuffled
     * together and numbered, ordered by contact id.
     */
    List<CrmContact> render(Population population, List<CrmContact> madeElsewhere) {
        var contacts = new ArrayList<CrmContact>();
        for (Person person : population.people()) {
            if (person.crmContacts() == 0) {
                continue;
            }
            var first = contact(person, false);
            contacts.add(first);
            if (person.crmContacts() > 1) {
                contacts.add(duplicateOf(first, person));
            }
        }
        contacts.addAll(madeElsewhere);
        Collections.shuffle(contacts, new Random(random.nextLong()));
        var numbered = new ArrayList<CrmContact>(contacts.size());
        for (CrmContact contact : contacts) {
            numbered.add(contact.withContactId(String.format(Locale.ROOT, "C%06d", ++contactsIssued)));
        }
        return numbered;
    }

    /**
     * A new contact for {@code person} created tonight with contact columns copied as written from other records
     * (a merge bridge): the person's name, dob, gender and employer, no dirt added. Unnumbered until passed to
     * {@link #render(Population, List)}.
     */
    CrmContact contactWith(Person person, ContactDetails details) {
        boolean business = person.isBusinessCustomer();
        return new CrmContact("", person.entityId(), person.firstName(), person.lastName(), person.dob().toString(),
                person.gender().code, details.email(), details.phone(), details.street(), details.city(),
                details.postcode(), details.country(), business ? person.company().name() : "",
                business ? person.jobTitle() : "", espRecordIds.next(random), consentFlag(person.consent().email()),
                consentFlag(person.consent().sms()), consentFlag(person.consent().phone()),
                consentFlag(person.consent().profiling()), editedTonight(), Set.of());
    }

    /**
     * The contact after its owner changed some contact columns tonight: the new values written as given, the rest
     * unchanged, updated_at tonight.
     */
    CrmContact edited(CrmContact contact, ContactDetails details) {
        return contact.withContactDetails(details, editedTonight());
    }

    private CrmContact duplicateOf(CrmContact first, Person person) {
        return RecordDirt.duplicateDifferentFrom(first, () -> contact(person, true), CrmExtract::identity);
    }

    private static List<String> identity(CrmContact contact) {
        return contact.row().subList(1, 13);
    }

    private CrmContact contact(Person person, boolean duplicate) {
        var draft = cleanDraft(person);
        var dirtKinds = dirt.soilRecord(draft, person, Source.CRM, duplicate);
        var consent = duplicate && chance(random, 0.3) ? conflictingConsent() : person.consent();
        String updatedAt = updatedAt(person);
        return new CrmContact("", person.entityId(), draft.get(Field.FIRST_NAME), draft.get(Field.LAST_NAME),
                draft.get(Field.DOB), draft.get(Field.GENDER), draft.get(Field.EMAIL), draft.get(Field.PHONE),
                draft.get(Field.STREET), draft.get(Field.CITY), draft.get(Field.POSTCODE), draft.get(Field.COUNTRY),
                draft.get(Field.COMPANY), draft.get(Field.JOB_TITLE), espRecordIds.next(random),
                consentFlag(consent.email()), consentFlag(consent.sms()), consentFlag(consent.phone()),
                consentFlag(consent.profiling()), updatedAt, Collections.unmodifiableSet(dirtKinds));
    }

    /** On night 1 somewhere in the CRM's history (before 2022 where the CRM missed a move); later, tonight. */
    private String updatedAt(Person person) {
        if (night > 1) {
            return editedTonight();
        }
        boolean stale = person.staleSource() == Source.CRM;
        return SampleDates.minuteBetween(random, stale ? SampleDates.SYSTEMS_START : LocalDate.of(2022, 1, 1),
                stale ? LocalDate.of(2021, 12, 31) : SampleDates.EXTRACT_DATE);
    }

    private String editedTonight() {
        LocalDate tonight = SampleDates.extractDate(night);
        return SampleDates.minuteBetween(random, tonight, tonight);
    }

    private RecordDraft cleanDraft(Person person) {
        boolean onLandline = person.landline() != null
                && chance(random, person.householdWith() != null ? 0.5 : 0.25);
        PhoneNumber phone = onLandline ? person.landline() : person.mobile();
        Address address = person.addressIn(Source.CRM);
        var draft = new RecordDraft(EnumSet.allOf(Field.class), phone, CLEAN_PHONE_FORMAT, address);
        boolean withMiddleInitial = !person.middleInitial().isEmpty() && chance(random, 0.1);
        draft.set(Field.FIRST_NAME, person.firstName() + (withMiddleInitial ? " " + person.middleInitial() : ""));
        draft.set(Field.LAST_NAME, person.lastNameIn(Source.CRM));
        draft.set(Field.DOB, dob(person.dob()));
        draft.set(Field.GENDER, person.gender().code);
        draft.set(Field.EMAIL, person.emailIn(Source.CRM));
        draft.set(Field.PHONE, phone.format(CLEAN_PHONE_FORMAT));
        draft.set(Field.STREET, address.streetLine());
        draft.set(Field.CITY, address.city().name());
        draft.set(Field.POSTCODE, address.postcode());
        draft.set(Field.COUNTRY, address.country());
        if (person.isBusinessCustomer()) {
            draft.set(Field.COMPANY, person.company().name());
            draft.set(Field.JOB_TITLE, person.jobTitle());
        }
        return draft;
    }

    private String dob(LocalDate dob) {
        double roll = random.nextDouble();
        if (roll < DOB_BLANK) {
            return "";
        }
        return roll < DOB_BLANK + DOB_UK_FORMAT ? SampleDates.UK_DATE.format(dob) : dob.toString();
    }

    /** A duplicate contact created through another channel often disagrees on consent. */
    private Consent conflictingConsent() {
        return new Consent(random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean());
    }

    private String consentFlag(boolean given) {
        if (chance(random, 0.08)) {
            return "";
        }
        return given ? "Y" : "N";
    }
}
