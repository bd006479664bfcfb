-- Made-up rows for the preview: three tenants in two regions. No real person is named here.

INSERT INTO organizations (id, name, plan, region) VALUES
  (1, 'Acme Retail', 'enterprise', 'eu-west'),
  (2, 'Globex Logistics', 'team', 'eu-central'),
  (3, 'Initech Media', 'team', 'eu-west');

INSERT INTO users (id, org_id, email, full_name, phone, department, region) VALUES
  (10, 1, 'ana.lopez@acme.example', 'Ana Lopez', '+44 20 7946 0001', 'finance', 'eu-west'),
  (11, 1, 'ben.okafor@acme.example', 'Ben Okafor', '+44 20 7946 0002', 'sales', 'eu-west'),
  (12, 1, 'chen.wei@acme.example', 'Chen Wei', NULL, 'sales', 'eu-central'),
  (20, 2, 'dora.muller@globex.example', 'Dora Müller', '+49 30 901820', 'finance', 'eu-central'),
  (21, 2, 'emil.novak@globex.example', 'Emil Novák', '+49 30 901821', 'operations', 'eu-central'),
  (30, 3, 'fay.dubois@initech.example', 'Fay Dubois', '+33 1 70 36 00 00', 'sales', 'eu-west');

INSERT INTO customers (id, org_id, name, email, phone, region, segment) VALUES
  (100, 1, 'Harbour Cafés', 'orders@harbour.example', '+44 161 496 0000', 'eu-west', 'smb'),
  (101, 1, 'Northgate Pharmacy', 'accounts@northgate.example', '+44 161 496 0001', 'eu-west', 'mid-market'),
  (102, 1, 'Rhein Bikes', 'info@rheinbikes.example', '+49 221 999 000', 'eu-central', 'smb'),
  (200, 2, 'Baltic Freight', 'ops@balticfreight.example', '+49 40 123 456', 'eu-central', 'enterprise'),
  (201, 2, 'Alpine Cold Chain', 'billing@alpinecold.example', NULL, 'eu-central', 'mid-market'),
  (300, 3, 'Studio Lumière', 'hello@lumiere.example', '+33 1 40 00 00 00', 'eu-west', 'smb');

INSERT INTO invoices (id, org_id, customer_id, amount, status, issued_on) VALUES
  (1000, 1, 100, 1200.00, 'paid', '2024-04-02'),
  (1001, 1, 100, 800.50, 'open', '2024-05-02'),
  (1002, 1, 101, 4300.00, 'paid', '2024-04-15'),
  (1003, 1, 102, 250.00, 'void', '2024-04-20'),
  (2000, 2, 200, 15800.00, 'paid', '2024-04-01'),
  (2001, 2, 201, 6200.00, 'open', '2024-05-01'),
  (3000, 3, 300, 990.00, 'paid', '2024-04-30');

INSERT INTO payments (id, org_id, invoice_id, card_number, amount, paid_on) VALUES
  (5000, 1, 1000, '4000056655665556', 1200.00, '2024-04-05'),
  (5001, 1, 1002, '5200828282828210', 4300.00, '2024-04-20'),
  (5002, 2, 2000, '4000002500003155', 15800.00, '2024-04-03'),
  (5003, 3, 3000, '6011000990139424', 990.00, '2024-05-02');

INSERT INTO agent_runs (id, org_id, agent_id, framework, user_id, prompt, tokens) VALUES
  (1, 1, 'forecast-bot', 'langgraph', 10, 'Forecast Q3 revenue for Harbour Cafés', 5120),
  (2, 1, 'support-triage', 'crewai', 11, 'Summarise open invoices of Northgate Pharmacy', 2048),
  (3, 2, 'forecast-bot', 'langgraph', 20, 'Which customers paid late in April?', 3300),
  (4, 3, 'support-triage', 'crewai', 30, 'Draft a reminder for Studio Lumière', 900);
