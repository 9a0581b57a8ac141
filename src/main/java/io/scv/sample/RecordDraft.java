package io.scv.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The identity fields of one source record while dirt is being applied, with the clean parts the dirt needs
 * (the phone number and address before formatting) and the dirt kinds applied so far.
 */
final class RecordDraft {
    private final EnumMap<Field, String> values = new EnumMap<>(Field.class);
    private final Set<Field> writtenFields;
    private final EnumSet<DirtKind> appliedDirt = EnumSet.noneOf(DirtKind.class);
    private final PhoneNumber phone;
    private final PhoneFormat cleanPhoneFormat;
    private final Address address;

    /**
     * @param writtenFields fields the source's extract has a column for; dirt only touches these
     * @param phone         the number written in the PHONE field, or null if the field is blank
     */
    RecordDraft(Set<Field> writtenFields, PhoneNumber phone, PhoneFormat cleanPhoneFormat, Address address) {
        this.writtenFields = EnumSet.copyOf(writtenFields);
        this.phone = phone;
        this.cleanPhoneFormat = cleanPhoneFormat;
        this.address = address;
        for (Field field : Field.values()) {
            values.put(field, "");
        }
    }

    String get(Field field) {
        return values.get(field);
    }

    void set(Field field, String value) {
        values.put(field, value == null ? "" : value);
    }

    /** The candidates that this source writes and that currently hold a value, in declaration order. */
    List<Field> filled(Field... candidates) {
        var filled = new ArrayList<Field>();
        for (Field field : candidates) {
            if (writtenFields.contains(field) && !values.get(field).isEmpty()) {
                filled.add(field);
            }
        }
        return filled;
    }

    void recordDirt(DirtKind kind) {
        appliedDirt.add(kind);
    }

    Set<DirtKind> appliedDirt() {
        return Collections.unmodifiableSet(EnumSet.copyOf(appliedDirt));
    }

    PhoneNumber phone() {
        return phone;
    }

    PhoneFormat cleanPhoneFormat() {
        return cleanPhoneFormat;
    }

    Address address() {
        return address;
    }
}
