-- Lists, the board's tag filter and search at a million rows, for reps and managers. drizzle-kit
-- generated the columns, indexes and policies below from the schema; the backfill, the triggers
-- and the functions are written by hand.
--
-- Contacts, cases, activities and orders are visible through their customer (and activities
-- through their deal). The policies asked `exists (select … from crm.customers …)`, which runs
-- under the customers' own policies: a subplan over every customer the member sees, on every
-- statement (200–900 ms a page at 1M for a rep or a manager). Each row now keeps a copy of its
-- parent's owner (`customer_owner_id`, `opportunity_owner_id`), and the policies compare that
-- copy with the member's owners like any owner column: a test per row, and an index condition
-- for the owner hints of the lists. The alternative, an InitPlan array of the visible customers'
-- ids, costs a read of all of them per statement (12,500 for a manager at 1M) and a linear search
-- of that array per row; the copies cost a trigger per child write and an update of the children
-- when a parent changes owner (rare, and a few rows each).
ALTER TABLE "crm"."contacts" ADD COLUMN "customer_owner_id" uuid;--> statement-breakpoint
ALTER TABLE "crm"."activities" ADD COLUMN "customer_owner_id" uuid;--> statement-breakpoint
ALTER TABLE "crm"."activities" ADD COLUMN "opportunity_owner_id" uuid;--> statement-breakpoint
ALTER TABLE "crm"."cases" ADD COLUMN "customer_owner_id" uuid;--> statement-breakpoint
ALTER TABLE "crm"."orders" ADD COLUMN "customer_owner_id" uuid;--> statement-breakpoint
-- The copies of the rows already there, before the triggers exist (one set-based update each).
UPDATE "crm"."contacts" t SET "customer_owner_id" = c.owner_id FROM "crm"."customers" c
  WHERE c.org_id = t.org_id AND c.id = t.customer_id AND c.owner_id IS NOT NULL;--> statement-breakpoint
UPDATE "crm"."cases" t SET "customer_owner_id" = c.owner_id FROM "crm"."customers" c
  WHERE c.org_id = t.org_id AND c.id = t.customer_id AND c.owner_id IS NOT NULL;--> statement-breakpoint
UPDATE "crm"."orders" t SET "customer_owner_id" = c.owner_id FROM "crm"."customers" c
  WHERE c.org_id = t.org_id AND c.id = t.customer_id AND c.owner_id IS NOT NULL;--> statement-breakpoint
-- Activities in one pass (each row is written once, with all its indexes).
UPDATE "crm"."activities" t SET
    "customer_owner_id" = (SELECT c.owner_id FROM "crm"."customers" c WHERE c.org_id = t.org_id AND c.id = t.customer_id),
    "opportunity_owner_id" = (SELECT o.owner_id FROM "crm"."opportunities" o WHERE o.org_id = t.org_id AND o.id = t.opportunity_id)
  WHERE t.customer_id IS NOT NULL OR t.opportunity_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "contacts_customer_owner_idx" ON "crm"."contacts" USING btree ("org_id","customer_owner_id");--> statement-breakpoint
