CREATE TABLE "crm"."stage_win_totals" (
	"org_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"closing_stage_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"closed_day" date NOT NULL,
	"deals" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "stage_win_totals_pk" PRIMARY KEY("org_id","stage_id","owner_id","closed_day","closing_stage_id")
);
--> statement-breakpoint
ALTER TABLE "crm"."stage_win_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm"."organizations" ADD COLUMN "fiscal_year_start_month" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX "stage_win_totals_day_idx" ON "crm"."stage_win_totals" USING btree ("org_id","closed_day");--> statement-breakpoint
ALTER TABLE "crm"."organizations" ADD CONSTRAINT "organizations_fiscal_year_start_month_check" CHECK ("crm"."organizations"."fiscal_year_start_month" between 1 and 12);--> statement-breakpoint
CREATE POLICY "stage_win_totals_tenant" ON "crm"."stage_win_totals" AS PERMISSIVE FOR SELECT TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and ((select crm.visibility()) = 'all' or nullif(owner_id, '00000000-0000-0000-0000-000000000000') = any ((select crm.visible_owner_ids())::uuid[]) or (nullif(owner_id, '00000000-0000-0000-0000-000000000000') is null and (select crm.visibility()) = 'team')));--> statement-breakpoint
-- Historical win rates (src/db/schema/summaries.ts, stage_win_totals): closed deals by every stage
-- they entered, the stage they closed in, owner and closing day in the organization's time zone.
-- Kept exact in the writing transaction by their own statement-level triggers on deals and stage
-- history, as the other summaries are; a bulk load (crm.bulk_load) skips them and rebuilds.
ALTER TABLE "crm"."stage_win_totals" SET (fillfactor = 50);
--> statement-breakpoint
-- What a set of deals contributes: one row per closed live deal and distinct stage it entered.
CREATE OR REPLACE FUNCTION "crm"."win_rate_rows"(p_opps "crm"."opportunities"[], p_hist "crm"."stage_history"[])
RETURNS TABLE (org_id uuid, stage_id uuid, closing_stage_id uuid, owner_id uuid, closed_day date)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT o.org_id, h.stage_id, o.stage_id, coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000'),
         (o.closed_at AT TIME ZONE g.time_zone)::date
  FROM unnest(p_opps) o
  JOIN "crm"."organizations" g ON g.id = o.org_id
  JOIN (SELECT DISTINCT x.org_id, x.opportunity_id, x.to_stage_id AS stage_id FROM unnest(p_hist) x) h
    ON h.org_id = o.org_id AND h.opportunity_id = o.id
  WHERE o.deleted_at IS NULL AND o.closed_at IS NOT NULL
$$;
--> statement-breakpoint
-- Moves the totals from what the deals contributed before a change to what they contribute after
-- it, in key order so that concurrent writers lock rows in one order.
CREATE OR REPLACE FUNCTION "crm"."win_totals_apply"(
  p_before_opps "crm"."opportunities"[], p_before_hist "crm"."stage_history"[],
  p_after_opps "crm"."opportunities"[], p_after_hist "crm"."stage_history"[])
RETURNS void LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
  INSERT INTO "crm"."stage_win_totals" AS t (org_id, stage_id, owner_id, closed_day, closing_stage_id, deals)
  SELECT c.org_id, c.stage_id, c.owner_id, c.closed_day, c.closing_stage_id, sum(c.sign)
  FROM (SELECT -1 AS sign, * FROM "crm"."win_rate_rows"(p_before_opps, p_before_hist)
        UNION ALL
        SELECT 1, * FROM "crm"."win_rate_rows"(p_after_opps, p_after_hist)) c
  GROUP BY c.org_id, c.stage_id, c.owner_id, c.closed_day, c.closing_stage_id
  HAVING sum(c.sign) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (org_id, stage_id, owner_id, closed_day, closing_stage_id)
  DO UPDATE SET deals = t.deals + excluded.deals;
$$;
--> statement-breakpoint
-- Recounts an organization's totals from its deals and their history (a bulk load, a new time zone).
CREATE OR REPLACE FUNCTION "crm"."win_totals_rebuild"(p_org uuid)
RETURNS void LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
  DELETE FROM "crm"."stage_win_totals" WHERE org_id = p_org;
  INSERT INTO "crm"."stage_win_totals" (org_id, stage_id, owner_id, closed_day, closing_stage_id, deals)
  SELECT o.org_id, h.to_stage_id, coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000'),
         (o.closed_at AT TIME ZONE g.time_zone)::date, o.stage_id, count(DISTINCT o.id)
  FROM "crm"."opportunities" o
  JOIN "crm"."organizations" g ON g.id = o.org_id
  JOIN "crm"."stage_history" h ON h.org_id = o.org_id AND h.opportunity_id = o.id
  WHERE o.org_id = p_org AND o.deleted_at IS NULL AND o.closed_at IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5;
