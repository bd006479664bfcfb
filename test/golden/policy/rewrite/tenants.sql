-- role: Owner
-- Owner sees every tenant: a join that does not match tenants is refused; one that does is fine.
SELECT c.name, i.amount FROM customers c JOIN invoices i ON i.customer_id = c.id;
SELECT c.name, i.amount FROM customers c JOIN invoices i ON i.customer_id = c.id AND i.org_id = c.org_id;
SELECT c.name, i.amount FROM customers c JOIN invoices i ON i.customer_id = c.id WHERE i.org_id = c.org_id;
SELECT c.name FROM customers c JOIN (SELECT customer_id FROM invoices) x ON x.customer_id = c.id;
SELECT c.name, i.amount FROM customers c JOIN invoices i ON i.customer_id = c.id AND c.org_id = 2 AND i.org_id = 2;
SELECT c.name, x.n FROM customers c CROSS JOIN LATERAL (SELECT count(*) AS n FROM invoices i WHERE i.customer_id = c.id AND i.org_id = c.org_id) x;
SELECT c.name, x.n FROM customers c CROSS JOIN LATERAL (SELECT count(*) AS n FROM invoices i WHERE i.customer_id = c.id) x;
SELECT c.name, x.n FROM customers c JOIN organizations o ON o.id = c.org_id CROSS JOIN LATERAL (SELECT count(*) AS n FROM invoices i WHERE i.org_id = o.id) x;
