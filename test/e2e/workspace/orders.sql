SELECT id, email, amount FROM orders ORDER BY id;

SELECT a.id FROM orders a JOIN orders b ON a.id = b.id;
