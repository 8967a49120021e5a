-- Imports that match a row to a stored customer or contact by email or phone number
-- (`onDuplicate`, src/integration/duplicates.ts). drizzle-kit generated the column and the indexes
-- from the schema; the backfill and the functions are written by hand.

-- What a job does with a row that duplicates a record. Jobs stored before this option wrote a
-- customer or contact for every row and matched leads: they keep doing so if they resume.
ALTER TABLE "crm"."import_jobs" ADD COLUMN "on_duplicate" text;--> statement-breakpoint
UPDATE "crm"."import_jobs" SET "on_duplicate" = CASE WHEN "resource" = 'leads' THEN 'skip' ELSE 'create' END;--> statement-breakpoint
ALTER TABLE "crm"."import_jobs" ALTER COLUMN "on_duplicate" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "customers_emails_idx" ON "crm"."customers" USING gin (crm.fold_emails(emails));--> statement-breakpoint
CREATE INDEX "customers_phone_keys_idx" ON "crm"."customers" USING gin (crm.phone_keys(phones));--> statement-breakpoint
-- The ids of the transaction's organization's customers with any of `p_emails` (already folded)
-- among their emails, or any of the phone keys `p_keys` (crm.phone_key) among their phones', whatever
-- their state: one call for a whole batch of rows. Each email and key is looked up on its own
-- (`@>` of one element) through customers_emails_idx and customers_phone_keys_idx: an overlap
-- (`&&`) with a batch's 500 values looks so unselective to the planner that it scans the table.
-- The organization is checked after the lookups (`OFFSET 0` keeps it out of them): an organization
-- new since the table was last analyzed looks small to the planner, which would then read all its
-- rows for every value, and an import into it would slow down with every batch it writes. As in
-- 0025, row-level security keeps request queries from these indexes; the caller reads the ids
-- under the policies, keeping the live ones it may see.
CREATE OR REPLACE FUNCTION "crm"."customers_matching"(p_emails text[], p_keys text[])
RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT array(
    SELECT m.id FROM (
      SELECT c.id, c.org_id FROM unnest(p_emails) AS e(email), LATERAL (SELECT t.id, t.org_id FROM crm.customers t
        WHERE crm.fold_emails(t.emails) @> ARRAY[e.email] OFFSET 0) c
      UNION
      SELECT c.id, c.org_id FROM unnest(p_keys) AS k(key), LATERAL (SELECT t.id, t.org_id FROM crm.customers t
        WHERE crm.phone_keys(t.phones) @> ARRAY[k.key] OFFSET 0) c) m
    WHERE m.org_id = nullif(current_setting('crm.org_id', true), '')::uuid)
$$;
--> statement-breakpoint
-- The same for contacts, through contacts_emails_idx (0025) and contacts_phone_keys_idx (0028).
CREATE OR REPLACE FUNCTION "crm"."contacts_matching"(p_emails text[], p_keys text[])
RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT array(
    SELECT m.id FROM (
      SELECT c.id, c.org_id FROM unnest(p_emails) AS e(email), LATERAL (SELECT t.id, t.org_id FROM crm.contacts t
        WHERE crm.fold_emails(t.emails) @> ARRAY[e.email] OFFSET 0) c
      UNION
      SELECT c.id, c.org_id FROM unnest(p_keys) AS k(key), LATERAL (SELECT t.id, t.org_id FROM crm.contacts t
        WHERE crm.phone_keys(t.phones) @> ARRAY[k.key] OFFSET 0) c) m
    WHERE m.org_id = nullif(current_setting('crm.org_id', true), '')::uuid)
$$;
