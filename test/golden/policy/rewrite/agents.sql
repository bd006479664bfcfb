-- role: ServiceAccount
-- attrs: org_id=1 agent_id=forecast-bot agent_framework=langgraph
-- An agent principal: kind-specific masks and filters apply (customers.email is redacted for agents,
-- agent_runs shows only the agent's own runs).
SELECT name, email FROM customers;
SELECT agent_id, prompt, tokens FROM agent_runs;
SELECT p.card_number, p.amount FROM payments p;
