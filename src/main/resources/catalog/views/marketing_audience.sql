-- Who may be marketed to, one row per customer and channel (the rule of io.scv.golden.Audiences): the golden
-- consent for the channel is Y (someone's explicit Y and no N on any record of the customer) and, for email, sms
-- and phone, the customer has the value to reach them by. consent_source and consent_at name the record and time
-- of the consent, for audits.
SELECT 'email' AS channel, customer_id, full_name, email AS contact,
       consent_email_source AS consent_source, consent_email_at AS consent_at
FROM scv.customer WHERE consent_email = 'Y' AND email IS NOT NULL
UNION ALL
SELECT 'sms', customer_id, full_name, phone, consent_sms_source, consent_sms_at
FROM scv.customer WHERE consent_sms = 'Y' AND phone IS NOT NULL
UNION ALL
SELECT 'phone', customer_id, full_name, phone, consent_phone_source, consent_phone_at
FROM scv.customer WHERE consent_phone = 'Y' AND phone IS NOT NULL
UNION ALL
SELECT 'profiling', customer_id, full_name, CAST(NULL AS STRING), consent_profiling_source, consent_profiling_at
FROM scv.customer WHERE consent_profiling = 'Y'
