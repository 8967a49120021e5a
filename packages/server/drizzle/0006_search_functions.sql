-- Search that row-level security cannot slow down. Matching text with LIKE is not "leakproof",
-- so under the policies PostgreSQL must check each row's visibility before it may test the text,
-- and the trigram indexes go unused: every search scanned the organization's whole table. The
-- candidates function below runs as the tables' owner and uses the indexes to find the ids of
-- the organization's rows whose text matches; the request's own query then keeps those of them
-- the caller may see (comparing ids is leakproof, so that is an index lookup under the policies).
-- It returns ids only, never rows, and only of the organization the transaction is scoped to.

-- Search text folds case and the variant forms of common Chinese characters (臺/台, 裏/裡, …),
-- so that either form finds the other.
CREATE OR REPLACE FUNCTION "crm"."search_fold"(value text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT translate(lower(value), '臺峯裏着衞綫麪爲僞啓戸戶眞淸靑羣够衆汙牀鷄鈎敎册吿', '台峰裡著衛線麵為偽啟户户真清青群夠眾污床雞鉤教冊告')
$$;
--> statement-breakpoint
-- As before (names, emails and phones in one text, phones also as bare digits), now folded.
CREATE OR REPLACE FUNCTION "crm"."search_text"(name text, emails text[], phones text[])
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT crm.search_fold(concat_ws(' ', name, array_to_string(emails, ' '), array_to_string(phones, ' '),
    translate(regexp_replace(array_to_string(phones, '|'), '[^0-9|]', '', 'g'), '|', ' ')))
$$;
--> statement-breakpoint
-- Stored search texts that hold a variant are written again with the new function.
UPDATE "crm"."customers" SET "name" = "name" WHERE "search" ~ '[臺峯裏着衞綫麪爲僞啓戸戶眞淸靑羣够衆汙牀鷄鈎敎册吿]';
--> statement-breakpoint
UPDATE "crm"."contacts" SET "name" = "name" WHERE "search" ~ '[臺峯裏着衞綫麪爲僞啓戸戶眞淸靑羣够衆汙牀鷄鈎敎册吿]';
--> statement-breakpoint
-- The ids of up to `cap` rows of `tbl` in the transaction's organization, live or trashed, whose
-- search text is LIKE `pattern` (already folded) and that the transaction's member may see (the
-- tables' SELECT policies, spelled out: this function runs as their owner, whom the policies let
-- see everything). The caller's query applies the policies again, so this list can only narrow.
CREATE OR REPLACE FUNCTION "crm"."search_candidates"(tbl text, pattern text, trashed boolean, cap integer)
RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  org uuid := nullif(current_setting('crm.org_id', true), '')::uuid;
  visible text;
  found uuid[];
BEGIN
  IF org IS NULL THEN
    RETURN '{}';
  END IF;
  visible := CASE tbl
    WHEN 'customers' THEN 'crm.visible(t.owner_id)'
    WHEN 'leads' THEN 'crm.visible(t.owner_id)'
    WHEN 'opportunities' THEN 'crm.visible(t.owner_id)'
    WHEN 'contacts' THEN 'crm.visible(t.owner_id) OR EXISTS (SELECT 1 FROM crm.customers p
      WHERE p.org_id = t.org_id AND p.id = t.customer_id AND crm.visible(p.owner_id))'
  END;
  IF visible IS NULL THEN
    RETURN '{}';
  END IF;
  EXECUTE format(
    'SELECT array(SELECT t.id FROM crm.%I t WHERE t.org_id = $1 AND (t.deleted_at IS NOT NULL) = $2
       AND t.search LIKE $3 AND (%s) LIMIT $4)',
    tbl, visible)
    INTO found USING org, trashed, pattern, cap;
  RETURN found;
END
$$;
