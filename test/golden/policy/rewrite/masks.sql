-- role: Developer
-- attrs: org_id=1
-- A masked column is wrapped wherever its value is read: select list, WHERE, ON, GROUP BY, HAVING,
-- ORDER BY, DISTINCT and function arguments. ORDER BY an output name reads the already masked output.
SELECT email, phone FROM customers;
SELECT c.id FROM customers c WHERE c.email LIKE '%@harbour.example';
SELECT c.email, count(*) FROM customers c JOIN invoices i ON i.customer_id = c.id AND i.org_id = c.org_id AND c.email <> '' GROUP BY c.email HAVING max(c.phone) IS NOT NULL;
SELECT DISTINCT lower(email) AS address FROM customers ORDER BY address;
SELECT name FROM customers ORDER BY phone NULLS LAST;
SELECT prompt, tokens FROM agent_runs WHERE tokens > 1000;
SELECT quote_literal(email), ts_headline(name, to_tsquery('cafe')) FROM customers WHERE random() < 2;
SELECT name FROM customers WHERE email SIMILAR TO '%(harbour|north)%' OR name LIKE 'a!%' ESCAPE '!';
