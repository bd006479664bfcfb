-- line 5: SELECT c.name, i.amount FROM customers c JOIN invoices i ON i.customer_id = c.id AND i.org_id = c.org_id
-- row filter customers.same_tenant on c: c.org_id = '1'
-- row filter customers.own_region on c: c.region = 'eu-west'
-- row filter invoices.same_tenant on i: i.org_id = '1'
SELECT
  c.name,
  i.amount
FROM
  customers AS c
  JOIN invoices AS i ON i.customer_id = c.id
  AND i.org_id = c.org_id
WHERE
  c.org_id = '1'
  AND c.region = 'eu-west'
  AND i.org_id = '1';

-- line 6: SELECT c.name, i.amount FROM customers c LEFT JOIN invoices i ON i.customer_id = c.id AND i.org_id = c.org_id
-- row filter customers.same_tenant on c: c.org_id = '1'
-- row filter customers.own_region on c: c.region = 'eu-west'
-- row filter invoices.same_tenant on i: i.org_id = '1'
SELECT
  c.name,
  i.amount
FROM
  customers AS c
  LEFT JOIN invoices AS i ON i.org_id = '1'
  AND i.customer_id = c.id
  AND i.org_id = c.org_id
WHERE
  c.org_id = '1'
  AND c.region = 'eu-west';

-- line 7: SELECT c.name, i.amount FROM invoices i RIGHT JOIN customers c ON i.customer_id = c.id AND i.org_id = c.org_id
-- row filter invoices.same_tenant on i: i.org_id = '1'
-- row filter customers.same_tenant on c: c.org_id = '1'
-- row filter customers.own_region on c: c.region = 'eu-west'
SELECT
  c.name,
  i.amount
FROM
  invoices AS i
  RIGHT JOIN customers AS c ON i.org_id = '1'
  AND i.customer_id = c.id
  AND i.org_id = c.org_id
WHERE
  c.org_id = '1'
  AND c.region = 'eu-west';

-- line 8: SELECT c.name, i.amount FROM customers c FULL JOIN invoices i ON i.customer_id = c.id AND i.org_id = c.org_id
-- row filter customers.same_tenant on c: c.org_id = '1'
-- row filter customers.own_region on c: c.region = 'eu-west'
-- row filter invoices.same_tenant on i: i.org_id = '1'
SELECT
  c.name,
  i.amount
FROM
  (
    SELECT
      *
    FROM
      customers AS c
    WHERE
      c.org_id = '1'
      AND c.region = 'eu-west'
  ) AS c
  FULL JOIN (
    SELECT
      *
    FROM
      invoices AS i
    WHERE
      i.org_id = '1'
  ) AS i ON i.customer_id = c.id
  AND i.org_id = c.org_id;

-- line 9: SELECT c.name, i.amount FROM customers c LEFT JOIN invoices i USING (org_id)
-- row filter customers.same_tenant on c: c.org_id = '1'
-- row filter customers.own_region on c: c.region = 'eu-west'
-- row filter invoices.same_tenant on i: i.org_id = '1'
SELECT
  c.name,
  i.amount
FROM
  customers AS c
  LEFT JOIN (
    SELECT
      *
    FROM
      invoices AS i
    WHERE
      i.org_id = '1'
  ) AS i USING (org_id)
WHERE
  c.org_id = '1'
  AND c.region = 'eu-west';

-- line 10: SELECT c.name, o.plan FROM customers c LEFT JOIN (invoices i JOIN organizations o ON o.id = i.org_id) ON i.customer_id = c.id AND i.org_id = c.org_id
-- row filter customers.same_tenant on c: c.org_id = '1'
-- row filter customers.own_region on c: c.region = 'eu-west'
-- row filter invoices.same_tenant on i: i.org_id = '1'
-- row filter organizations.own_organization on o: o.id = '1'
SELECT
  c.name,
  o.plan
FROM
  customers AS c
  LEFT JOIN (
    invoices AS i
    JOIN organizations AS o ON o.id = i.org_id
  ) ON o.id = '1'
  AND i.org_id = '1'
  AND i.customer_id = c.id
  AND i.org_id = c.org_id
WHERE
  c.org_id = '1'
  AND c.region = 'eu-west';
