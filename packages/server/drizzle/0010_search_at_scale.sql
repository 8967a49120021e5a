-- Search and lists at scale. drizzle-kit generated the indexes and policies below from the schema;
-- the functions they use, the removal of the hand-written policies of 0003 (the schema now
-- declares them, src/db/schema/policies.ts) and the search functions are written by hand.
--
-- What the member policies ask, as functions called in scalar subqueries so that PostgreSQL
-- evaluates them once per statement (an InitPlan), not per row. 'all': owner, admin, viewer,
-- integrations; 'team': a manager; 'own': a rep; anything else sees no owner's rows.
CREATE OR REPLACE FUNCTION "crm"."visibility"() RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(current_setting('crm.visibility', true), '')
$$;
--> statement-breakpoint
-- The owners whose records the member sees when they do not see all: their own id (a rep), or
-- the members of the teams they manage and themselves (a manager). Empty for anyone else.
CREATE OR REPLACE FUNCTION "crm"."visible_owner_ids"() RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(CASE current_setting('crm.visibility', true)
    WHEN 'team' THEN string_to_array(nullif(current_setting('crm.team_members', true), ''), ',')::uuid[]
    WHEN 'own' THEN array_remove(ARRAY[nullif(current_setting('crm.user_id', true), '')::uuid], NULL)
  END, '{}')
