INSERT INTO orders (id, org_id, email, amount) VALUES
  (1, 1, 'a@one.example', 10),
  (2, 1, 'b@one.example', 20),
  (3, 2, 'c@two.example', 30);
