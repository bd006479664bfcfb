-- Revenue per customer this quarter, with the contact to call about open invoices.
SELECT c.name, c.email, sum(i.amount) AS revenue, count(*) FILTER (WHERE i.status = 'open') AS open_invoices
FROM customers c
JOIN invoices i ON i.customer_id = c.id AND i.org_id = c.org_id
GROUP BY c.name, c.email
ORDER BY revenue DESC;

-- Customers without any invoice yet.
SELECT c.id, c.name, c.region
FROM customers c
LEFT JOIN invoices i ON i.customer_id = c.id AND i.org_id = c.org_id
WHERE i.id IS NULL;

-- Large invoices and who to ask about them.
WITH large AS (
  SELECT * FROM invoices WHERE amount > 1000
)
SELECT l.id, l.amount, c.name, c.phone
FROM large l
JOIN customers c ON c.id = l.customer_id AND c.org_id = l.org_id;