$$;
--> statement-breakpoint
-- The distinct pairs of adjacent CJK characters (kana, hanzi, hangul) of a search text. A trigram
-- index cannot narrow a two-character term such as 台中; a GIN index of these pairs can.
CREATE OR REPLACE FUNCTION "crm"."search_bigrams"(value text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT coalesce(array_agg(DISTINCT pair), '{}') FROM (
    SELECT substr(value, i, 2) AS pair FROM generate_series(1, length(value) - 1) AS i
  ) pairs
  WHERE pair ~ '^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]{2}$'
$$;
--> statement-breakpoint
-- The hand-written policies of 0003, declared in the schema from now on.
DROP POLICY IF EXISTS "customers_visible" ON "crm"."customers";--> statement-breakpoint
DROP POLICY IF EXISTS "customers_insert" ON "crm"."customers";--> statement-breakpoint
DROP POLICY IF EXISTS "customers_update" ON "crm"."customers";--> statement-breakpoint
DROP POLICY IF EXISTS "customers_delete" ON "crm"."customers";--> statement-breakpoint
DROP POLICY IF EXISTS "contacts_visible" ON "crm"."contacts";--> statement-breakpoint
DROP POLICY IF EXISTS "contacts_insert" ON "crm"."contacts";--> statement-breakpoint
DROP POLICY IF EXISTS "contacts_update" ON "crm"."contacts";--> statement-breakpoint
DROP POLICY IF EXISTS "contacts_delete" ON "crm"."contacts";--> statement-breakpoint
DROP POLICY IF EXISTS "leads_visible" ON "crm"."leads";--> statement-breakpoint
DROP POLICY IF EXISTS "leads_insert" ON "crm"."leads";--> statement-breakpoint
DROP POLICY IF EXISTS "leads_update" ON "crm"."leads";--> statement-breakpoint
DROP POLICY IF EXISTS "leads_delete" ON "crm"."leads";--> statement-breakpoint
DROP POLICY IF EXISTS "opportunities_visible" ON "crm"."opportunities";--> statement-breakpoint
DROP POLICY IF EXISTS "opportunities_insert" ON "crm"."opportunities";--> statement-breakpoint
DROP POLICY IF EXISTS "opportunities_update" ON "crm"."opportunities";--> statement-breakpoint
DROP POLICY IF EXISTS "opportunities_delete" ON "crm"."opportunities";--> statement-breakpoint
DROP POLICY IF EXISTS "cases_visible" ON "crm"."cases";--> statement-breakpoint
DROP POLICY IF EXISTS "cases_insert" ON "crm"."cases";--> statement-breakpoint
DROP POLICY IF EXISTS "cases_update" ON "crm"."cases";--> statement-breakpoint
DROP POLICY IF EXISTS "cases_delete" ON "crm"."cases";--> statement-breakpoint
DROP POLICY IF EXISTS "activities_visible" ON "crm"."activities";--> statement-breakpoint
DROP POLICY IF EXISTS "activities_insert" ON "crm"."activities";--> statement-breakpoint
DROP POLICY IF EXISTS "activities_update" ON "crm"."activities";--> statement-breakpoint
DROP POLICY IF EXISTS "activities_delete" ON "crm"."activities";--> statement-breakpoint
DROP POLICY IF EXISTS "orders_visible" ON "crm"."orders";--> statement-breakpoint
DROP POLICY IF EXISTS "orders_write" ON "crm"."orders";--> statement-breakpoint
DROP POLICY IF EXISTS "orders_update" ON "crm"."orders";--> statement-breakpoint
DROP POLICY IF EXISTS "stage_history_visible" ON "crm"."stage_history";--> statement-breakpoint
DROP POLICY IF EXISTS "stage_history_write" ON "crm"."stage_history";--> statement-breakpoint
DROP POLICY IF EXISTS "stage_history_update" ON "crm"."stage_history";--> statement-breakpoint
DROP POLICY IF EXISTS "pipelines_write" ON "crm"."pipelines";--> statement-breakpoint
DROP POLICY IF EXISTS "pipelines_update" ON "crm"."pipelines";--> statement-breakpoint
DROP POLICY IF EXISTS "stages_write" ON "crm"."stages";--> statement-breakpoint
DROP POLICY IF EXISTS "stages_update" ON "crm"."stages";--> statement-breakpoint
DROP POLICY IF EXISTS "campaigns_write" ON "crm"."campaigns";--> statement-breakpoint
DROP POLICY IF EXISTS "campaigns_update" ON "crm"."campaigns";--> statement-breakpoint
DROP POLICY IF EXISTS "segments_write" ON "crm"."segments";--> statement-breakpoint
DROP POLICY IF EXISTS "segments_update" ON "crm"."segments";--> statement-breakpoint
DROP POLICY IF EXISTS "teams_write" ON "crm"."teams";--> statement-breakpoint
DROP POLICY IF EXISTS "teams_update" ON "crm"."teams";--> statement-breakpoint
DROP POLICY IF EXISTS "users_write" ON "crm"."users";--> statement-breakpoint
DROP POLICY IF EXISTS "users_update" ON "crm"."users";--> statement-breakpoint
DROP POLICY IF EXISTS "organizations_write" ON "crm"."organizations";--> statement-breakpoint
DROP POLICY IF EXISTS "organizations_update" ON "crm"."organizations";--> statement-breakpoint
DROP INDEX "crm"."contacts_name_idx";--> statement-breakpoint
DROP INDEX "crm"."customers_name_idx";--> statement-breakpoint
DROP INDEX "crm"."customers_created_idx";--> statement-breakpoint
DROP INDEX "crm"."customers_updated_idx";--> statement-breakpoint
DROP INDEX "crm"."opportunities_name_idx";--> statement-breakpoint
CREATE INDEX "contacts_created_idx" ON "crm"."contacts" USING btree ("org_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "contacts_updated_idx" ON "crm"."contacts" USING btree ("org_id","updated_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "contacts_trash_idx" ON "crm"."contacts" USING btree ("org_id","deleted_at") WHERE deleted_at is not null;--> statement-breakpoint
CREATE INDEX "contacts_owner_idx" ON "crm"."contacts" USING btree ("org_id","owner_id");--> statement-breakpoint
CREATE INDEX "contacts_search_bigrams_idx" ON "crm"."contacts" USING gin (crm.search_bigrams(search));--> statement-breakpoint
CREATE INDEX "customers_trash_idx" ON "crm"."customers" USING btree ("org_id","deleted_at") WHERE deleted_at is not null;--> statement-breakpoint
CREATE INDEX "customers_region_idx" ON "crm"."customers" USING btree ("org_id","region");--> statement-breakpoint
CREATE INDEX "customers_search_bigrams_idx" ON "crm"."customers" USING gin (crm.search_bigrams(search));--> statement-breakpoint
CREATE INDEX "leads_campaign_idx" ON "crm"."leads" USING btree ("org_id","campaign_id");--> statement-breakpoint
CREATE INDEX "leads_name_idx" ON "crm"."leads" USING btree ("org_id","name","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_score_idx" ON "crm"."leads" USING btree ("org_id","score","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_created_idx" ON "crm"."leads" USING btree ("org_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_trash_idx" ON "crm"."leads" USING btree ("org_id","deleted_at") WHERE deleted_at is not null;--> statement-breakpoint
CREATE INDEX "leads_search_bigrams_idx" ON "crm"."leads" USING gin (crm.search_bigrams(search));--> statement-breakpoint
CREATE INDEX "opportunities_campaign_idx" ON "crm"."opportunities" USING btree ("org_id","campaign_id");--> statement-breakpoint
CREATE INDEX "opportunities_amount_idx" ON "crm"."opportunities" USING btree ("org_id","amount","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "opportunities_close_idx" ON "crm"."opportunities" USING btree ("org_id","expected_close_date","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "opportunities_created_idx" ON "crm"."opportunities" USING btree ("org_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "opportunities_updated_idx" ON "crm"."opportunities" USING btree ("org_id","updated_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "opportunities_trash_idx" ON "crm"."opportunities" USING btree ("org_id","deleted_at") WHERE deleted_at is not null;--> statement-breakpoint
CREATE INDEX "opportunities_search_bigrams_idx" ON "crm"."opportunities" USING gin (crm.search_bigrams(search));--> statement-breakpoint
CREATE INDEX "activities_owner_idx" ON "crm"."activities" USING btree ("org_id","owner_id","occurred_at");--> statement-breakpoint
CREATE INDEX "activities_occurred_idx" ON "crm"."activities" USING btree ("org_id","occurred_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "activities_created_idx" ON "crm"."activities" USING btree ("org_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "activities_open_idx" ON "crm"."activities" USING btree ("org_id","occurred_at","id") WHERE type = 'task' and done_at is null and deleted_at is null;--> statement-breakpoint
CREATE INDEX "activities_trash_idx" ON "crm"."activities" USING btree ("org_id","deleted_at") WHERE deleted_at is not null;--> statement-breakpoint
CREATE INDEX "cases_owner_idx" ON "crm"."cases" USING btree ("org_id","owner_id");--> statement-breakpoint
CREATE INDEX "cases_subject_idx" ON "crm"."cases" USING btree ("org_id","subject","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "cases_due_idx" ON "crm"."cases" USING btree ("org_id","due_by","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "cases_created_idx" ON "crm"."cases" USING btree ("org_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "cases_updated_idx" ON "crm"."cases" USING btree ("org_id","updated_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "cases_trash_idx" ON "crm"."cases" USING btree ("org_id","deleted_at") WHERE deleted_at is not null;--> statement-breakpoint
CREATE INDEX "orders_placed_idx" ON "crm"."orders" USING btree ("org_id","placed_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "orders_total_idx" ON "crm"."orders" USING btree ("org_id","total_amount","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "crm"."orders" USING btree ("org_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "orders_trash_idx" ON "crm"."orders" USING btree ("org_id","deleted_at") WHERE deleted_at is not null;--> statement-breakpoint
CREATE INDEX "contacts_name_idx" ON "crm"."contacts" USING btree ("org_id","name","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "crm"."customers" USING btree ("org_id","name","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "crm"."customers" USING btree ("org_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_updated_idx" ON "crm"."customers" USING btree ("org_id","updated_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "opportunities_name_idx" ON "crm"."opportunities" USING btree ("org_id","name","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE POLICY "organizations_insert" ON "crm"."organizations" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "organizations_update" ON "crm"."organizations" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "teams_insert" ON "crm"."teams" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "teams_update" ON "crm"."teams" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "users_insert" ON "crm"."users" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "users_update" ON "crm"."users" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "contacts_visible" ON "crm"."contacts" AS RESTRICTIVE FOR SELECT TO "crm_app" USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = contacts.org_id and p.id = contacts.customer_id));--> statement-breakpoint
CREATE POLICY "contacts_insert" ON "crm"."contacts" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = contacts.org_id and p.id = contacts.customer_id)));--> statement-breakpoint
CREATE POLICY "contacts_update" ON "crm"."contacts" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = contacts.org_id and p.id = contacts.customer_id))) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = contacts.org_id and p.id = contacts.customer_id)));--> statement-breakpoint
CREATE POLICY "contacts_delete" ON "crm"."contacts" AS RESTRICTIVE FOR DELETE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = contacts.org_id and p.id = contacts.customer_id)));--> statement-breakpoint
CREATE POLICY "customers_visible" ON "crm"."customers" AS RESTRICTIVE FOR SELECT TO "crm_app" USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')));--> statement-breakpoint
CREATE POLICY "customers_insert" ON "crm"."customers" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "customers_update" ON "crm"."customers" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')))) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "customers_delete" ON "crm"."customers" AS RESTRICTIVE FOR DELETE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "campaigns_insert" ON "crm"."campaigns" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "campaigns_update" ON "crm"."campaigns" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "leads_visible" ON "crm"."leads" AS RESTRICTIVE FOR SELECT TO "crm_app" USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')));--> statement-breakpoint
CREATE POLICY "leads_insert" ON "crm"."leads" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "leads_update" ON "crm"."leads" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')))) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "leads_delete" ON "crm"."leads" AS RESTRICTIVE FOR DELETE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "opportunities_visible" ON "crm"."opportunities" AS RESTRICTIVE FOR SELECT TO "crm_app" USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')));--> statement-breakpoint
CREATE POLICY "opportunities_insert" ON "crm"."opportunities" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "opportunities_update" ON "crm"."opportunities" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')))) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "opportunities_delete" ON "crm"."opportunities" AS RESTRICTIVE FOR DELETE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
CREATE POLICY "pipelines_insert" ON "crm"."pipelines" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "pipelines_update" ON "crm"."pipelines" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "stage_history_visible" ON "crm"."stage_history" AS RESTRICTIVE FOR SELECT TO "crm_app" USING ((select crm.visibility()) = 'all' or exists (select 1 from crm.opportunities p where p.org_id = stage_history.org_id and p.id = stage_history.opportunity_id));--> statement-breakpoint
CREATE POLICY "stage_history_insert" ON "crm"."stage_history" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()) and ((select crm.visibility()) = 'all' or exists (select 1 from crm.opportunities p where p.org_id = stage_history.org_id and p.id = stage_history.opportunity_id)));--> statement-breakpoint
CREATE POLICY "stage_history_update" ON "crm"."stage_history" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()) and ((select crm.visibility()) = 'all' or exists (select 1 from crm.opportunities p where p.org_id = stage_history.org_id and p.id = stage_history.opportunity_id))) WITH CHECK ((select crm.can_write()) and ((select crm.visibility()) = 'all' or exists (select 1 from crm.opportunities p where p.org_id = stage_history.org_id and p.id = stage_history.opportunity_id)));--> statement-breakpoint
CREATE POLICY "stages_insert" ON "crm"."stages" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "stages_update" ON "crm"."stages" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "activities_visible" ON "crm"."activities" AS RESTRICTIVE FOR SELECT TO "crm_app" USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = activities.org_id and p.id = activities.customer_id) or exists (select 1 from crm.opportunities p where p.org_id = activities.org_id and p.id = activities.opportunity_id));--> statement-breakpoint
CREATE POLICY "activities_insert" ON "crm"."activities" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = activities.org_id and p.id = activities.customer_id) or exists (select 1 from crm.opportunities p where p.org_id = activities.org_id and p.id = activities.opportunity_id)));--> statement-breakpoint
CREATE POLICY "activities_update" ON "crm"."activities" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = activities.org_id and p.id = activities.customer_id) or exists (select 1 from crm.opportunities p where p.org_id = activities.org_id and p.id = activities.opportunity_id))) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = activities.org_id and p.id = activities.customer_id) or exists (select 1 from crm.opportunities p where p.org_id = activities.org_id and p.id = activities.opportunity_id)));--> statement-breakpoint
CREATE POLICY "activities_delete" ON "crm"."activities" AS RESTRICTIVE FOR DELETE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = activities.org_id and p.id = activities.customer_id) or exists (select 1 from crm.opportunities p where p.org_id = activities.org_id and p.id = activities.opportunity_id)));--> statement-breakpoint
CREATE POLICY "cases_visible" ON "crm"."cases" AS RESTRICTIVE FOR SELECT TO "crm_app" USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = cases.org_id and p.id = cases.customer_id));--> statement-breakpoint
CREATE POLICY "cases_insert" ON "crm"."cases" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = cases.org_id and p.id = cases.customer_id)));--> statement-breakpoint
CREATE POLICY "cases_update" ON "crm"."cases" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = cases.org_id and p.id = cases.customer_id))) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = cases.org_id and p.id = cases.customer_id)));--> statement-breakpoint
CREATE POLICY "cases_delete" ON "crm"."cases" AS RESTRICTIVE FOR DELETE TO "crm_app" USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or exists (select 1 from crm.customers p where p.org_id = cases.org_id and p.id = cases.customer_id)));--> statement-breakpoint
CREATE POLICY "orders_visible" ON "crm"."orders" AS RESTRICTIVE FOR SELECT TO "crm_app" USING ((select crm.visibility()) = 'all' or exists (select 1 from crm.customers p where p.org_id = orders.org_id and p.id = orders.customer_id));--> statement-breakpoint
CREATE POLICY "orders_insert" ON "crm"."orders" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()) and ((select crm.visibility()) = 'all' or exists (select 1 from crm.customers p where p.org_id = orders.org_id and p.id = orders.customer_id)));--> statement-breakpoint
CREATE POLICY "orders_update" ON "crm"."orders" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()) and ((select crm.visibility()) = 'all' or exists (select 1 from crm.customers p where p.org_id = orders.org_id and p.id = orders.customer_id))) WITH CHECK ((select crm.can_write()) and ((select crm.visibility()) = 'all' or exists (select 1 from crm.customers p where p.org_id = orders.org_id and p.id = orders.customer_id)));--> statement-breakpoint
CREATE POLICY "segments_insert" ON "crm"."segments" AS RESTRICTIVE FOR INSERT TO "crm_app" WITH CHECK ((select crm.can_write()));--> statement-breakpoint
CREATE POLICY "segments_update" ON "crm"."segments" AS RESTRICTIVE FOR UPDATE TO "crm_app" USING ((select crm.can_write()));--> statement-breakpoint
ALTER POLICY "funnel_owner_times_tenant" ON "crm"."funnel_owner_times" TO crm_app USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and ((select crm.visibility()) = 'all' or nullif(owner_id, '00000000-0000-0000-0000-000000000000') = any ((select crm.visible_owner_ids())::uuid[]) or (nullif(owner_id, '00000000-0000-0000-0000-000000000000') is null and (select crm.visibility()) = 'team')));--> statement-breakpoint
ALTER POLICY "funnel_owner_totals_tenant" ON "crm"."funnel_owner_totals" TO crm_app USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and ((select crm.visibility()) = 'all' or nullif(owner_id, '00000000-0000-0000-0000-000000000000') = any ((select crm.visible_owner_ids())::uuid[]) or (nullif(owner_id, '00000000-0000-0000-0000-000000000000') is null and (select crm.visibility()) = 'team')));--> statement-breakpoint
ALTER POLICY "stage_totals_tenant" ON "crm"."stage_totals" TO crm_app USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and ((select crm.visibility()) = 'all' or nullif(owner_id, '00000000-0000-0000-0000-000000000000') = any ((select crm.visible_owner_ids())::uuid[]) or (nullif(owner_id, '00000000-0000-0000-0000-000000000000') is null and (select crm.visibility()) = 'team')));--> statement-breakpoint
-- The candidates of a search (see 0006 and src/resources/search.ts), now with the member's
-- visibility as an owner list the planner can see (`owner_id = any($5)`): it estimates how few
-- rows a rep sees and keeps to the indexes instead of scanning the table to fill the LIMIT. A
-- `bigram` (two folded CJK characters) is looked up in the bigram index instead of the trigrams.
DROP FUNCTION IF EXISTS "crm"."search_candidates"(text, text, boolean, integer);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "crm"."search_candidates"(tbl text, pattern text, bigram text, trashed boolean, cap integer)
RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  org uuid := nullif(current_setting('crm.org_id', true), '')::uuid;
  owners uuid[] := CASE WHEN crm.visibility() <> 'all' THEN crm.visible_owner_ids() END;
  unowned boolean := crm.visibility() = 'team';
  owned text := '(%1$s.owner_id = any($5) OR (%1$s.owner_id IS NULL AND $6))';
  visible text;
  matches text := 't.search LIKE $3';
  found uuid[];
BEGIN
  IF org IS NULL OR tbl NOT IN ('customers', 'contacts', 'leads', 'opportunities') THEN
    RETURN '{}';
  END IF;
  -- The tables' SELECT policies, spelled out: this function runs as their owner.
  visible := CASE
    WHEN owners IS NULL THEN 'true'
    WHEN tbl = 'contacts' THEN format(owned, 't') || ' OR EXISTS (SELECT 1 FROM crm.customers p
      WHERE p.org_id = t.org_id AND p.id = t.customer_id AND ' || format(owned, 'p') || ')'
    ELSE format(owned, 't')
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
--> statement-breakpoint
-- Replaced by crm.visibility() and crm.visible_owner_ids() everywhere.
DROP FUNCTION IF EXISTS "crm"."visible"(uuid);
