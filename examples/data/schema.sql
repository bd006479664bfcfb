-- Northwind Analytics' reporting database: one row per tenant organisation, and the data each
-- tenant sends. Every tenant-owned table carries org_id, the tenant key of northwind.policy.hcl.

CREATE TABLE organizations (
  id          integer PRIMARY KEY,
  name        text NOT NULL,
  plan        text NOT NULL,
  region      text NOT NULL
);

CREATE TABLE users (
  id          integer PRIMARY KEY,
  org_id      integer NOT NULL REFERENCES organizations (id),
  email       text NOT NULL,
  full_name   text NOT NULL,
  phone       text,
  department  text NOT NULL,
  region      text NOT NULL
);

CREATE TABLE customers (
  id          integer PRIMARY KEY,
  org_id      integer NOT NULL REFERENCES organizations (id),
  name        text NOT NULL,
  email       text NOT NULL,
  phone       text,
  region      text NOT NULL,
  segment     text NOT NULL
);

CREATE TABLE invoices (
  id          integer PRIMARY KEY,
  org_id      integer NOT NULL REFERENCES organizations (id),
  customer_id integer NOT NULL REFERENCES customers (id),
  amount      numeric(10,2) NOT NULL,
  status      text NOT NULL,
  issued_on   date NOT NULL
);

CREATE TABLE payments (
  id          integer PRIMARY KEY,
  org_id      integer NOT NULL REFERENCES organizations (id),
  invoice_id  integer NOT NULL REFERENCES invoices (id),
  card_number text NOT NULL,
  amount      numeric(10,2) NOT NULL,
  paid_on     date NOT NULL
);

CREATE TABLE agent_runs (
  id          integer PRIMARY KEY,
  org_id      integer NOT NULL REFERENCES organizations (id),
  agent_id    text NOT NULL,
  framework   text NOT NULL,
  user_id     integer REFERENCES users (id),
  prompt      text NOT NULL,
  tokens      integer NOT NULL
);
