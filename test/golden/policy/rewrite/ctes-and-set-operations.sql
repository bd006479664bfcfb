-- role: Developer
-- attrs: org_id=3
-- CTEs are filtered where they read; each arm of a set operation is filtered on its own.
WITH open AS (SELECT * FROM invoices WHERE status = 'open'), big AS (SELECT * FROM open WHERE amount > 500)
SELECT count(*) FROM big;
SELECT email FROM customers UNION SELECT name FROM organizations ORDER BY 1;
SELECT customer_id FROM invoices INTERSECT ALL SELECT id FROM customers;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT i FROM n;
