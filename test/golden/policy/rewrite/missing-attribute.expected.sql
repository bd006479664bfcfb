-- line 4: SELECT name FROM customers
-- REFUSED CG-SQL-REFUSED at 4:18: row filter "own_region" on customers needs {region}: set the session attribute region (--attr region=…)

-- line 5: SELECT amount FROM invoices
-- row filter invoices.same_tenant on invoices: invoices.org_id = '1'
SELECT
  amount
FROM
  invoices
WHERE
  invoices.org_id = '1';
