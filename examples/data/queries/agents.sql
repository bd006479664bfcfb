-- What the agents of the organisation ran, for an agent principal (--attr kind=agent).
SELECT agent_id, framework, prompt, tokens
FROM agent_runs
ORDER BY tokens DESC;

-- Payments in the last month, with the card number masked.
SELECT p.id, p.card_number, p.amount, i.status
FROM payments p
JOIN invoices i ON i.id = p.invoice_id AND i.org_id = p.org_id
WHERE p.paid_on >= DATE '2024-04-01';
