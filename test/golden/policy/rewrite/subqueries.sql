-- role: Analyst
-- attrs: org_id=2 region=eu-central
-- Every query level is filtered: IN and EXISTS subqueries, derived tables, scalar subqueries, LATERAL.
SELECT name FROM customers WHERE id IN (SELECT customer_id FROM invoices WHERE status = 'open');
SELECT c.name FROM customers c WHERE EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = c.id AND i.org_id = c.org_id);
SELECT x.status, x.total FROM (SELECT status, sum(amount) AS total FROM invoices GROUP BY status) x;
SELECT c.name, (SELECT count(*) FROM invoices i WHERE i.customer_id = c.id AND i.org_id = c.org_id) AS invoices FROM customers c;
SELECT c.name, last.amount FROM customers c, LATERAL (SELECT i.amount FROM invoices i WHERE i.customer_id = c.id AND i.org_id = c.org_id ORDER BY i.issued_on DESC LIMIT 1) last;
