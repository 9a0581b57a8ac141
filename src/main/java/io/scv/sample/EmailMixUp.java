package io.scv.sample;

/**
 * A planted error and its correction: on {@link IdentityScenarios#MISTAKE_NIGHT} the CRM contact {@code contactId}
 * of {@code entityId} is edited by mistake to carry {@code partnerEmail}, the email on a CRM contact of
 * {@code partnerEntityId}, who shares the household (address and landline); on
 * {@link IdentityScenarios#CORRECTION_NIGHT} it gets {@code ownEmail} back. The two stay different people.
 */
record EmailMixUp(String contactId, String entityId, String partnerEntityId, String ownEmail, String partnerEmail) {
}
