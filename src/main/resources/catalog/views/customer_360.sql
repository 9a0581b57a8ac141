-- One row per customer: the golden record with its order and web activity, and its records per source.
SELECT c.*,
       x.records_by_source,
       x.record_keys
FROM scv.customer c
LEFT JOIN (
    SELECT customer_id,
           map_from_entries(collect_list(struct(source, records))) AS records_by_source,
           array_sort(flatten(collect_list(keys)))                  AS record_keys
    FROM (
        SELECT customer_id, source, count(*) AS records, collect_list(concat(source, ':', source_id)) AS keys
        FROM scv.customer_xref
        GROUP BY customer_id, source
    ) per_source
    GROUP BY customer_id
) x ON x.customer_id = c.customer_id
