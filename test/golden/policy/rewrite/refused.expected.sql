-- line 4: COPY customers TO STDOUT
-- REFUSED CG-SQL-REFUSED at 4:1: COPY reads or writes files and bypasses the rewriter; it is never run

-- line 5: DO $$ BEGIN PERFORM 1; END $$
-- REFUSED CG-SQL-REFUSED at 5:1: dynamic SQL (DO, EXECUTE, PREPARE, CALL) cannot be checked before it runs, so it is refused

-- line 6: SELECT pg_read_file('/etc/passwd')
-- REFUSED CG-SQL-REFUSED at 6:8: function pg_read_file is not known to be free of side effects, so the preview does not run it

-- line 7: SELECT nextval('invoices_id_seq')
-- REFUSED CG-SQL-REFUSED at 7:8: function nextval is not known to be free of side effects, so the preview does not run it

-- line 8: SELECT * FROM pg_catalog.pg_authid
-- REFUSED CG-SQL-REFUSED at 8:15: table pg_catalog.pg_authid is not in the workspace's schema: only tables of CREATE TABLE statements can be previewed

-- line 9: SELECT * FROM secrets
-- REFUSED CG-SQL-REFUSED at 9:15: table secrets is not in the workspace's schema (no CREATE TABLE in its .sql files), so nothing says whether a policy protects it

-- line 10: SELECT to_json(c) FROM customers c
-- REFUSED CG-SQL-REFUSED at 10:16: a whole-row reference to c, which has masked columns, cannot be masked: name the columns

-- line 11: SELECT row_to_json(c) FROM customers c
-- REFUSED CG-SQL-REFUSED at 11:20: a whole-row reference to c, which has masked columns, cannot be masked: name the columns

-- line 12: SELECT setseed(0.5)
-- REFUSED CG-SQL-REFUSED at 12:8: function setseed is not known to be free of side effects, so the preview does not run it

-- line 13: SELECT * FROM payments
-- REFUSED CG-SQL-REFUSED at 13:15: role Analyst may not read table payments (readers: Admin, Auditor, ServiceAccount)

-- line 14: SET search_path = attacker
-- REFUSED CG-SQL-REFUSED at 14:1: SET and SHOW change or read the session; the preview runs queries only

-- line 15: SELECT name FROM customers WHERE id = $1
-- REFUSED CG-SQL-REFUSED at 15:39: a query parameter ($n) has no value in the preview; write a literal instead
