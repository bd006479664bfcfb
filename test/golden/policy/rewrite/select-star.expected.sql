-- line 4: SELECT * FROM customers
-- mask customers.email: partial(4)
-- mask customers.phone: redact
-- row filter customers.same_tenant on customers: customers.org_id = '1'
SELECT
  customers.id AS id,
  customers.org_id AS org_id,
  customers.name AS name,
  lpad(
    "right" (customers.email::text, 4),
    length(customers.email::text),
    '*'
  ) AS email,
  CASE
    WHEN customers.phone IS NOT NULL THEN '***'::text
  END AS phone,
  customers.region AS region,
  customers.segment AS segment
FROM
  customers
WHERE
  customers.org_id = '1';

-- line 5: SELECT i.*, c.* FROM invoices i JOIN customers c ON c.id = i.customer_id AND c.org_id = i.org_id
-- mask customers.email: partial(4)
-- mask customers.phone: redact
-- row filter invoices.same_tenant on i: i.org_id = '1'
-- row filter customers.same_tenant on c: c.org_id = '1'
SELECT
  i.*,
  c.id AS id,
  c.org_id AS org_id,
  c.name AS name,
  lpad(
    "right" (c.email::text, 4),
    length(c.email::text),
    '*'
  ) AS email,
  CASE
    WHEN c.phone IS NOT NULL THEN '***'::text
  END AS phone,
  c.region AS region,
  c.segment AS segment
FROM
  invoices AS i
  JOIN customers AS c ON c.id = i.customer_id
  AND c.org_id = i.org_id
WHERE
  i.org_id = '1'
  AND c.org_id = '1';

-- line 6: SELECT * FROM invoices
-- row filter invoices.same_tenant on invoices: invoices.org_id = '1'
SELECT
  *
FROM
  invoices
WHERE
  invoices.org_id = '1';

-- line 7: SELECT * FROM customers c JOIN invoices i USING (org_id)
-- REFUSED CG-SQL-REFUSED at 7:8: SELECT * over a USING or NATURAL join that reads a masked column: list the columns instead
