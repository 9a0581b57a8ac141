-- Customers by the combination of sources their records come from: how much CRM, ERP and web overlap.
SELECT concat_ws('+', sources) AS sources,
       size(sources)           AS source_count,
       count(*)                AS customers,
       sum(record_count)       AS records
FROM scv.customer
GROUP BY sources
