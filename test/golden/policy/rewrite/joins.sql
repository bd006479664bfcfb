-- role: Analyst
-- attrs: org_id=1 region=eu-west
-- Inner joins filter in WHERE; the nullable side of an outer join filters in ON; both sides of a FULL
-- join, and a side joined with USING, are filtered in a derived table of the same name.
SELECT c.name, i.amount FROM customers c JOIN invoices i ON i.customer_id = c.id AND i.org_id = c.org_id;
SELECT c.name, i.amount FROM customers c LEFT JOIN invoices i ON i.customer_id = c.id AND i.org_id = c.org_id;
SELECT c.name, i.amount FROM invoices i RIGHT JOIN customers c ON i.customer_id = c.id AND i.org_id = c.org_id;
SELECT c.name, i.amount FROM customers c FULL JOIN invoices i ON i.customer_id = c.id AND i.org_id = c.org_id;
SELECT c.name, i.amount FROM customers c LEFT JOIN invoices i USING (org_id);
SELECT c.name, o.plan FROM customers c LEFT JOIN (invoices i JOIN organizations o ON o.id = i.org_id) ON i.customer_id = c.id AND i.org_id = c.org_id;
