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
-- The ids of up to `cap` rows of `tbl` in the transaction's organization, live or trashed,
-- whose search text is LIKE `pattern` (already folded). Visibility is left to the caller's query.
CREATE OR REPLACE FUNCTION "crm"."search_candidates"(tbl text, pattern text, trashed boolean, cap integer)
RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  org uuid := nullif(current_setting('crm.org_id', true), '')::uuid;
  found uuid[];
BEGIN
  IF org IS NULL OR tbl NOT IN ('customers', 'contacts', 'leads', 'opportunities') THEN
    RETURN '{}';
  END IF;
  EXECUTE format(
    'SELECT array(SELECT id FROM crm.%I WHERE org_id = $1 AND (deleted_at IS NOT NULL) = $2 AND search LIKE $3 LIMIT $4)',
    tbl)
    INTO found USING org, trashed, pattern, cap;
  RETURN found;
END
$$;
