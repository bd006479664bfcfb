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