CREATE INDEX "activities_customer_owner_idx" ON "crm"."activities" USING btree ("org_id","customer_owner_id","occurred_at");--> statement-breakpoint
CREATE INDEX "activities_opportunity_owner_idx" ON "crm"."activities" USING btree ("org_id","opportunity_owner_id","occurred_at");--> statement-breakpoint
CREATE INDEX "cases_customer_owner_idx" ON "crm"."cases" USING btree ("org_id","customer_owner_id");--> statement-breakpoint
CREATE INDEX "orders_customer_owner_idx" ON "crm"."orders" USING btree ("org_id","customer_owner_id","placed_at");--> statement-breakpoint
ALTER POLICY "contacts_visible" ON "crm"."contacts" TO crm_app USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
ALTER POLICY "contacts_insert" ON "crm"."contacts" TO crm_app WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team')))));--> statement-breakpoint
ALTER POLICY "contacts_update" ON "crm"."contacts" TO crm_app USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))))) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team')))));--> statement-breakpoint
ALTER POLICY "contacts_delete" ON "crm"."contacts" TO crm_app USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team')))));--> statement-breakpoint
ALTER POLICY "activities_visible" ON "crm"."activities" TO crm_app USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (opportunity_id is not null and (opportunity_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (opportunity_owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
ALTER POLICY "activities_insert" ON "crm"."activities" TO crm_app WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (opportunity_id is not null and (opportunity_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (opportunity_owner_id is null and (select crm.visibility()) = 'team')))));--> statement-breakpoint
ALTER POLICY "activities_update" ON "crm"."activities" TO crm_app USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (opportunity_id is not null and (opportunity_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (opportunity_owner_id is null and (select crm.visibility()) = 'team'))))) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (opportunity_id is not null and (opportunity_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (opportunity_owner_id is null and (select crm.visibility()) = 'team')))));--> statement-breakpoint
ALTER POLICY "activities_delete" ON "crm"."activities" TO crm_app USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))) or (opportunity_id is not null and (opportunity_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (opportunity_owner_id is null and (select crm.visibility()) = 'team')))));--> statement-breakpoint
ALTER POLICY "cases_visible" ON "crm"."cases" TO crm_app USING (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
ALTER POLICY "cases_insert" ON "crm"."cases" TO crm_app WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team')))));--> statement-breakpoint
ALTER POLICY "cases_update" ON "crm"."cases" TO crm_app USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))))) WITH CHECK ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team')))));--> statement-breakpoint
ALTER POLICY "cases_delete" ON "crm"."cases" TO crm_app USING ((select crm.can_write()) and (((select crm.visibility()) = 'all' or owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (owner_id is null and (select crm.visibility()) = 'team')) or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team')))));--> statement-breakpoint
ALTER POLICY "orders_visible" ON "crm"."orders" TO crm_app USING ((select crm.visibility()) = 'all' or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))));--> statement-breakpoint
ALTER POLICY "orders_insert" ON "crm"."orders" TO crm_app WITH CHECK ((select crm.can_write()) and ((select crm.visibility()) = 'all' or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team')))));--> statement-breakpoint
ALTER POLICY "orders_update" ON "crm"."orders" TO crm_app USING ((select crm.can_write()) and ((select crm.visibility()) = 'all' or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team'))))) WITH CHECK ((select crm.can_write()) and ((select crm.visibility()) = 'all' or (customer_id is not null and (customer_owner_id = any ((select crm.visible_owner_ids())::uuid[]) or (customer_owner_id is null and (select crm.visibility()) = 'team')))));--> statement-breakpoint
-- A child row's copies of its parents' owners, on insert and whenever its parent (or a copy) is
-- written: whatever the writer put there is replaced. The parent is read FOR SHARE, so a
-- concurrent change of the parent's owner either waits for this row's transaction (and then
-- updates this row too) or commits first (and this read sees its owner).
CREATE OR REPLACE FUNCTION "crm"."copy_parent_owners"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  NEW.customer_owner_id := CASE WHEN NEW.customer_id IS NOT NULL THEN
    (SELECT c.owner_id FROM crm.customers c WHERE c.org_id = NEW.org_id AND c.id = NEW.customer_id FOR SHARE) END;
  IF TG_TABLE_NAME = 'activities' THEN
    NEW.opportunity_owner_id := CASE WHEN NEW.opportunity_id IS NOT NULL THEN
      (SELECT o.owner_id FROM crm.opportunities o WHERE o.org_id = NEW.org_id AND o.id = NEW.opportunity_id FOR SHARE) END;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "contacts_parent_owners" BEFORE INSERT OR UPDATE OF customer_id, customer_owner_id ON "crm"."contacts"
  FOR EACH ROW EXECUTE FUNCTION "crm"."copy_parent_owners"();
--> statement-breakpoint
CREATE TRIGGER "cases_parent_owners" BEFORE INSERT OR UPDATE OF customer_id, customer_owner_id ON "crm"."cases"
  FOR EACH ROW EXECUTE FUNCTION "crm"."copy_parent_owners"();
--> statement-breakpoint
CREATE TRIGGER "orders_parent_owners" BEFORE INSERT OR UPDATE OF customer_id, customer_owner_id ON "crm"."orders"
  FOR EACH ROW EXECUTE FUNCTION "crm"."copy_parent_owners"();
--> statement-breakpoint
CREATE TRIGGER "activities_parent_owners" BEFORE INSERT OR UPDATE OF customer_id, customer_owner_id, opportunity_id, opportunity_owner_id
  ON "crm"."activities" FOR EACH ROW EXECUTE FUNCTION "crm"."copy_parent_owners"();
--> statement-breakpoint
-- A parent's new owner, onto its children's copies (whoever changed it, whatever they may see).
CREATE OR REPLACE FUNCTION "crm"."owner_to_children"() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_TABLE_NAME = 'customers' THEN
    UPDATE crm.contacts SET customer_owner_id = NEW.owner_id WHERE org_id = NEW.org_id AND customer_id = NEW.id;
    UPDATE crm.cases SET customer_owner_id = NEW.owner_id WHERE org_id = NEW.org_id AND customer_id = NEW.id;
    UPDATE crm.orders SET customer_owner_id = NEW.owner_id WHERE org_id = NEW.org_id AND customer_id = NEW.id;
    UPDATE crm.activities SET customer_owner_id = NEW.owner_id WHERE org_id = NEW.org_id AND customer_id = NEW.id;
  ELSE
    UPDATE crm.activities SET opportunity_owner_id = NEW.owner_id WHERE org_id = NEW.org_id AND opportunity_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "customers_owner_to_children" AFTER UPDATE OF owner_id ON "crm"."customers"
  FOR EACH ROW WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id) EXECUTE FUNCTION "crm"."owner_to_children"();
--> statement-breakpoint
CREATE TRIGGER "opportunities_owner_to_children" AFTER UPDATE OF owner_id ON "crm"."opportunities"
  FOR EACH ROW WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id) EXECUTE FUNCTION "crm"."owner_to_children"();
--> statement-breakpoint
-- The board's `?tag=` (src/board/board.ts): ids of the organization's customers with the tag that
-- the member may see, found through the tags' GIN index (which the kit's own query cannot use
-- under row-level security: `@>` is not leakproof). The kit then takes the deals of those
-- customers by id, a plan that does not depend on the planner's guess at the tag's frequency.
CREATE OR REPLACE FUNCTION "crm"."tagged_customers"(tag text)
RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  org uuid := nullif(current_setting('crm.org_id', true), '')::uuid;
  owners uuid[] := CASE WHEN crm.visibility() <> 'all' THEN crm.visible_owner_ids() END;
  found uuid[];
BEGIN
  IF org IS NULL THEN
    RETURN '{}';
  END IF;
  -- The customers' SELECT policy, spelled out: this function runs as their owner.
  EXECUTE format(
    'SELECT array(SELECT c.id FROM crm.customers c WHERE c.org_id = $1 AND c.tags @> ARRAY[$2] %s)',
    CASE WHEN owners IS NULL THEN '' ELSE 'AND (c.owner_id = any($3) OR (c.owner_id IS NULL AND $4))' END)
    INTO found USING org, tag, owners, crm.visibility() = 'team';
  RETURN found;
END
$$;