$$;
--> statement-breakpoint
-- Deals: a change of stage, owner, closing time or trash mark moves their contribution. A new deal
-- has no history yet (the history refers to it), so an insert changes nothing.
CREATE OR REPLACE FUNCTION "crm"."opportunities_win_totals"()
RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_before "crm"."opportunities"[];
  v_after "crm"."opportunities"[];
  v_hist "crm"."stage_history"[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    v_before := array(
      SELECT o::"crm"."opportunities" FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
      WHERE (o.stage_id, o.owner_id, o.closed_at, o.deleted_at IS NULL)
            IS DISTINCT FROM (n.stage_id, n.owner_id, n.closed_at, n.deleted_at IS NULL)
        AND (o.closed_at IS NOT NULL OR n.closed_at IS NOT NULL));
    IF cardinality(v_before) = 0 THEN RETURN NULL; END IF;
    v_after := array(
      SELECT n::"crm"."opportunities" FROM new_rows n WHERE (n.org_id, n.id) IN (SELECT b.org_id, b.id FROM unnest(v_before) b));
  ELSE -- DELETE
    v_before := array(SELECT o::"crm"."opportunities" FROM old_rows o WHERE o.closed_at IS NOT NULL);
    IF cardinality(v_before) = 0 THEN RETURN NULL; END IF;
    v_after := '{}';
  END IF;
  v_hist := array(
    SELECT h FROM "crm"."stage_history" h
    WHERE (h.org_id, h.opportunity_id) IN (SELECT o.org_id, o.id FROM unnest(v_before) o));
  IF cardinality(v_hist) > 0 THEN
    PERFORM "crm"."win_totals_apply"(v_before, v_hist, v_after, v_hist);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Stage history: what the affected closed deals contributed with the history before the statement,
-- replaced by what they contribute with it now.
CREATE OR REPLACE FUNCTION "crm"."stage_history_win_totals"()
RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_opps "crm"."opportunities"[];
  v_now "crm"."stage_history"[];
  v_before "crm"."stage_history"[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    v_opps := array(SELECT o FROM "crm"."opportunities" o
                    WHERE (o.org_id, o.id) IN (SELECT n.org_id, n.opportunity_id FROM new_rows n)
                      AND o.closed_at IS NOT NULL);
  ELSIF TG_OP = 'DELETE' THEN
    v_opps := array(SELECT o FROM "crm"."opportunities" o
                    WHERE (o.org_id, o.id) IN (SELECT d.org_id, d.opportunity_id FROM old_rows d)
                      AND o.closed_at IS NOT NULL);
  ELSE
    v_opps := array(SELECT o FROM "crm"."opportunities" o
                    WHERE (o.org_id, o.id) IN (SELECT n.org_id, n.opportunity_id FROM new_rows n
                                               UNION SELECT d.org_id, d.opportunity_id FROM old_rows d)
                      AND o.closed_at IS NOT NULL);
  END IF;
  IF cardinality(v_opps) = 0 THEN RETURN NULL; END IF;
  v_now := array(SELECT h FROM "crm"."stage_history" h
                 WHERE (h.org_id, h.opportunity_id) IN (SELECT o.org_id, o.id FROM unnest(v_opps) o));
  IF TG_OP = 'INSERT' THEN
    v_before := array(SELECT h FROM unnest(v_now) h
                      WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.org_id = h.org_id AND n.id = h.id));
  ELSIF TG_OP = 'DELETE' THEN
    v_before := v_now || array(SELECT d::"crm"."stage_history" FROM old_rows d);
  ELSE
    v_before := array(SELECT h FROM unnest(v_now) h
                      WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.org_id = h.org_id AND n.id = h.id))
                || array(SELECT d::"crm"."stage_history" FROM old_rows d);
  END IF;
  PERFORM "crm"."win_totals_apply"(v_opps, v_before, v_opps, v_now);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Closing days are days in the organization's time zone: a new zone moves them.
CREATE OR REPLACE FUNCTION "crm"."organizations_win_totals"()
RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM "crm"."win_totals_rebuild"(NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "crm"."win_rate_rows"("crm"."opportunities"[], "crm"."stage_history"[]) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "crm"."win_totals_apply"("crm"."opportunities"[], "crm"."stage_history"[], "crm"."opportunities"[], "crm"."stage_history"[]) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "crm"."win_totals_rebuild"(uuid) FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER "opportunities_win_totals_update" AFTER UPDATE ON "crm"."opportunities"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION "crm"."opportunities_win_totals"();
--> statement-breakpoint
CREATE TRIGGER "opportunities_win_totals_delete" AFTER DELETE ON "crm"."opportunities"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "crm"."opportunities_win_totals"();
--> statement-breakpoint
CREATE TRIGGER "stage_history_win_totals_insert" AFTER INSERT ON "crm"."stage_history"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  WHEN (current_setting('crm.bulk_load', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "crm"."stage_history_win_totals"();
--> statement-breakpoint
CREATE TRIGGER "stage_history_win_totals_update" AFTER UPDATE ON "crm"."stage_history"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION "crm"."stage_history_win_totals"();
--> statement-breakpoint
CREATE TRIGGER "stage_history_win_totals_delete" AFTER DELETE ON "crm"."stage_history"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "crm"."stage_history_win_totals"();
--> statement-breakpoint
CREATE TRIGGER "organizations_win_totals" AFTER UPDATE OF time_zone ON "crm"."organizations"
  FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION "crm"."organizations_win_totals"();
--> statement-breakpoint
SELECT "crm"."win_totals_rebuild"(id) FROM "crm"."organizations";
