-- line 4: WITH open AS (SELECT * FROM invoices WHERE status = 'open'), big AS (SELECT * FROM open WHERE amount > 500) SELECT count(*) FROM big
-- row filter invoices.same_tenant on invoices: invoices.org_id = '3'
WITH
  open AS (
    SELECT
      *
    FROM
      invoices
    WHERE
      invoices.org_id = '3'
      AND status = 'open'
  ),
  big AS (
    SELECT
      *
    FROM
      open
    WHERE
      amount > 500
  )
SELECT
  count(*)
FROM
  big;

-- line 6: SELECT email FROM customers UNION SELECT name FROM organizations ORDER BY 1
-- mask customers.email: partial(4)
-- row filter customers.same_tenant on customers: customers.org_id = '3'
-- row filter organizations.own_organization on organizations: organizations.id = '3'
SELECT
  lpad(
    "right" (email::text, 4),
    length(email::text),
    '*'
  ) AS email
FROM
  customers
WHERE
  customers.org_id = '3'
UNION
SELECT
  name
FROM
  organizations
WHERE
  organizations.id = '3'
ORDER BY
  1;

-- line 7: SELECT customer_id FROM invoices INTERSECT ALL SELECT id FROM customers
-- row filter invoices.same_tenant on invoices: invoices.org_id = '3'
-- row filter customers.same_tenant on customers: customers.org_id = '3'
SELECT
  customer_id
FROM
  invoices
WHERE
  invoices.org_id = '3'
INTERSECT ALL
SELECT
  id
FROM
  customers
WHERE
  customers.org_id = '3';

-- line 8: WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT i FROM n
WITH RECURSIVE
  n (i) AS (
    SELECT
      1
    UNION ALL
    SELECT
      i + 1
    FROM
      n
    WHERE
      i < 3
  )
SELECT
  i
FROM
  n;
