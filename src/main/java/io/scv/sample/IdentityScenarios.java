package io.scv.sample;

import static io.scv.sample.RandomStreams.oneOf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The two identity scenarios planted in the later nights, a handful each (one per 400 customers, at least one when
 * the population has a candidate), chosen from night 1's records so that every later night agrees on them:
 * <ul>
 *   <li>{@link MergeBridge}s (night 2): people whose CRM and ERP records share no email and no phone
 *       ({@link MatchKeys}), preferring those whose records also differ in postcode;</li>
 *   <li>{@link EmailMixUp}s (night 2, corrected on night 3): pairs of household members who both have a CRM contact
 *       with a usable email.</li>
 * </ul>
 * No person is in two scenarios. The records of the people involved are spared every other change, so the
 * scenarios stay as planted. One pass over night 1's people and records, on a random stream of its own.
 */
final class IdentityScenarios {
    static final int BRIDGE_NIGHT = 2;
    static final int MISTAKE_NIGHT = 2;
    static final int CORRECTION_NIGHT = 3;
    static final int CUSTOMERS_PER_SCENARIO = 400;

    private final List<MergeBridge> bridges;
    private final Map<String, EmailMixUp> mixUpsByContact = new HashMap<>();
    private final Set<String> entitiesInvolved = new HashSet<>(); // membership only

    private IdentityScenarios(List<MergeBridge> bridges, List<EmailMixUp> mixUps) {
        this.bridges = List.copyOf(bridges);
        for (MergeBridge bridge : bridges) {
            entitiesInvolved.add(bridge.person().entityId());
        }
        for (EmailMixUp mixUp : mixUps) {
            mixUpsByContact.put(mixUp.contactId(), mixUp);
            entitiesInvolved.add(mixUp.entityId());
            entitiesInvolved.add(mixUp.partnerEntityId());
        }
    }

    static IdentityScenarios plan(SampleOptions options, SampleExtracts firstNight) {
        var random = RandomStreams.forPurpose(options.seed(), "identity-scenarios", BRIDGE_NIGHT);
        int wanted = Math.max(1, Math.round(options.customers() / (float) CUSTOMERS_PER_SCENARIO));
        var crm = byEntity(firstNight.crmContacts(), SourceRecord::of);
        var erp = byEntity(firstNight.erpCustomers(), SourceRecord::of);
        var bridges = pickBridges(firstNight.population(), crm, erp, wanted, random);
        var taken = new HashSet<String>();
        bridges.forEach(bridge -> taken.add(bridge.person().entityId()));
        var mixUps = pickMixUps(firstNight.population(), crm, taken, wanted, random);
        return new IdentityScenarios(bridges, mixUps);
    }

    List<MergeBridge> bridges() {
        return bridges;
    }

    /** The mix-up planted on this CRM contact, or null. */
    EmailMixUp mixUpOf(String contactId) {
        return mixUpsByContact.get(contactId);
    }

    boolean involves(String entityId) {
        return entitiesInvolved.contains(entityId);
    }

    private static List<MergeBridge> pickBridges(Population population, Map<String, List<SourceRecord>> crm,
                                                 Map<String, List<SourceRecord>> erp, int wanted,
                                                 SplittableRandom random) {
        var candidates = new ArrayList<MergeBridge>();
        for (Person person : population.people()) {
            var ownCrm = crm.getOrDefault(person.entityId(), List.of());
            var ownErp = erp.getOrDefault(person.entityId(), List.of());
            if (ownCrm.isEmpty() || ownErp.isEmpty() || anyShareEmailOrPhone(ownCrm, ownErp)) {
                continue;
            }
            var possible = possibleBridges(person, ownCrm, ownErp);
            if (!possible.isEmpty()) {
                candidates.add(oneOf(random, possible));
            }
        }
        Collections.shuffle(candidates, new Random(random.nextLong()));
        candidates.sort(Comparator.comparing(MergeBridge::recordsSharePostcode)); // stable: apart first
        return firstOf(candidates, wanted);
    }

    private static boolean anyShareEmailOrPhone(List<SourceRecord> crm, List<SourceRecord> erp) {
        return crm.stream().anyMatch(c -> erp.stream().anyMatch(c::sharesEmailOrPhoneWith));
    }

    /** Either direction (email from CRM, phone and address from ERP, or the reverse) where both are usable. */
    private static List<MergeBridge> possibleBridges(Person person, List<SourceRecord> crm, List<SourceRecord> erp) {
        var possible = new ArrayList<MergeBridge>();
        for (SourceRecord c : crm) {
            for (SourceRecord e : erp) {
                addIfUsable(possible, new MergeBridge(person, c, e));
                addIfUsable(possible, new MergeBridge(person, e, c));
            }
        }
        return possible;
    }

    private static void addIfUsable(List<MergeBridge> possible, MergeBridge bridge) {
        if (bridge.emailFrom().emailKey() != null && bridge.phoneFrom().phoneKey() != null) {
            possible.add(bridge);
        }
    }

    private static List<EmailMixUp> pickMixUps(Population population, Map<String, List<SourceRecord>> crm,
                                               Set<String> taken, int wanted, SplittableRandom random) {
        var candidates = new ArrayList<EmailMixUp>();
        for (Person joiner : population.people()) {
            String anchor = joiner.householdWith();
            if (anchor == null || taken.contains(joiner.entityId()) || taken.contains(anchor)) {
                continue;
            }
            var possible = new ArrayList<EmailMixUp>();
            addIfUsable(possible, crm.get(joiner.entityId()), crm.get(anchor), random);
            addIfUsable(possible, crm.get(anchor), crm.get(joiner.entityId()), random);
            if (!possible.isEmpty()) {
                candidates.add(oneOf(random, possible));
            }
        }
        Collections.shuffle(candidates, new Random(random.nextLong()));
        return firstOf(candidates, wanted);
    }

    /** One of {@code own}'s contacts with a usable email, mistakenly given one of {@code partner}'s. */
    private static void addIfUsable(List<EmailMixUp> possible, List<SourceRecord> own, List<SourceRecord> partner,
                                    SplittableRandom random) {
        var ownUsable = withUsableEmail(own);
        var partnerUsable = withUsableEmail(partner);
        if (ownUsable.isEmpty() || partnerUsable.isEmpty()) {
            return;
        }
        SourceRecord contact = oneOf(random, ownUsable);
        SourceRecord partnerContact = oneOf(random, partnerUsable);
        possible.add(new EmailMixUp(contact.sourceId(), contact.entityId(), partnerContact.entityId(),
                contact.details().email(), partnerContact.details().email()));
    }

    private static List<SourceRecord> withUsableEmail(List<SourceRecord> records) {
        return records == null ? List.of() : records.stream().filter(r -> r.emailKey() != null).toList();
    }

    private static <T> Map<String, List<SourceRecord>> byEntity(List<T> records, Function<T, SourceRecord> view) {
        var byEntity = new HashMap<String, List<SourceRecord>>();
        for (T record : records) {
            var r = view.apply(record);
            byEntity.computeIfAbsent(r.entityId(), e -> new ArrayList<>()).add(r);
        }
        return byEntity;
    }

    private static <T> List<T> firstOf(List<T> items, int count) {
        return List.copyOf(items.subList(0, Math.min(count, items.size())));
    }
}
