-- line 3: SELECT c.name, i.amount FROM customers c JOIN invoices i ON i.customer_id = c.id
-- REFUSED CG-SQL-CROSS-TENANT at 3:47: cross-tenant join: customers (c) and invoices (i) are not joined on org_id, and Owner can read more than one tenant's rows of them; add c.org_id = i.org_id

-- line 4: SELECT c.name, i.amount FROM customers c JOIN invoices i ON i.customer_id = c.id AND i.org_id = c.org_id
SELECT
  c.name,
  i.amount
FROM
  customers AS c
  JOIN invoices AS i ON i.customer_id = c.id
  AND i.org_id = c.org_id;

-- line 5: SELECT c.name, i.amount FROM customers c JOIN invoices i ON i.customer_id = c.id WHERE i.org_id = c.org_id
SELECT
  c.name,
  i.amount
FROM
  customers AS c
  JOIN invoices AS i ON i.customer_id = c.id
WHERE
  i.org_id = c.org_id;

-- line 6: SELECT c.name FROM customers c JOIN (SELECT customer_id FROM invoices) x ON x.customer_id = c.id
-- REFUSED CG-SQL-CROSS-TENANT at 6:1: subquery x is tenant-scoped but shows no org_id column, so this join could mix tenants: select org_id in it and join on it

-- line 7: SELECT c.name, i.amount FROM customers c JOIN invoices i ON i.customer_id = c.id AND c.org_id = 2 AND i.org_id = 2
SELECT
  c.name,
  i.amount
FROM
  customers AS c
  JOIN invoices AS i ON i.customer_id = c.id
  AND c.org_id = 2
  AND i.org_id = 2;

-- line 8: SELECT c.name, x.n FROM customers c CROSS JOIN LATERAL (SELECT count(*) AS n FROM invoices i WHERE i.customer_id = c.id AND i.org_id = c.org_id) x
SELECT
  c.name,
  x.n
FROM
  customers AS c
  CROSS JOIN LATERAL (
    SELECT
      count(*) AS n
    FROM
      invoices AS i
    WHERE
      i.customer_id = c.id
      AND i.org_id = c.org_id
  ) AS x;

-- line 9: SELECT c.name, x.n FROM customers c CROSS JOIN LATERAL (SELECT count(*) AS n FROM invoices i WHERE i.customer_id = c.id) x
-- REFUSED CG-SQL-CROSS-TENANT at 9:25: cross-tenant join: invoices (i) and customers (c) are not joined on org_id, and Owner can read more than one tenant's rows of them; add i.org_id = c.org_id

-- line 10: SELECT c.name, x.n FROM customers c JOIN organizations o ON o.id = c.org_id CROSS JOIN LATERAL (SELECT count(*) AS n FROM invoices i WHERE i.org_id = o.id) x
SELECT
  c.name,
  x.n
FROM
  customers AS c
  JOIN organizations AS o ON o.id = c.org_id
  CROSS JOIN LATERAL (
    SELECT
      count(*) AS n
    FROM
      invoices AS i
    WHERE
      i.org_id = o.id
  ) AS x;
