-- role: Analyst
-- attrs: org_id=1 region=eu-west
-- Anything the rewriter cannot prove safe is refused, never passed through.
COPY customers TO STDOUT;
DO $$ BEGIN PERFORM 1; END $$;
SELECT pg_read_file('/etc/passwd');
SELECT nextval('invoices_id_seq');
SELECT * FROM pg_catalog.pg_authid;
SELECT * FROM secrets;
SELECT to_json(c) FROM customers c;
SELECT row_to_json(c) FROM customers c;
SELECT setseed(0.5);
SELECT * FROM payments;
SET search_path = attacker;
SELECT name FROM customers WHERE id = $1;
