-- Matching a new lead (src/leads/matching.ts) beyond its email (0025): to an open lead
-- or a contact by phone number, and to a customer by a similar company name. As in 0025, row-level
-- security keeps request queries from these indexes (the functions below are not leakproof), so
-- security-definer functions look the ids up through them, for the transaction's organization
-- only, and the kit reads those ids under the policies. drizzle-kit generated the indexes from the
-- schema; the functions, which the indexes need first, are written by hand.

-- A phone number's key: its last nine digits however it is written ("+886 2 2345-6789" and
-- "02 2345 6789" share 223456789). A number of fewer than nine digits has none: too short to match on.
CREATE OR REPLACE FUNCTION "crm"."phone_key"(value text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT CASE WHEN length(d) >= 9 THEN right(d, 9) END FROM (SELECT regexp_replace(value, '[^0-9]', '', 'g') AS d) digits
$$;
--> statement-breakpoint
-- A contact's phone numbers' keys, for contacts_phone_keys_idx.
CREATE OR REPLACE FUNCTION "crm"."phone_keys"(phones text[])
RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT array(SELECT k FROM unnest(phones) p, crm.phone_key(p) k WHERE k IS NOT NULL)
$$;
--> statement-breakpoint
CREATE INDEX "contacts_phone_keys_idx" ON "crm"."contacts" USING gin (crm.phone_keys(phones));--> statement-breakpoint
CREATE INDEX "leads_phone_key_idx" ON "crm"."leads" USING btree ("org_id",crm.phone_key("phone")) WHERE phone is not null;--> statement-breakpoint
-- The ids of the transaction's organization's leads whose phone has the key `p_key`, whatever their
-- state: the caller keeps the live, open ones it may see. leads_phone_key_idx.
CREATE OR REPLACE FUNCTION "crm"."leads_with_phone"(p_key text)
RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT array(SELECT l.id FROM crm.leads l
    WHERE l.org_id = nullif(current_setting('crm.org_id', true), '')::uuid
      AND l.phone IS NOT NULL AND crm.phone_key(l.phone) = p_key)
$$;
--> statement-breakpoint
-- The ids of the transaction's organization's contacts with a phone of the key `p_key`, whatever
-- their state: the caller keeps the live ones it may see. contacts_phone_keys_idx.
CREATE OR REPLACE FUNCTION "crm"."contacts_with_phone"(p_key text)
RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT array(SELECT c.id FROM crm.contacts c
    WHERE c.org_id = nullif(current_setting('crm.org_id', true), '')::uuid
      AND crm.phone_keys(c.phones) @> ARRAY[p_key])
$$;
--> statement-breakpoint
-- A company name as a submission's company is compared with it: folded as search folds (case,
-- 臺/台), punctuation as spaces, and without a legal form at the end ("Northwind Traders Ltd." and
-- "northwind traders" are one key; so are 台灣食品股份有限公司 and 台灣食品). In plpgsql, with its
-- cost, so that the planner neither inlines it (the index is on the call) nor thinks a scan that
-- computes it for every row cheap.
CREATE OR REPLACE FUNCTION "crm"."company_key"(value text)
RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT COST 200 AS $$
BEGIN
  RETURN btrim(regexp_replace(
    btrim(regexp_replace(crm.search_fold(value), '[[:punct:][:space:]]+', ' ', 'g')),
    '( (co|corp|corporation|inc|incorporated|llc|ltd|limited|gmbh|plc|company))+$|(股份有限公司|有限公司|公司)$', ''));
END
$$;
--> statement-breakpoint
CREATE INDEX "customers_company_key_idx" ON "crm"."customers" USING gin (crm.company_key(name) gin_trgm_ops);--> statement-breakpoint
-- The ids of the transaction's organization's customers (any state) whose name's key is most like
-- `p_name`'s: trigram similarity of at least 0.7, the most alike first, at most five, of at most 100
-- candidates (a name like many others, say "… Traders" among thousands, costs a bounded time).
-- customers_company_key_idx. pg_trgm's `%` and similarity() live in the schema the extension was
-- installed in (public, usually): the function's search path names it.
DO $do$
DECLARE
  trgm name := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                WHERE e.extname = 'pg_trgm');
BEGIN
  EXECUTE format($create$
    CREATE OR REPLACE FUNCTION "crm"."customers_named_like"(p_name text)
    RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, %1$I, pg_temp
    SET pg_trgm.similarity_threshold = 0.7
    AS $body$
      SELECT array(SELECT id FROM (
        SELECT c.id, similarity(crm.company_key(c.name), crm.company_key(p_name)) AS alike FROM crm.customers c
        WHERE c.org_id = nullif(current_setting('crm.org_id', true), '')::uuid
          AND crm.company_key(c.name) %% crm.company_key(p_name)
        LIMIT 100) candidates
        ORDER BY alike DESC, id LIMIT 5)
    $body$
  $create$, trgm);
END
$do$;
