-- role: Analyst
-- attrs: org_id=1
-- A filter whose placeholder has no value refuses the statement and says which attribute to set.
SELECT name FROM customers;
SELECT amount FROM invoices;
