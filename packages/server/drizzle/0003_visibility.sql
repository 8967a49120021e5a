-- What each member may see and change, on top of the tenant policies: restrictive policies,
-- so they narrow what the organization's policy allows. The transaction's settings come from
-- inOrg(): crm.visibility is 'all' (owner, admin, viewer, integrations), 'team' (a manager:
-- crm.team_members lists the members of the teams they manage, down the tree) or 'own' (a rep).
CREATE OR REPLACE FUNCTION crm.visible(owner uuid) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE current_setting('crm.visibility', true)
    WHEN 'all' THEN true
    WHEN 'team' THEN owner IS NULL
      OR owner = ANY (string_to_array(current_setting('crm.team_members', true), ',')::uuid[])
    WHEN 'own' THEN owner = nullif(current_setting('crm.user_id', true), '')::uuid
    ELSE false
  END
$$;
--> statement-breakpoint
-- Viewers read; everyone else writes what they can see.
CREATE OR REPLACE FUNCTION crm.can_write() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(current_setting('crm.role', true), '') <> 'viewer'
$$;
--> statement-breakpoint
CREATE POLICY "customers_visible" ON "crm"."customers" AS RESTRICTIVE FOR SELECT TO crm_app USING (crm.visible(owner_id));
--> statement-breakpoint
CREATE POLICY "customers_insert" ON "crm"."customers" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write() AND (crm.visible(owner_id)));
--> statement-breakpoint
CREATE POLICY "customers_update" ON "crm"."customers" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write() AND (crm.visible(owner_id))) WITH CHECK (crm.can_write() AND (crm.visible(owner_id)));
--> statement-breakpoint
CREATE POLICY "customers_delete" ON "crm"."customers" AS RESTRICTIVE FOR DELETE TO crm_app USING (crm.can_write() AND (crm.visible(owner_id)));
--> statement-breakpoint
CREATE POLICY "contacts_visible" ON "crm"."contacts" AS RESTRICTIVE FOR SELECT TO crm_app USING (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = contacts.org_id and p.id = contacts.customer_id));
--> statement-breakpoint
CREATE POLICY "contacts_insert" ON "crm"."contacts" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write() AND (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = contacts.org_id and p.id = contacts.customer_id)));
--> statement-breakpoint
CREATE POLICY "contacts_update" ON "crm"."contacts" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write() AND (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = contacts.org_id and p.id = contacts.customer_id))) WITH CHECK (crm.can_write() AND (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = contacts.org_id and p.id = contacts.customer_id)));
--> statement-breakpoint
CREATE POLICY "contacts_delete" ON "crm"."contacts" AS RESTRICTIVE FOR DELETE TO crm_app USING (crm.can_write() AND (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = contacts.org_id and p.id = contacts.customer_id)));
--> statement-breakpoint
CREATE POLICY "leads_visible" ON "crm"."leads" AS RESTRICTIVE FOR SELECT TO crm_app USING (crm.visible(owner_id));
--> statement-breakpoint
CREATE POLICY "leads_insert" ON "crm"."leads" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write() AND (crm.visible(owner_id)));
--> statement-breakpoint
CREATE POLICY "leads_update" ON "crm"."leads" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write() AND (crm.visible(owner_id))) WITH CHECK (crm.can_write() AND (crm.visible(owner_id)));
--> statement-breakpoint
CREATE POLICY "leads_delete" ON "crm"."leads" AS RESTRICTIVE FOR DELETE TO crm_app USING (crm.can_write() AND (crm.visible(owner_id)));
--> statement-breakpoint
CREATE POLICY "opportunities_visible" ON "crm"."opportunities" AS RESTRICTIVE FOR SELECT TO crm_app USING (crm.visible(owner_id));
--> statement-breakpoint
CREATE POLICY "opportunities_insert" ON "crm"."opportunities" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write() AND (crm.visible(owner_id)));
--> statement-breakpoint
CREATE POLICY "opportunities_update" ON "crm"."opportunities" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write() AND (crm.visible(owner_id))) WITH CHECK (crm.can_write() AND (crm.visible(owner_id)));
--> statement-breakpoint
CREATE POLICY "opportunities_delete" ON "crm"."opportunities" AS RESTRICTIVE FOR DELETE TO crm_app USING (crm.can_write() AND (crm.visible(owner_id)));
--> statement-breakpoint
CREATE POLICY "cases_visible" ON "crm"."cases" AS RESTRICTIVE FOR SELECT TO crm_app USING (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = cases.org_id and p.id = cases.customer_id));
--> statement-breakpoint
CREATE POLICY "cases_insert" ON "crm"."cases" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write() AND (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = cases.org_id and p.id = cases.customer_id)));
--> statement-breakpoint
CREATE POLICY "cases_update" ON "crm"."cases" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write() AND (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = cases.org_id and p.id = cases.customer_id))) WITH CHECK (crm.can_write() AND (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = cases.org_id and p.id = cases.customer_id)));
--> statement-breakpoint
CREATE POLICY "cases_delete" ON "crm"."cases" AS RESTRICTIVE FOR DELETE TO crm_app USING (crm.can_write() AND (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = cases.org_id and p.id = cases.customer_id)));
--> statement-breakpoint
CREATE POLICY "activities_visible" ON "crm"."activities" AS RESTRICTIVE FOR SELECT TO crm_app USING (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = activities.org_id and p.id = activities.customer_id) OR exists (select 1 from crm.opportunities p where p.org_id = activities.org_id and p.id = activities.opportunity_id));
--> statement-breakpoint
CREATE POLICY "activities_insert" ON "crm"."activities" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write() AND (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = activities.org_id and p.id = activities.customer_id) OR exists (select 1 from crm.opportunities p where p.org_id = activities.org_id and p.id = activities.opportunity_id)));
--> statement-breakpoint
CREATE POLICY "activities_update" ON "crm"."activities" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write() AND (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = activities.org_id and p.id = activities.customer_id) OR exists (select 1 from crm.opportunities p where p.org_id = activities.org_id and p.id = activities.opportunity_id))) WITH CHECK (crm.can_write() AND (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = activities.org_id and p.id = activities.customer_id) OR exists (select 1 from crm.opportunities p where p.org_id = activities.org_id and p.id = activities.opportunity_id)));
--> statement-breakpoint
CREATE POLICY "activities_delete" ON "crm"."activities" AS RESTRICTIVE FOR DELETE TO crm_app USING (crm.can_write() AND (crm.visible(owner_id) OR exists (select 1 from crm.customers p where p.org_id = activities.org_id and p.id = activities.customer_id) OR exists (select 1 from crm.opportunities p where p.org_id = activities.org_id and p.id = activities.opportunity_id)));
--> statement-breakpoint
CREATE POLICY "orders_visible" ON "crm"."orders" AS RESTRICTIVE FOR SELECT TO crm_app USING (exists (select 1 from crm.customers p where p.org_id = orders.org_id and p.id = orders.customer_id));
--> statement-breakpoint
CREATE POLICY "orders_write" ON "crm"."orders" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write() AND exists (select 1 from crm.customers p where p.org_id = orders.org_id and p.id = orders.customer_id));
--> statement-breakpoint
CREATE POLICY "orders_update" ON "crm"."orders" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write() AND exists (select 1 from crm.customers p where p.org_id = orders.org_id and p.id = orders.customer_id));
--> statement-breakpoint
CREATE POLICY "stage_history_visible" ON "crm"."stage_history" AS RESTRICTIVE FOR SELECT TO crm_app USING (exists (select 1 from crm.opportunities p where p.org_id = stage_history.org_id and p.id = stage_history.opportunity_id));
--> statement-breakpoint
CREATE POLICY "stage_history_write" ON "crm"."stage_history" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write() AND exists (select 1 from crm.opportunities p where p.org_id = stage_history.org_id and p.id = stage_history.opportunity_id));
--> statement-breakpoint
CREATE POLICY "stage_history_update" ON "crm"."stage_history" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write() AND exists (select 1 from crm.opportunities p where p.org_id = stage_history.org_id and p.id = stage_history.opportunity_id));
--> statement-breakpoint
CREATE POLICY "pipelines_write" ON "crm"."pipelines" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write());
--> statement-breakpoint
CREATE POLICY "pipelines_update" ON "crm"."pipelines" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write());
--> statement-breakpoint
CREATE POLICY "stages_write" ON "crm"."stages" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write());
--> statement-breakpoint
CREATE POLICY "stages_update" ON "crm"."stages" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write());
--> statement-breakpoint
CREATE POLICY "campaigns_write" ON "crm"."campaigns" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write());
--> statement-breakpoint
CREATE POLICY "campaigns_update" ON "crm"."campaigns" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write());
--> statement-breakpoint
CREATE POLICY "segments_write" ON "crm"."segments" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write());
--> statement-breakpoint
CREATE POLICY "segments_update" ON "crm"."segments" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write());
--> statement-breakpoint
CREATE POLICY "teams_write" ON "crm"."teams" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write());
--> statement-breakpoint
CREATE POLICY "teams_update" ON "crm"."teams" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write());
--> statement-breakpoint
CREATE POLICY "users_write" ON "crm"."users" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write());
--> statement-breakpoint
CREATE POLICY "users_update" ON "crm"."users" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write());
--> statement-breakpoint
CREATE POLICY "organizations_write" ON "crm"."organizations" AS RESTRICTIVE FOR INSERT TO crm_app WITH CHECK (crm.can_write());
--> statement-breakpoint
CREATE POLICY "organizations_update" ON "crm"."organizations" AS RESTRICTIVE FOR UPDATE TO crm_app USING (crm.can_write());
