-- `?q=` of activities, orders and cases through a trigram index, as the other large lists do
-- (src/resources/search.ts): a folded, stored search text (what each list searched before: an
-- activity's subject and body, an order's number and external id, a case's subject), its
-- trigram index, and crm.search_candidates() for these tables. drizzle-kit generated the columns
-- and indexes; the function is written by hand.
ALTER TABLE "crm"."activities" ADD COLUMN "search" text GENERATED ALWAYS AS (crm.search_fold("subject" || ' ' || coalesce("body", ''))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "crm"."cases" ADD COLUMN "search" text GENERATED ALWAYS AS (crm.search_fold("subject")) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "crm"."orders" ADD COLUMN "search" text GENERATED ALWAYS AS (crm.search_fold(coalesce("number", '') || ' ' || coalesce("external_id", ''))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "activities_search_idx" ON "crm"."activities" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "cases_search_idx" ON "crm"."cases" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "orders_search_idx" ON "crm"."orders" USING gin ("search" gin_trgm_ops);--> statement-breakpoint
-- The candidates of a search (0010), for the seven large lists, with each table's SELECT policy
-- spelled out (this function runs as the tables' owner): the row's own owner where it has one,
-- and its parents' owners as the row keeps them (migration 0012). A two-character CJK `bigram`
-- is looked up in the bigram index, which only customers, contacts, leads and deals have.
CREATE OR REPLACE FUNCTION "crm"."search_candidates"(tbl text, pattern text, bigram text, trashed boolean, cap integer)
RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  org uuid := nullif(current_setting('crm.org_id', true), '')::uuid;
  owners uuid[] := CASE WHEN crm.visibility() <> 'all' THEN crm.visible_owner_ids() END;
  unowned boolean := crm.visibility() = 'team';
  owned text := '(t.%1$s = any($5) OR (t.%1$s IS NULL AND $6))';
  through text := '(t.%1$s IS NOT NULL AND (t.%2$s = any($5) OR (t.%2$s IS NULL AND $6)))';
  visible text;
  matches text := 't.search LIKE $3';
  found uuid[];
BEGIN
  IF org IS NULL OR tbl NOT IN ('customers', 'contacts', 'leads', 'opportunities', 'activities', 'orders', 'cases')
     OR (bigram IS NOT NULL AND tbl IN ('activities', 'orders', 'cases')) THEN
    RETURN '{}';
  END IF;
  visible := CASE
    WHEN owners IS NULL THEN 'true'
    WHEN tbl IN ('contacts', 'cases') THEN format(owned, 'owner_id') || ' OR ' || format(through, 'customer_id', 'customer_owner_id')
    WHEN tbl = 'activities' THEN format(owned, 'owner_id') || ' OR ' || format(through, 'customer_id', 'customer_owner_id')
      || ' OR ' || format(through, 'opportunity_id', 'opportunity_owner_id')
    WHEN tbl = 'orders' THEN format(through, 'customer_id', 'customer_owner_id')
    ELSE format(owned, 'owner_id')
  END;
  IF bigram IS NOT NULL THEN
    matches := 'crm.search_bigrams(t.search) @> ARRAY[$7] AND ' || matches;
  END IF;
  EXECUTE format(
    'SELECT array(SELECT t.id FROM crm.%I t WHERE t.org_id = $1 AND (t.deleted_at IS NOT NULL) = $2
       AND %s AND (%s) LIMIT $4)',
    tbl, matches, visible)
    INTO found USING org, trashed, pattern, cap, owners, unowned, bigram;
  RETURN found;
END
$$;
