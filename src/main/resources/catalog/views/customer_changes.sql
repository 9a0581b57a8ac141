-- Row-level changes of the customer table from Delta's Change Data Feed: what each run inserted, updated or
-- deleted. Filter on change_time to get the customers changed since a date:
--   SELECT DISTINCT customer_id FROM global_temp.customer_changes WHERE change_time >= '2026-11-01'
-- It starts after the last VACUUM (scv forget runs one): older change files are gone, and they held erased values.
SELECT customer_id,
       _change_type      AS change_type,
       _commit_version   AS table_version,
       _commit_timestamp AS change_time,
       run_id
FROM table_changes('scv.customer', ${first_change_version})
WHERE _change_type <> 'update_preimage'
