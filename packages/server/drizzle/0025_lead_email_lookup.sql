-- Matching a public form submission to an open lead or a contact by its email (src/leads/capture.ts).
-- Under row-level security neither `lower(email) = $1` (leads_email_idx) nor a test of a contact's
-- email list may use an index (neither `lower()` nor `unnest` is leakproof), and the trigram
-- candidates that replaced them (0013) take 5 ms each when every email ends alike. The functions
-- below run as the tables' owner and use the indexes; they answer ids only, and only of the
-- organization the transaction is scoped to. The kit reads those ids under the policies, so what
-- the member may see is still theirs to decide. drizzle-kit generated the index from the schema
-- (db/schema/customers.ts); the functions are written by hand.

-- A contact's emails, each lower-cased (as a submission's email is folded), for the index below.
CREATE OR REPLACE FUNCTION "crm"."fold_emails"(emails text[])
RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT array(SELECT lower(e) FROM unnest(emails) e)
$$;
--> statement-breakpoint
CREATE INDEX "contacts_emails_idx" ON "crm"."contacts" USING gin (crm.fold_emails(emails));--> statement-breakpoint
-- The ids of the transaction's organization's leads whose email, lower-cased, is `p_email` (already
-- folded), whatever their state: the caller keeps the live, open ones it may see. leads_email_idx.
CREATE OR REPLACE FUNCTION "crm"."leads_with_email"(p_email text)
RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT array(SELECT l.id FROM crm.leads l
    WHERE l.org_id = nullif(current_setting('crm.org_id', true), '')::uuid AND lower(l.email) = p_email)
$$;
--> statement-breakpoint
-- The ids of the transaction's organization's contacts with `p_email` (already folded) among their
-- emails, lower-cased, whatever their state: the caller keeps the live ones it may see. contacts_emails_idx.
CREATE OR REPLACE FUNCTION "crm"."contacts_with_email"(p_email text)
RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT array(SELECT c.id FROM crm.contacts c
    WHERE c.org_id = nullif(current_setting('crm.org_id', true), '')::uuid
      AND crm.fold_emails(c.emails) @> ARRAY[p_email])
$$;
