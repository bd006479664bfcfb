CREATE TABLE orders (
  id      integer PRIMARY KEY,
  org_id  integer NOT NULL,
  email   text NOT NULL,
  amount  numeric NOT NULL
);
