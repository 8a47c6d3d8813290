-- The tables a pharmacy ERP might keep for follow-ups. Purchases hold the purchase and its courses as the planner
-- reads them; contacts hold each touchpoint as a plan gave it, with its status.
CREATE TABLE IF NOT EXISTS customers (
  id      text PRIMARY KEY,
  profile jsonb NOT NULL                       -- a CustomerProfile
);
CREATE TABLE IF NOT EXISTS purchases (
  id           text PRIMARY KEY,
  customer_id  text NOT NULL REFERENCES customers (id),
  purchased_at timestamptz NOT NULL,
  purchase     jsonb NOT NULL,                 -- a Purchase
  courses      jsonb NOT NULL                  -- DrugCourse[]
);
CREATE INDEX IF NOT EXISTS purchases_by_customer ON purchases (customer_id, purchased_at);
CREATE TABLE IF NOT EXISTS contacts (
  id           text PRIMARY KEY,               -- the touchpoint id: stable, so a re-run updates, never duplicates
  customer_id  text NOT NULL REFERENCES customers (id),
  purchase_id  text NOT NULL REFERENCES purchases (id),
  urgency      text NOT NULL,
  channel      text NOT NULL,
  starts_at    timestamptz NOT NULL,
  status       text NOT NULL DEFAULT 'planned'
               CHECK (status IN ('planned', 'done', 'not-reached', 'declined', 'cancelled')),
  attempted_at timestamptz,
  touchpoint   jsonb NOT NULL                  -- the Touchpoint
);
CREATE INDEX IF NOT EXISTS contacts_by_customer ON contacts (customer_id, starts_at);
