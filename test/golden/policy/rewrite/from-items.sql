-- role: Analyst
-- attrs: org_id=1 region=eu-west
-- A protected table in FROM: its filters go into WHERE, before the query's own condition.
SELECT id, name FROM customers;
SELECT id, amount FROM invoices WHERE status = 'open' OR amount > 1000;
SELECT public.invoices.id FROM public.invoices;
SELECT o.name FROM organizations o, invoices i WHERE i.org_id = o.id;
