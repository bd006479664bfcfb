-- line 5: SELECT name, email FROM customers
-- mask customers.email: redact
-- row filter customers.same_tenant on customers: customers.org_id = '1'
SELECT
  name,
  CASE
    WHEN email IS NOT NULL THEN '***'::text
  END AS email
FROM
  customers
WHERE
  customers.org_id = '1';

-- line 6: SELECT agent_id, prompt, tokens FROM agent_runs
-- mask agent_runs.prompt: redact
-- row filter agent_runs.same_tenant on agent_runs: agent_runs.org_id = '1'
-- row filter agent_runs.own_runs on agent_runs: agent_runs.agent_id = 'forecast-bot' AND agent_runs.framework = 'langgraph'
SELECT
  agent_id,
  CASE
    WHEN prompt IS NOT NULL THEN '***'::text
  END AS prompt,
  tokens
FROM
  agent_runs
WHERE
  agent_runs.org_id = '1'
  AND agent_runs.agent_id = 'forecast-bot'
  AND agent_runs.framework = 'langgraph';

-- line 7: SELECT p.card_number, p.amount FROM payments p
-- mask payments.card_number: partial(4)
-- row filter payments.same_tenant on p: p.org_id = '1'
SELECT
  lpad(
    "right" (p.card_number::text, 4),
    length(p.card_number::text),
    '*'
  ) AS card_number,
  p.amount
FROM
  payments AS p
WHERE
  p.org_id = '1';
