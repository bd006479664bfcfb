-- role: Admin
-- attrs: org_id=2
-- UPDATE and DELETE change only the rows the role sees; they may not move a row out of its tenant.
UPDATE invoices SET status = 'void' WHERE amount < 100;
UPDATE invoices i SET status = 'paid' FROM customers c WHERE c.id = i.customer_id AND c.org_id = i.org_id AND c.region = 'eu-central' RETURNING i.id, c.email;
DELETE FROM payments WHERE paid_on < DATE '2024-01-01' RETURNING id, card_number;
UPDATE invoices SET org_id = 3 WHERE id = 2001;
INSERT INTO invoices (id, org_id, customer_id, amount, status, issued_on) VALUES (9, 2, 200, 1, 'open', DATE '2024-06-01');
