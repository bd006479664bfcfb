-- line 4: SELECT id, name FROM customers
-- row filter customers.same_tenant on customers: customers.org_id = '1'
-- row filter customers.own_region on customers: customers.region = 'eu-west'
SELECT
  id,
  name
FROM
  customers
WHERE
  customers.org_id = '1'
  AND customers.region = 'eu-west';

-- line 5: SELECT id, amount FROM invoices WHERE status = 'open' OR amount > 1000
-- row filter invoices.same_tenant on invoices: invoices.org_id = '1'
SELECT
  id,
  amount
FROM
  invoices
WHERE
  invoices.org_id = '1'
  AND (
    status = 'open'
    OR amount > 1000
  );

-- line 6: SELECT public.invoices.id FROM public.invoices
-- row filter invoices.same_tenant on invoices: invoices.org_id = '1'
SELECT
  public.invoices.id
FROM
  public.invoices
WHERE
  invoices.org_id = '1';

-- line 7: SELECT o.name FROM organizations o, invoices i WHERE i.org_id = o.id
-- row filter organizations.own_organization on o: o.id = '1'
-- row filter invoices.same_tenant on i: i.org_id = '1'
SELECT
  o.name
FROM
  organizations AS o,
  invoices AS i
WHERE
  o.id = '1'
  AND i.org_id = '1'
  AND i.org_id = o.id;
