-- line 5: SELECT email, phone FROM customers
-- mask customers.email: partial(4)
-- mask customers.phone: redact
-- row filter customers.same_tenant on customers: customers.org_id = '1'
SELECT
  lpad(
    "right" (email::text, 4),
    length(email::text),
    '*'
  ) AS email,
  CASE
    WHEN phone IS NOT NULL THEN '***'::text
  END AS phone
FROM
  customers
WHERE
  customers.org_id = '1';

-- line 6: SELECT c.id FROM customers c WHERE c.email LIKE '%@harbour.example'
-- mask customers.email: partial(4)
-- row filter customers.same_tenant on c: c.org_id = '1'
SELECT
  c.id
FROM
  customers AS c
WHERE
  c.org_id = '1'
  AND lpad(
    "right" (c.email::text, 4),
    length(c.email::text),
    '*'
  ) LIKE '%@harbour.example';

-- line 7: SELECT c.email, count(*) FROM customers c JOIN invoices i ON i.customer_id = c.id AND i.org_id = c.org_id AND c.email <> '' GROUP BY c.email HAVING max(c.phone) IS NOT NULL
-- mask customers.email: partial(4)
-- mask customers.phone: redact
-- row filter customers.same_tenant on c: c.org_id = '1'
-- row filter invoices.same_tenant on i: i.org_id = '1'
SELECT
  lpad(
    "right" (c.email::text, 4),
    length(c.email::text),
    '*'
  ) AS email,
  count(*)
FROM
  customers AS c
  JOIN invoices AS i ON i.customer_id = c.id
  AND i.org_id = c.org_id
  AND lpad(
    "right" (c.email::text, 4),
    length(c.email::text),
    '*'
  ) <> ''
WHERE
  c.org_id = '1'
  AND i.org_id = '1'
GROUP BY
  lpad(
    "right" (c.email::text, 4),
    length(c.email::text),
    '*'
  )
HAVING
  max(
    CASE
      WHEN c.phone IS NOT NULL THEN '***'::text
    END
  ) IS NOT NULL;

-- line 8: SELECT DISTINCT lower(email) AS address FROM customers ORDER BY address
-- mask customers.email: partial(4)
-- row filter customers.same_tenant on customers: customers.org_id = '1'
SELECT DISTINCT
  lower(
    lpad(
      "right" (email::text, 4),
      length(email::text),
      '*'
    )
  ) AS address
FROM
  customers
WHERE
  customers.org_id = '1'
ORDER BY
  address;

-- line 9: SELECT name FROM customers ORDER BY phone NULLS LAST
-- mask customers.phone: redact
-- row filter customers.same_tenant on customers: customers.org_id = '1'
SELECT
  name
FROM
  customers
WHERE
  customers.org_id = '1'
ORDER BY
  CASE
    WHEN phone IS NOT NULL THEN '***'::text
  END NULLS LAST;

-- line 10: SELECT prompt, tokens FROM agent_runs WHERE tokens > 1000
-- mask agent_runs.prompt: redact
-- mask agent_runs.tokens: null
-- row filter agent_runs.same_tenant on agent_runs: agent_runs.org_id = '1'
SELECT
  CASE
    WHEN prompt IS NOT NULL THEN '***'::text
  END AS prompt,
  NULL::int AS tokens
FROM
  agent_runs
WHERE
  agent_runs.org_id = '1'
  AND NULL::int > 1000;

-- line 11: SELECT quote_literal(email), ts_headline(name, to_tsquery('cafe')) FROM customers WHERE random() < 2
-- mask customers.email: partial(4)
-- row filter customers.same_tenant on customers: customers.org_id = '1'
SELECT
  quote_literal(
    lpad(
      "right" (email::text, 4),
      length(email::text),
      '*'
    )
  ),
  ts_headline(name, to_tsquery('cafe'))
FROM
  customers
WHERE
  customers.org_id = '1'
  AND random() < 2;

-- line 12: SELECT name FROM customers WHERE email SIMILAR TO '%(harbour|north)%' OR name LIKE 'a!%' ESCAPE '!'
-- mask customers.email: partial(4)
-- row filter customers.same_tenant on customers: customers.org_id = '1'
SELECT
  name
FROM
  customers
WHERE
  customers.org_id = '1'
  AND (
    lpad(
      "right" (email::text, 4),
      length(email::text),
      '*'
    ) SIMILAR TO '%(harbour|north)%'
    OR name LIKE pg_catalog.like_escape ('a!%', '!')
  );
