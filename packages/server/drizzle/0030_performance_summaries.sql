CREATE TABLE "crm"."activity_owner_day_totals" (
	"org_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"day" date NOT NULL,
	"type" "crm"."activity_type" NOT NULL,
	"activities" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_owner_day_totals_pk" PRIMARY KEY("org_id","owner_id","day","type")
);
--> statement-breakpoint
ALTER TABLE "crm"."activity_owner_day_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "crm"."stage_owner_closed_totals" ADD COLUMN "cycle_days" numeric DEFAULT '0' NOT NULL;--> statement-breakpoint
CREATE INDEX "activity_owner_day_totals_day_idx" ON "crm"."activity_owner_day_totals" USING btree ("org_id","day");--> statement-breakpoint
CREATE POLICY "activity_owner_day_totals_tenant" ON "crm"."activity_owner_day_totals" AS PERMISSIVE FOR SELECT TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and ((select crm.visibility()) = 'all' or nullif(owner_id, '00000000-0000-0000-0000-000000000000') = any ((select crm.visible_owner_ids())::uuid[]) or (nullif(owner_id, '00000000-0000-0000-0000-000000000000') is null and (select crm.visibility()) = 'team')));--> statement-breakpoint
-- The performance report (src/reports/performance.ts) reads summaries by owner and day instead of
-- the deals closed and the activities of a period (300,000 deals and 1.2 million activities in an
-- admin's two quarters at a million deals): the closed deals' summary by owner and closing day
-- (0021) now also holds Σ (closing day − creation day), the sales cycle; and a new one counts the
-- activities by owner, day and type. Days are in the organization's time zone, whose change
-- rebuilds them. Kept in step by the summaries' trigger functions, rebuilt by crm.summaries_rebuild.
ALTER TABLE "crm"."activity_owner_day_totals" SET (fillfactor = 50);
--> statement-breakpoint
-- The days on which the performance report counts these activities, in the organization's time
-- zone: a task when it is done, the other kinds when they occurred; none in the trash (as
-- crm.summaries_rebuild counts them).
CREATE OR REPLACE FUNCTION "crm"."activity_days"(p_rows "crm"."activities"[])
RETURNS TABLE (org_id uuid, owner_id uuid, day date, type "crm"."activity_type")
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT a.org_id, coalesce(a.owner_id, '00000000-0000-0000-0000-000000000000'),
         (CASE WHEN a.type = 'task' THEN a.done_at ELSE a.occurred_at END AT TIME ZONE g.time_zone)::date, a.type
  FROM unnest(p_rows) a JOIN "crm"."organizations" g ON g.id = a.org_id
  WHERE a.deleted_at IS NULL AND CASE WHEN a.type = 'task' THEN a.done_at ELSE a.occurred_at END IS NOT NULL
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "crm"."activity_totals_apply"(p_before "crm"."activities"[], p_after "crm"."activities"[])
RETURNS void LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
  INSERT INTO "crm"."activity_owner_day_totals" AS t (org_id, owner_id, day, type, activities)
  SELECT c.org_id, c.owner_id, c.day, c.type, sum(c.sign)
  FROM (SELECT -1 AS sign, d.* FROM "crm"."activity_days"(p_before) d
        UNION ALL
        SELECT 1, d.* FROM "crm"."activity_days"(p_after) d) c
  GROUP BY c.org_id, c.owner_id, c.day, c.type
  HAVING sum(c.sign) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (org_id, owner_id, day, type) DO UPDATE SET activities = t.activities + excluded.activities;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "crm"."activities_summaries"()
RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "crm"."activity_totals_apply"('{}', array(SELECT n::"crm"."activities" FROM new_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    -- The report counts an activity by its owner, type, days and trash mark; other changes (the
    -- subject, the copies of parents' owners) leave the summary as it is.
    PERFORM "crm"."activity_totals_apply"(
      array(SELECT o::"crm"."activities" FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
            WHERE (o.owner_id, o.type, o.occurred_at, o.done_at, o.deleted_at IS NULL)
                  IS DISTINCT FROM (n.owner_id, n.type, n.occurred_at, n.done_at, n.deleted_at IS NULL)),
      array(SELECT n::"crm"."activities" FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
            WHERE (o.owner_id, o.type, o.occurred_at, o.done_at, o.deleted_at IS NULL)
                  IS DISTINCT FROM (n.owner_id, n.type, n.occurred_at, n.done_at, n.deleted_at IS NULL)));
  ELSE -- DELETE
    PERFORM "crm"."activity_totals_apply"(array(SELECT o::"crm"."activities" FROM old_rows o), '{}');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "activities_summaries_insert" AFTER INSERT ON "crm"."activities"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  WHEN (current_setting('crm.bulk_load', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "crm"."activities_summaries"();
--> statement-breakpoint
CREATE TRIGGER "activities_summaries_update" AFTER UPDATE ON "crm"."activities"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "crm"."activities_summaries"();
--> statement-breakpoint
CREATE TRIGGER "activities_summaries_delete" AFTER DELETE ON "crm"."activities"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "crm"."activities_summaries"();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "crm"."stage_totals_apply"(p_before "crm"."opportunities"[], p_after "crm"."opportunities"[])
RETURNS void LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
  WITH c AS MATERIALIZED (
    SELECT d.sign, d.org_id, d.stage_id, coalesce(d.owner_id, '00000000-0000-0000-0000-000000000000') AS owner_id,
           d.forecast_category, d.expected_close_date, (d.closed_at AT TIME ZONE g.time_zone)::date AS closed_day,
           (d.created_at AT TIME ZONE g.time_zone)::date AS created_day,
           d.currency, d.amount, d.probability
    FROM (SELECT -1 AS sign, o.* FROM unnest(p_before) o WHERE o.deleted_at IS NULL
          UNION ALL
          SELECT 1, o.* FROM unnest(p_after) o WHERE o.deleted_at IS NULL) d
    JOIN "crm"."organizations" g ON g.id = d.org_id
  ), by_owner AS (
    INSERT INTO "crm"."stage_totals" AS t (org_id, stage_id, owner_id, currency, deals, amount, amount_default, weighted_override)
    SELECT c.org_id, c.stage_id, c.owner_id, c.currency, sum(c.sign), sum(c.sign * c.amount),
           coalesce(sum(c.sign * c.amount) FILTER (WHERE c.probability IS NULL), 0),
           coalesce(sum(c.sign * c.amount::numeric * c.probability) FILTER (WHERE c.probability IS NOT NULL), 0)
    FROM c GROUP BY c.org_id, c.stage_id, c.owner_id, c.currency
    HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0
        OR coalesce(sum(c.sign * c.amount) FILTER (WHERE c.probability IS NULL), 0) <> 0
        OR coalesce(sum(c.sign * c.amount::numeric * c.probability) FILTER (WHERE c.probability IS NOT NULL), 0) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (org_id, stage_id, owner_id, currency)
    DO UPDATE SET deals = t.deals + excluded.deals, amount = t.amount + excluded.amount,
                  amount_default = t.amount_default + excluded.amount_default,
                  weighted_override = t.weighted_override + excluded.weighted_override
    RETURNING 1
  ), by_owner_close AS (
    INSERT INTO "crm"."stage_owner_close_totals" AS t (org_id, stage_id, owner_id, forecast_category, close_date, currency, deals, amount, amount_default, weighted_override)
    SELECT c.org_id, c.stage_id, c.owner_id, c.forecast_category, c.expected_close_date, c.currency, sum(c.sign), sum(c.sign * c.amount),
           coalesce(sum(c.sign * c.amount) FILTER (WHERE c.probability IS NULL), 0),
           coalesce(sum(c.sign * c.amount::numeric * c.probability) FILTER (WHERE c.probability IS NOT NULL), 0)
    FROM c WHERE c.expected_close_date IS NOT NULL
    GROUP BY c.org_id, c.stage_id, c.owner_id, c.forecast_category, c.expected_close_date, c.currency
    HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0
        OR coalesce(sum(c.sign * c.amount) FILTER (WHERE c.probability IS NULL), 0) <> 0
        OR coalesce(sum(c.sign * c.amount::numeric * c.probability) FILTER (WHERE c.probability IS NOT NULL), 0) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (org_id, stage_id, owner_id, forecast_category, close_date, currency)
    DO UPDATE SET deals = t.deals + excluded.deals, amount = t.amount + excluded.amount,
                  amount_default = t.amount_default + excluded.amount_default,
                  weighted_override = t.weighted_override + excluded.weighted_override
    RETURNING 1
  ), by_owner_closed AS (
    INSERT INTO "crm"."stage_owner_closed_totals" AS t (org_id, stage_id, owner_id, closed_day, currency, deals, amount, amount_default, weighted_override, cycle_days)
    SELECT c.org_id, c.stage_id, c.owner_id, c.closed_day, c.currency, sum(c.sign), sum(c.sign * c.amount),
           coalesce(sum(c.sign * c.amount) FILTER (WHERE c.probability IS NULL), 0),
           coalesce(sum(c.sign * c.amount::numeric * c.probability) FILTER (WHERE c.probability IS NOT NULL), 0),
           sum(c.sign * (c.closed_day - c.created_day))
    FROM c WHERE c.closed_day IS NOT NULL
    GROUP BY c.org_id, c.stage_id, c.owner_id, c.closed_day, c.currency
    HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0
        OR coalesce(sum(c.sign * c.amount) FILTER (WHERE c.probability IS NULL), 0) <> 0
        OR coalesce(sum(c.sign * c.amount::numeric * c.probability) FILTER (WHERE c.probability IS NOT NULL), 0) <> 0
        OR sum(c.sign * (c.closed_day - c.created_day)) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (org_id, stage_id, owner_id, closed_day, currency)
    DO UPDATE SET deals = t.deals + excluded.deals, amount = t.amount + excluded.amount,
                  amount_default = t.amount_default + excluded.amount_default,
                  weighted_override = t.weighted_override + excluded.weighted_override,
                  cycle_days = t.cycle_days + excluded.cycle_days
    RETURNING 1
  )
  INSERT INTO "crm"."stage_close_totals" AS t (org_id, stage_id, close_date, currency, deals, amount, amount_default, weighted_override)
  SELECT c.org_id, c.stage_id, c.expected_close_date, c.currency, sum(c.sign), sum(c.sign * c.amount),
         coalesce(sum(c.sign * c.amount) FILTER (WHERE c.probability IS NULL), 0),
         coalesce(sum(c.sign * c.amount::numeric * c.probability) FILTER (WHERE c.probability IS NOT NULL), 0)
  FROM c WHERE c.expected_close_date IS NOT NULL
  GROUP BY c.org_id, c.stage_id, c.expected_close_date, c.currency
  HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0
      OR coalesce(sum(c.sign * c.amount) FILTER (WHERE c.probability IS NULL), 0) <> 0
      OR coalesce(sum(c.sign * c.amount::numeric * c.probability) FILTER (WHERE c.probability IS NOT NULL), 0) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (org_id, stage_id, close_date, currency)
  DO UPDATE SET deals = t.deals + excluded.deals, amount = t.amount + excluded.amount,
                amount_default = t.amount_default + excluded.amount_default,
                weighted_override = t.weighted_override + excluded.weighted_override;
$$;
--> statement-breakpoint
-- A deal's creation time now counts too (its sales cycle).
CREATE OR REPLACE FUNCTION "crm"."opportunities_summaries"()
RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_before "crm"."opportunities"[];
  v_after "crm"."opportunities"[];
  v_hist "crm"."stage_history"[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A new deal has no stage history yet (the history refers to it), so the funnel is unchanged.
    PERFORM "crm"."stage_totals_apply"('{}', array(SELECT n::"crm"."opportunities" FROM new_rows n));
    RETURN NULL;
  END IF;

  IF TG_OP = 'UPDATE' THEN
    -- The board, the forecast and the performance report depend on a deal's stage, owner, money,
    -- probability, close day, forecast category, closing and creation times and trash mark.
    v_before := array(
      SELECT o::"crm"."opportunities" FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
      WHERE (o.stage_id, o.owner_id, o.currency, o.amount, o.probability, o.expected_close_date, o.forecast_category,
             o.closed_at, o.created_at, o.deleted_at IS NULL)
            IS DISTINCT FROM (n.stage_id, n.owner_id, n.currency, n.amount, n.probability, n.expected_close_date, n.forecast_category,
             n.closed_at, n.created_at, n.deleted_at IS NULL));
    IF cardinality(v_before) > 0 THEN
      PERFORM "crm"."stage_totals_apply"(v_before, array(
        SELECT n::"crm"."opportunities" FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
        WHERE (o.stage_id, o.owner_id, o.currency, o.amount, o.probability, o.expected_close_date, o.forecast_category,
             o.closed_at, o.created_at, o.deleted_at IS NULL)
              IS DISTINCT FROM (n.stage_id, n.owner_id, n.currency, n.amount, n.probability, n.expected_close_date, n.forecast_category,
             n.closed_at, n.created_at, n.deleted_at IS NULL)));
    END IF;
    -- The funnel depends on a deal's pipeline, owner, money, creation time and trash mark.
    v_before := array(
      SELECT o::"crm"."opportunities" FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
      WHERE (o.pipeline_id, o.owner_id, o.currency, o.amount, o.created_at, o.deleted_at IS NULL)
            IS DISTINCT FROM (n.pipeline_id, n.owner_id, n.currency, n.amount, n.created_at, n.deleted_at IS NULL));
    IF cardinality(v_before) = 0 THEN RETURN NULL; END IF;
    v_after := array(
      SELECT n::"crm"."opportunities" FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
      WHERE (o.pipeline_id, o.owner_id, o.currency, o.amount, o.created_at, o.deleted_at IS NULL)
            IS DISTINCT FROM (n.pipeline_id, n.owner_id, n.currency, n.amount, n.created_at, n.deleted_at IS NULL));
  ELSE -- DELETE
    v_before := array(SELECT o::"crm"."opportunities" FROM old_rows o);
    v_after := '{}';
    PERFORM "crm"."stage_totals_apply"(v_before, v_after);
  END IF;

  v_hist := array(
    SELECT h FROM "crm"."stage_history" h
    WHERE (h.org_id, h.opportunity_id) IN (SELECT o.org_id, o.id FROM unnest(v_before) o));
  IF cardinality(v_hist) > 0 THEN
    PERFORM "crm"."funnel_apply"(v_before, v_hist, v_after, v_hist);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "crm"."summaries_rebuild"(p_org uuid)
RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_from uuid := '00000000-0000-0000-0000-000000000000';
  v_to uuid;
  v_opps "crm"."opportunities"[];
BEGIN
  DELETE FROM "crm"."stage_totals" WHERE org_id = p_org;
  DELETE FROM "crm"."stage_close_totals" WHERE org_id = p_org;
  DELETE FROM "crm"."stage_owner_close_totals" WHERE org_id = p_org;
  DELETE FROM "crm"."stage_owner_closed_totals" WHERE org_id = p_org;
  DELETE FROM "crm"."funnel_totals" WHERE org_id = p_org;
  DELETE FROM "crm"."funnel_stage_times" WHERE org_id = p_org;
  DELETE FROM "crm"."funnel_owner_totals" WHERE org_id = p_org;
  DELETE FROM "crm"."funnel_owner_times" WHERE org_id = p_org;
  DELETE FROM "crm"."funnel_owner_day_totals" WHERE org_id = p_org;
  DELETE FROM "crm"."funnel_owner_day_times" WHERE org_id = p_org;
  DELETE FROM "crm"."activity_owner_day_totals" WHERE org_id = p_org;

  INSERT INTO "crm"."stage_totals" (org_id, stage_id, owner_id, currency, deals, amount, amount_default, weighted_override)
  SELECT org_id, stage_id, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'), currency, count(*), sum(amount),
         coalesce(sum(amount) FILTER (WHERE probability IS NULL), 0),
         coalesce(sum(amount::numeric * probability) FILTER (WHERE probability IS NOT NULL), 0)
  FROM "crm"."opportunities" WHERE org_id = p_org AND deleted_at IS NULL
  GROUP BY 1, 2, 3, 4;
  INSERT INTO "crm"."stage_close_totals" (org_id, stage_id, close_date, currency, deals, amount, amount_default, weighted_override)
  SELECT org_id, stage_id, expected_close_date, currency, count(*), sum(amount),
         coalesce(sum(amount) FILTER (WHERE probability IS NULL), 0),
         coalesce(sum(amount::numeric * probability) FILTER (WHERE probability IS NOT NULL), 0)
  FROM "crm"."opportunities" WHERE org_id = p_org AND deleted_at IS NULL AND expected_close_date IS NOT NULL
  GROUP BY 1, 2, 3, 4;
  INSERT INTO "crm"."stage_owner_close_totals" (org_id, stage_id, owner_id, forecast_category, close_date, currency, deals, amount, amount_default, weighted_override)
  SELECT org_id, stage_id, coalesce(owner_id, '00000000-0000-0000-0000-000000000000'), forecast_category, expected_close_date, currency,
         count(*), sum(amount),
         coalesce(sum(amount) FILTER (WHERE probability IS NULL), 0),
         coalesce(sum(amount::numeric * probability) FILTER (WHERE probability IS NOT NULL), 0)
  FROM "crm"."opportunities" WHERE org_id = p_org AND deleted_at IS NULL AND expected_close_date IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO "crm"."stage_owner_closed_totals" (org_id, stage_id, owner_id, closed_day, currency, deals, amount, amount_default, weighted_override, cycle_days)
  SELECT o.org_id, o.stage_id, coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000'), (o.closed_at AT TIME ZONE g.time_zone)::date,
         o.currency, count(*), sum(o.amount),
         coalesce(sum(o.amount) FILTER (WHERE o.probability IS NULL), 0),
         coalesce(sum(o.amount::numeric * o.probability) FILTER (WHERE o.probability IS NOT NULL), 0),
         sum((o.closed_at AT TIME ZONE g.time_zone)::date - (o.created_at AT TIME ZONE g.time_zone)::date)
  FROM "crm"."opportunities" o JOIN "crm"."organizations" g ON g.id = o.org_id
  WHERE o.org_id = p_org AND o.deleted_at IS NULL AND o.closed_at IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO "crm"."activity_owner_day_totals" (org_id, owner_id, day, type, activities)
  SELECT a.org_id, coalesce(a.owner_id, '00000000-0000-0000-0000-000000000000'),
         (CASE WHEN a.type = 'task' THEN a.done_at ELSE a.occurred_at END AT TIME ZONE g.time_zone)::date, a.type, count(*)
  FROM "crm"."activities" a JOIN "crm"."organizations" g ON g.id = a.org_id
  WHERE a.org_id = p_org AND a.deleted_at IS NULL
    AND CASE WHEN a.type = 'task' THEN a.done_at ELSE a.occurred_at END IS NOT NULL
  GROUP BY 1, 2, 3, 4;

  CREATE TEMP TABLE crm_rebuild_deals (org_id uuid, pipeline_id uuid, owner_id uuid, cohort_day date, stages uuid[],
                                       currency text, amount bigint);
  CREATE TEMP TABLE crm_rebuild_visits (org_id uuid, pipeline_id uuid, owner_id uuid, stage_id uuid, cohort_day date,
                                        closed_seconds bigint, open_deals bigint, open_since bigint);
  LOOP
    SELECT id INTO v_to FROM (
      SELECT id FROM "crm"."opportunities" WHERE org_id = p_org AND id > v_from ORDER BY id LIMIT 20000) chunk
    ORDER BY id DESC LIMIT 1;
    EXIT WHEN v_to IS NULL;
    v_opps := array(SELECT o FROM "crm"."opportunities" o WHERE o.org_id = p_org AND o.id > v_from AND o.id <= v_to);
    WITH h AS MATERIALIZED (
      SELECT array(SELECT h FROM "crm"."stage_history" h
                   WHERE h.org_id = p_org AND h.opportunity_id > v_from AND h.opportunity_id <= v_to) AS a
    ), d AS (
      INSERT INTO crm_rebuild_deals SELECT r.* FROM h, "crm"."funnel_deal_rows"(v_opps, h.a) r RETURNING 1
    )
    INSERT INTO crm_rebuild_visits SELECT r.* FROM h, "crm"."funnel_visit_rows"(v_opps, h.a) r;
    v_from := v_to;
  END LOOP;

  INSERT INTO "crm"."funnel_totals" (org_id, pipeline_id, cohort_day, stages, currency, deals, amount)
  SELECT org_id, pipeline_id, cohort_day, stages, currency, count(*), sum(amount)
  FROM crm_rebuild_deals GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO "crm"."funnel_owner_totals" (org_id, pipeline_id, owner_id, stages, currency, deals, amount)
  SELECT org_id, pipeline_id, owner_id, stages, currency, count(*), sum(amount)
  FROM crm_rebuild_deals GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO "crm"."funnel_owner_day_totals" (org_id, pipeline_id, owner_id, cohort_day, stages, currency, deals, amount)
  SELECT org_id, pipeline_id, owner_id, cohort_day, stages, currency, count(*), sum(amount)
  FROM crm_rebuild_deals GROUP BY 1, 2, 3, 4, 5, 6;
  INSERT INTO "crm"."funnel_stage_times" (org_id, pipeline_id, stage_id, cohort_day, deals, closed_seconds, open_deals, open_since)
  SELECT org_id, pipeline_id, stage_id, cohort_day, count(*), sum(closed_seconds), sum(open_deals), sum(open_since)
  FROM crm_rebuild_visits GROUP BY 1, 2, 3, 4;
  INSERT INTO "crm"."funnel_owner_times" (org_id, pipeline_id, owner_id, stage_id, deals, closed_seconds, open_deals, open_since)
  SELECT org_id, pipeline_id, owner_id, stage_id, count(*), sum(closed_seconds), sum(open_deals), sum(open_since)
  FROM crm_rebuild_visits GROUP BY 1, 2, 3, 4;
  INSERT INTO "crm"."funnel_owner_day_times" (org_id, pipeline_id, owner_id, cohort_day, stage_id, deals, closed_seconds, open_deals, open_since)
  SELECT org_id, pipeline_id, owner_id, cohort_day, stage_id, count(*), sum(closed_seconds), sum(open_deals), sum(open_since)
  FROM crm_rebuild_visits GROUP BY 1, 2, 3, 4, 5;
  DROP TABLE crm_rebuild_deals;
  DROP TABLE crm_rebuild_visits;
END $$;
--> statement-breakpoint
-- The new column and table for the deals and activities already there: every organization's summaries, rebuilt once.
SELECT "crm"."summaries_rebuild"(id) FROM "crm"."organizations";
