-- role: Developer
-- attrs: org_id=1
-- SELECT * is expanded from the schema when it covers a masked column, and left alone when not.
SELECT * FROM customers;
SELECT i.*, c.* FROM invoices i JOIN customers c ON c.id = i.customer_id AND c.org_id = i.org_id;
SELECT * FROM invoices;
SELECT * FROM customers c JOIN invoices i USING (org_id);
