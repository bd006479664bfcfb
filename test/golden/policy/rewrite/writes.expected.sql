-- line 4: UPDATE invoices SET status = 'void' WHERE amount < 100
-- row filter invoices.same_tenant on invoices: invoices.org_id = '2'
UPDATE invoices
SET
  status = 'void'
WHERE
  invoices.org_id = '2'
  AND amount < 100;

-- line 5: UPDATE invoices i SET status = 'paid' FROM customers c WHERE c.id = i.customer_id AND c.org_id = i.org_id AND c.region = 'eu-central' RETURNING i.id, c.email
-- row filter invoices.same_tenant on i: i.org_id = '2'
-- row filter customers.same_tenant on c: c.org_id = '2'
UPDATE invoices AS i
SET
  status = 'paid'
FROM
  customers AS c
WHERE
  i.org_id = '2'
  AND c.org_id = '2'
  AND c.id = i.customer_id
  AND c.org_id = i.org_id
  AND c.region = 'eu-central'
RETURNING
  i.id,
  c.email;

-- line 6: DELETE FROM payments WHERE paid_on < DATE '2024-01-01' RETURNING id, card_number
-- mask payments.card_number: partial(4)
-- row filter payments.same_tenant on payments: payments.org_id = '2'
DELETE FROM payments
WHERE
  payments.org_id = '2'
  AND paid_on < '2024-01-01'::date
RETURNING
  id,
  lpad(
    "right" (card_number::text, 4),
    length(card_number::text),
    '*'
  ) AS card_number;

-- line 7: UPDATE invoices SET org_id = 3 WHERE id = 2001
-- REFUSED CG-SQL-REFUSED at 7:21: UPDATE may not change org_id: a row filter or the tenant key reads it, and the new row could leave what the role may see

-- line 8: INSERT INTO invoices (id, org_id, customer_id, amount, status, issued_on) VALUES (9, 2, 200, 1, 'open', DATE '2024-06-01')
-- REFUSED CG-SQL-REFUSED at 8:1: INSERT is not covered by the policy preview (only SELECT, UPDATE and DELETE are)
