-- line 4: SELECT name FROM customers WHERE id IN (SELECT customer_id FROM invoices WHERE status = 'open')
-- row filter invoices.same_tenant on invoices: invoices.org_id = '2'
-- row filter customers.same_tenant on customers: customers.org_id = '2'
-- row filter customers.own_region on customers: customers.region = 'eu-central'
SELECT
  name
FROM
  customers
WHERE
  customers.org_id = '2'
  AND customers.region = 'eu-central'
  AND id IN (
    SELECT
      customer_id
    FROM
      invoices
    WHERE
      (
        invoices.org_id = '2'
        AND status = 'open'
      )
  );

-- line 5: SELECT c.name FROM customers c WHERE EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = c.id AND i.org_id = c.org_id)
-- row filter invoices.same_tenant on i: i.org_id = '2'
-- row filter customers.same_tenant on c: c.org_id = '2'
-- row filter customers.own_region on c: c.region = 'eu-central'
SELECT
  c.name
FROM
  customers AS c
WHERE
  c.org_id = '2'
  AND c.region = 'eu-central'
  AND EXISTS (
    SELECT
      1
    FROM
      invoices AS i
    WHERE
      (
        i.org_id = '2'
        AND i.customer_id = c.id
        AND i.org_id = c.org_id
      )
  );

-- line 6: SELECT x.status, x.total FROM (SELECT status, sum(amount) AS total FROM invoices GROUP BY status) x
-- row filter invoices.same_tenant on invoices: invoices.org_id = '2'
SELECT
  x.status,
  x.total
FROM
  (
    SELECT
      status,
      sum(amount) AS total
    FROM
      invoices
    WHERE
      invoices.org_id = '2'
    GROUP BY
      status
  ) AS x;

-- line 7: SELECT c.name, (SELECT count(*) FROM invoices i WHERE i.customer_id = c.id AND i.org_id = c.org_id) AS invoices FROM customers c
-- row filter invoices.same_tenant on i: i.org_id = '2'
-- row filter customers.same_tenant on c: c.org_id = '2'
-- row filter customers.own_region on c: c.region = 'eu-central'
SELECT
  c.name,
  (
    SELECT
      count(*)
    FROM
      invoices AS i
    WHERE
      i.org_id = '2'
      AND i.customer_id = c.id
      AND i.org_id = c.org_id
  ) AS invoices
FROM
  customers AS c
WHERE
  c.org_id = '2'
  AND c.region = 'eu-central';

-- line 8: SELECT c.name, last.amount FROM customers c, LATERAL (SELECT i.amount FROM invoices i WHERE i.customer_id = c.id AND i.org_id = c.org_id ORDER BY i.issued_on DESC LIMIT 1) last
-- row filter invoices.same_tenant on i: i.org_id = '2'
-- row filter customers.same_tenant on c: c.org_id = '2'
-- row filter customers.own_region on c: c.region = 'eu-central'
SELECT
  c.name,
  last.amount
FROM
  customers AS c,
  LATERAL (
    SELECT
      i.amount
    FROM
      invoices AS i
    WHERE
      i.org_id = '2'
      AND i.customer_id = c.id
      AND i.org_id = c.org_id
    ORDER BY
      i.issued_on DESC
    LIMIT
      1
  ) AS last
WHERE
  c.org_id = '2'
  AND c.region = 'eu-central';
