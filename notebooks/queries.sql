-- Spark SQL over the tables of an scv run, by name (docs/analysts.md): jobs/scv sql --warehouse warehouse --file notebooks/queries.sql

-- How many customers each combination of sources gives.
SELECT concat_ws('+', sources) AS sources, count(*) AS customers, sum(record_count) AS records
FROM scv.customer GROUP BY 1 ORDER BY customers DESC;

-- Cluster sizes.
SELECT record_count, count(*) AS customers FROM scv.customer GROUP BY 1 ORDER BY 1;

-- Top customers by revenue, with web activity and email consent.
SELECT customer_id, full_name, email, order_count, revenue, web_sessions, consent_email
FROM scv.customer WHERE revenue IS NOT NULL ORDER BY revenue DESC LIMIT 20;

-- Marketing audiences, one per channel (the rule of io.scv.golden.Audiences): golden consent Y, which needs an
-- explicit Y on some record of the customer and an N on none, and a way to reach them on that channel. The
-- _source and _at columns name the record and time of the consent, for audits.
SELECT customer_id, full_name, email, consent_email_source, consent_email_at
FROM scv.customer WHERE consent_email = 'Y' AND email IS NOT NULL;

SELECT customer_id, full_name, phone, consent_sms_source, consent_sms_at
FROM scv.customer WHERE consent_sms = 'Y' AND phone IS NOT NULL;

SELECT customer_id, full_name, phone, consent_phone_source, consent_phone_at
FROM scv.customer WHERE consent_phone = 'Y' AND phone IS NOT NULL;

SELECT customer_id, full_name, consent_profiling_source, consent_profiling_at
FROM scv.customer WHERE consent_profiling = 'Y';

-- Email refusals and the record to correct where a customer says they re-consented (an N anywhere holds).
SELECT customer_id, full_name, consent_email_source AS refused_on, consent_email_at AS refused_at
FROM scv.customer WHERE consent_email = 'N' ORDER BY refused_at DESC;

-- Why were two records linked? Every comparison's level and weight, and the score.
SELECT l_key, r_key, rules, inline_outer(comparisons), score, probability, decision
FROM scv.match_evidence WHERE l_key = 'crm:C000001' OR r_key = 'crm:C000001';

-- Pairs people should look at: between the review and the match threshold.
SELECT l_key, r_key, round(probability, 3) AS p FROM scv.match_evidence WHERE decision = 'review' ORDER BY p DESC;

-- Rejected input rows by reason, latest run (the table holds the latest run's rejects; run_id is the run that
-- first rejected each row).
SELECT source, input, reason, count(*) AS n FROM scv.quarantine GROUP BY 1, 2, 3 ORDER BY n DESC;

-- Run history.
SELECT run_id, status, records, quarantined, candidate_pairs, matched_pairs, customers, largest_cluster,
       round(seconds_before_publish, 1) AS seconds
FROM scv.run_log ORDER BY finished_at DESC;
