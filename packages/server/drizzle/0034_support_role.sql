-- The support role: a service desk's agent serves every customer and works every case, and sees no
-- sales records. drizzle-kit generated the enum value and the policies from the schema
-- (src/db/schema/policies.ts: crm.visibility is 'service' for a support agent, which no owner
-- test matches, so every owned table they are not granted stays empty to them); the new
-- definition of crm.search_candidates() at the end is written by hand.
ALTER TYPE "crm"."role" ADD VALUE 'support';--> statement-breakpoint
CREATE POLICY "campaigns_sales" ON "crm"."campaigns" AS RESTRICTIVE FOR ALL TO "crm_app" USING ((select crm.visibility()) <> 'service') WITH CHECK ((select crm.visibility()) <> 'service');--> statement-breakpoint
CREATE POLICY "pipelines_sales" ON "crm"."pipelines" AS RESTRICTIVE FOR ALL TO "crm_app" USING ((select crm.visibility()) <> 'service') WITH CHECK ((select crm.visibility()) <> 'service');--> statement-breakpoint
CREATE POLICY "stages_sales" ON "crm"."stages" AS RESTRICTIVE FOR ALL TO "crm_app" USING ((select crm.visibility()) <> 'service') WITH CHECK ((select crm.visibility()) <> 'service');--> statement-breakpoint
CREATE POLICY "segments_sales" ON "crm"."segments" AS RESTRICTIVE FOR ALL TO "crm_app" USING ((select crm.visibility()) <> 'service') WITH CHECK ((select crm.visibility()) <> 'service');--> statement-breakpoint
CREATE POLICY "assignment_rules_sales" ON "crm"."assignment_rules" AS RESTRICTIVE FOR ALL TO "crm_app" USING ((select crm.visibility()) <> 'service') WITH CHECK ((select crm.visibility()) <> 'service');--> statement-breakpoint
CREATE POLICY "lead_forms_sales" ON "crm"."lead_forms" AS RESTRICTIVE FOR ALL TO "crm_app" USING ((select crm.visibility()) <> 'service') WITH CHECK ((select crm.visibility()) <> 'service');--> statement-breakpoint
ALTER POLICY "contacts_visible" ON "crm"."contacts" TO crm_app USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (select crm.visibility()) = 'service');--> statement-breakpoint
ALTER POLICY "contacts_insert" ON "crm"."contacts" TO crm_app WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (select crm.visibility()) = 'service'));--> statement-breakpoint
ALTER POLICY "contacts_update" ON "crm"."contacts" TO crm_app USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (select crm.visibility()) = 'service')) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (select crm.visibility()) = 'service'));--> statement-breakpoint
ALTER POLICY "contacts_delete" ON "crm"."contacts" TO crm_app USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (select crm.visibility()) = 'service'));--> statement-breakpoint
ALTER POLICY "customers_visible" ON "crm"."customers" TO crm_app USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (select crm.visibility()) = 'service');--> statement-breakpoint
ALTER POLICY "activities_visible" ON "crm"."activities" TO crm_app USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (opportunity_id is not null and (opportunity_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (opportunity_owner_id is null and (select crm.visibility()) = 'team'))) or ((select crm.visibility()) = 'service' and opportunity_id is null and lead_id is null));--> statement-breakpoint
ALTER POLICY "activities_insert" ON "crm"."activities" TO crm_app WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (opportunity_id is not null and (opportunity_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (opportunity_owner_id is null and (select crm.visibility()) = 'team'))) or ((select crm.visibility()) = 'service' and opportunity_id is null and lead_id is null)));--> statement-breakpoint
ALTER POLICY "activities_update" ON "crm"."activities" TO crm_app USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (opportunity_id is not null and (opportunity_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (opportunity_owner_id is null and (select crm.visibility()) = 'team'))) or ((select crm.visibility()) = 'service' and opportunity_id is null and lead_id is null))) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (opportunity_id is not null and (opportunity_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (opportunity_owner_id is null and (select crm.visibility()) = 'team'))) or ((select crm.visibility()) = 'service' and opportunity_id is null and lead_id is null)));--> statement-breakpoint
ALTER POLICY "activities_delete" ON "crm"."activities" TO crm_app USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (opportunity_id is not null and (opportunity_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (opportunity_owner_id is null and (select crm.visibility()) = 'team'))) or ((select crm.visibility()) = 'service' and opportunity_id is null and lead_id is null)));--> statement-breakpoint
ALTER POLICY "cases_visible" ON "crm"."cases" TO crm_app USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (select crm.visibility()) = 'service');--> statement-breakpoint
ALTER POLICY "cases_insert" ON "crm"."cases" TO crm_app WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (select crm.visibility()) = 'service'));--> statement-breakpoint
ALTER POLICY "cases_update" ON "crm"."cases" TO crm_app USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (select crm.visibility()) = 'service')) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (select crm.visibility()) = 'service'));--> statement-breakpoint
ALTER POLICY "cases_delete" ON "crm"."cases" TO crm_app USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (select crm.visibility()) = 'service'));--> statement-breakpoint
ALTER POLICY "orders_visible" ON "crm"."orders" TO crm_app USING ((select crm.visibility()) = 'all' or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (select crm.visibility()) = 'service');--> statement-breakpoint
-- The candidates of a search (0013), with the support agent's access spelled out as the policies
-- give it: every customer, contact, case and order, the activities not about a deal or a lead, and
-- no lead or deal.
CREATE OR REPLACE FUNCTION "crm"."search_candidates"(tbl text, pattern text, bigram text, trashed boolean, cap integer)
RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  org uuid := nullif(current_setting('crm.org_id', true), '')::uuid;
  service boolean := crm.visibility() = 'service';
  owners uuid[] := CASE WHEN crm.visibility() <> 'all' THEN crm.visible_owner_ids() END;
  unowned boolean := crm.visibility() = 'team';
  owned text := '(t.%1$s = any($5) OR (t.%1$s IS NULL AND $6))';
  through text := '(t.%1$s IS NOT NULL AND (t.%2$s = any($5) OR (t.%2$s IS NULL AND $6)))';
  visible text;
  matches text := 't.search LIKE $3';
  found uuid[];
BEGIN
  IF org IS NULL OR tbl NOT IN ('customers', 'contacts', 'leads', 'opportunities', 'activities', 'orders', 'cases')
     OR (bigram IS NOT NULL AND tbl IN ('activities', 'orders', 'cases'))
     OR (service AND tbl IN ('leads', 'opportunities')) THEN
    RETURN '{}';
  END IF;
  visible := CASE
    WHEN owners IS NULL THEN 'true'
    WHEN service AND tbl = 'activities' THEN 't.opportunity_id IS NULL AND t.lead_id IS NULL'
    WHEN service THEN 'true'
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
