-- Queries that Cartograph refuses or warns about.

-- A join that does not match tenants: fine for one tenant, wrong for an Owner who sees all of them.
SELECT c.name, i.amount
FROM customers c
JOIN invoices i ON i.customer_id = c.id;

-- A customer's e-mail address written into the query.
SELECT * FROM customers WHERE email = 'orders@harbour.example';

-- COPY writes a file on the server: never run, whatever the role.
COPY customers TO '/tmp/customers.csv';

-- A function that is not known to be free of side effects.
SELECT pg_read_file('/etc/passwd');
