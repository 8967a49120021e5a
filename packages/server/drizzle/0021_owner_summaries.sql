CREATE TABLE "crm"."funnel_owner_day_times" (
	"org_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"cohort_day" date NOT NULL,
	"stage_id" uuid NOT NULL,
	"deals" bigint DEFAULT 0 NOT NULL,
	"closed_seconds" numeric DEFAULT '0' NOT NULL,
	"open_deals" bigint DEFAULT 0 NOT NULL,
	"open_since" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "funnel_owner_day_times_pk" PRIMARY KEY("org_id","pipeline_id","owner_id","cohort_day","stage_id")
);
--> statement-breakpoint
ALTER TABLE "crm"."funnel_owner_day_times" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."funnel_owner_day_totals" (
	"org_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"cohort_day" date NOT NULL,
	"stages" uuid[] NOT NULL,
	"currency" text NOT NULL,
	"deals" bigint DEFAULT 0 NOT NULL,
	"amount" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "funnel_owner_day_totals_pk" PRIMARY KEY("org_id","pipeline_id","owner_id","cohort_day","stages","currency")
);
--> statement-breakpoint
ALTER TABLE "crm"."funnel_owner_day_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."stage_owner_close_totals" (
	"org_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"forecast_category" "crm"."forecast_category" NOT NULL,
	"close_date" date NOT NULL,
	"currency" text NOT NULL,
	"deals" bigint DEFAULT 0 NOT NULL,
	"amount" numeric DEFAULT '0' NOT NULL,
	"amount_default" numeric DEFAULT '0' NOT NULL,
	"weighted_override" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "stage_owner_close_totals_pk" PRIMARY KEY("org_id","stage_id","owner_id","forecast_category","close_date","currency")
);
--> statement-breakpoint
ALTER TABLE "crm"."stage_owner_close_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "crm"."stage_owner_closed_totals" (
	"org_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"closed_day" date NOT NULL,
	"currency" text NOT NULL,
	"deals" bigint DEFAULT 0 NOT NULL,
	"amount" numeric DEFAULT '0' NOT NULL,
	"amount_default" numeric DEFAULT '0' NOT NULL,
	"weighted_override" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "stage_owner_closed_totals_pk" PRIMARY KEY("org_id","stage_id","owner_id","closed_day","currency")
);
--> statement-breakpoint
ALTER TABLE "crm"."stage_owner_closed_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "funnel_owner_day_times_tenant" ON "crm"."funnel_owner_day_times" AS PERMISSIVE FOR SELECT TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and ((select crm.visibility()) = 'all' or nullif(owner_id, '00000000-0000-0000-0000-000000000000') = any ((select crm.visible_owner_ids())::uuid[]) or (nullif(owner_id, '00000000-0000-0000-0000-000000000000') is null and (select crm.visibility()) = 'team')));--> statement-breakpoint
CREATE POLICY "funnel_owner_day_totals_tenant" ON "crm"."funnel_owner_day_totals" AS PERMISSIVE FOR SELECT TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and ((select crm.visibility()) = 'all' or nullif(owner_id, '00000000-0000-0000-0000-000000000000') = any ((select crm.visible_owner_ids())::uuid[]) or (nullif(owner_id, '00000000-0000-0000-0000-000000000000') is null and (select crm.visibility()) = 'team')));--> statement-breakpoint
CREATE POLICY "stage_owner_close_totals_tenant" ON "crm"."stage_owner_close_totals" AS PERMISSIVE FOR SELECT TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and ((select crm.visibility()) = 'all' or nullif(owner_id, '00000000-0000-0000-0000-000000000000') = any ((select crm.visible_owner_ids())::uuid[]) or (nullif(owner_id, '00000000-0000-0000-0000-000000000000') is null and (select crm.visibility()) = 'team')));--> statement-breakpoint
CREATE POLICY "stage_owner_closed_totals_tenant" ON "crm"."stage_owner_closed_totals" AS PERMISSIVE FOR SELECT TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and ((select crm.visibility()) = 'all' or nullif(owner_id, '00000000-0000-0000-0000-000000000000') = any ((select crm.visible_owner_ids())::uuid[]) or (nullif(owner_id, '00000000-0000-0000-0000-000000000000') is null and (select crm.visibility()) = 'team')));
--> statement-breakpoint
-- Summaries by owner and day (src/db/schema/summaries.ts): the funnel by owner and creation day, for
-- a rep's or a manager's funnel over a period (and any period narrowed to owners or a team); deal
-- totals by owner, stage, forecast category and expected close day, for their boards filtered by
-- close dates and the forecast's open categories; and closed deals' totals by owner, stage and
-- closing day, for the forecast's "closed". These read every deal the caller sees (and its stage
-- history) before. Kept in step by the same functions as the other summaries, which now write
-- these too; closing days are in the organization's time zone, whose change rebuilds them.
ALTER TABLE "crm"."funnel_owner_day_totals" SET (fillfactor = 50);
--> statement-breakpoint
ALTER TABLE "crm"."stage_owner_close_totals" SET (fillfactor = 50);
--> statement-breakpoint
ALTER TABLE "crm"."stage_owner_closed_totals" SET (fillfactor = 50);
--> statement-breakpoint
ALTER TABLE "crm"."funnel_owner_day_times" SET (fillfactor = 50);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "crm"."stage_totals_apply"(p_before "crm"."opportunities"[], p_after "crm"."opportunities"[])
RETURNS void LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
  WITH c AS MATERIALIZED (
    SELECT d.sign, d.org_id, d.stage_id, coalesce(d.owner_id, '00000000-0000-0000-0000-000000000000') AS owner_id,
           d.forecast_category, d.expected_close_date, (d.closed_at AT TIME ZONE g.time_zone)::date AS closed_day,
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
    INSERT INTO "crm"."stage_owner_closed_totals" AS t (org_id, stage_id, owner_id, closed_day, currency, deals, amount, amount_default, weighted_override)
    SELECT c.org_id, c.stage_id, c.owner_id, c.closed_day, c.currency, sum(c.sign), sum(c.sign * c.amount),
           coalesce(sum(c.sign * c.amount) FILTER (WHERE c.probability IS NULL), 0),
           coalesce(sum(c.sign * c.amount::numeric * c.probability) FILTER (WHERE c.probability IS NOT NULL), 0)
    FROM c WHERE c.closed_day IS NOT NULL
    GROUP BY c.org_id, c.stage_id, c.owner_id, c.closed_day, c.currency
    HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0
        OR coalesce(sum(c.sign * c.amount) FILTER (WHERE c.probability IS NULL), 0) <> 0
        OR coalesce(sum(c.sign * c.amount::numeric * c.probability) FILTER (WHERE c.probability IS NOT NULL), 0) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (org_id, stage_id, owner_id, closed_day, currency)
    DO UPDATE SET deals = t.deals + excluded.deals, amount = t.amount + excluded.amount,
                  amount_default = t.amount_default + excluded.amount_default,
                  weighted_override = t.weighted_override + excluded.weighted_override
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
CREATE OR REPLACE FUNCTION "crm"."funnel_apply"(
  p_before_opps "crm"."opportunities"[], p_before_hist "crm"."stage_history"[],
  p_after_opps "crm"."opportunities"[], p_after_hist "crm"."stage_history"[])
RETURNS void LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
  WITH c AS MATERIALIZED (
    SELECT -1 AS sign, * FROM "crm"."funnel_deal_rows"(p_before_opps, p_before_hist)
    UNION ALL
    SELECT 1, * FROM "crm"."funnel_deal_rows"(p_after_opps, p_after_hist)
  ), by_day AS (
    INSERT INTO "crm"."funnel_totals" AS t (org_id, pipeline_id, cohort_day, stages, currency, deals, amount)
    SELECT c.org_id, c.pipeline_id, c.cohort_day, c.stages, c.currency, sum(c.sign), sum(c.sign * c.amount)
    FROM c GROUP BY c.org_id, c.pipeline_id, c.cohort_day, c.stages, c.currency
    HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (org_id, pipeline_id, cohort_day, stages, currency)
    DO UPDATE SET deals = t.deals + excluded.deals, amount = t.amount + excluded.amount
    RETURNING 1
  ), by_owner_day AS (
    INSERT INTO "crm"."funnel_owner_day_totals" AS t (org_id, pipeline_id, owner_id, cohort_day, stages, currency, deals, amount)
    SELECT c.org_id, c.pipeline_id, c.owner_id, c.cohort_day, c.stages, c.currency, sum(c.sign), sum(c.sign * c.amount)
    FROM c GROUP BY c.org_id, c.pipeline_id, c.owner_id, c.cohort_day, c.stages, c.currency
    HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (org_id, pipeline_id, owner_id, cohort_day, stages, currency)
    DO UPDATE SET deals = t.deals + excluded.deals, amount = t.amount + excluded.amount
    RETURNING 1
  )
  INSERT INTO "crm"."funnel_owner_totals" AS t (org_id, pipeline_id, owner_id, stages, currency, deals, amount)
  SELECT c.org_id, c.pipeline_id, c.owner_id, c.stages, c.currency, sum(c.sign), sum(c.sign * c.amount)
  FROM c GROUP BY c.org_id, c.pipeline_id, c.owner_id, c.stages, c.currency
  HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (org_id, pipeline_id, owner_id, stages, currency)
  DO UPDATE SET deals = t.deals + excluded.deals, amount = t.amount + excluded.amount;

  WITH c AS MATERIALIZED (
    SELECT -1 AS sign, * FROM "crm"."funnel_visit_rows"(p_before_opps, p_before_hist)
    UNION ALL
    SELECT 1, * FROM "crm"."funnel_visit_rows"(p_after_opps, p_after_hist)
  ), by_day AS (
    INSERT INTO "crm"."funnel_stage_times" AS t (org_id, pipeline_id, stage_id, cohort_day, deals, closed_seconds, open_deals, open_since)
    SELECT c.org_id, c.pipeline_id, c.stage_id, c.cohort_day, sum(c.sign), sum(c.sign * c.closed_seconds),
           sum(c.sign * c.open_deals), sum(c.sign * c.open_since)
    FROM c GROUP BY c.org_id, c.pipeline_id, c.stage_id, c.cohort_day
    HAVING sum(c.sign) <> 0 OR sum(c.sign * c.closed_seconds) <> 0 OR sum(c.sign * c.open_deals) <> 0
        OR sum(c.sign * c.open_since) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (org_id, pipeline_id, stage_id, cohort_day)
    DO UPDATE SET deals = t.deals + excluded.deals, closed_seconds = t.closed_seconds + excluded.closed_seconds,
                  open_deals = t.open_deals + excluded.open_deals, open_since = t.open_since + excluded.open_since
    RETURNING 1
  ), by_owner_day AS (
    INSERT INTO "crm"."funnel_owner_day_times" AS t (org_id, pipeline_id, owner_id, cohort_day, stage_id, deals, closed_seconds, open_deals, open_since)
    SELECT c.org_id, c.pipeline_id, c.owner_id, c.cohort_day, c.stage_id, sum(c.sign), sum(c.sign * c.closed_seconds),
           sum(c.sign * c.open_deals), sum(c.sign * c.open_since)
    FROM c GROUP BY c.org_id, c.pipeline_id, c.owner_id, c.cohort_day, c.stage_id
    HAVING sum(c.sign) <> 0 OR sum(c.sign * c.closed_seconds) <> 0 OR sum(c.sign * c.open_deals) <> 0
        OR sum(c.sign * c.open_since) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (org_id, pipeline_id, owner_id, cohort_day, stage_id)
    DO UPDATE SET deals = t.deals + excluded.deals, closed_seconds = t.closed_seconds + excluded.closed_seconds,
                  open_deals = t.open_deals + excluded.open_deals, open_since = t.open_since + excluded.open_since
    RETURNING 1
  )
  INSERT INTO "crm"."funnel_owner_times" AS t (org_id, pipeline_id, owner_id, stage_id, deals, closed_seconds, open_deals, open_since)
  SELECT c.org_id, c.pipeline_id, c.owner_id, c.stage_id, sum(c.sign), sum(c.sign * c.closed_seconds),
         sum(c.sign * c.open_deals), sum(c.sign * c.open_since)
  FROM c GROUP BY c.org_id, c.pipeline_id, c.owner_id, c.stage_id
  HAVING sum(c.sign) <> 0 OR sum(c.sign * c.closed_seconds) <> 0 OR sum(c.sign * c.open_deals) <> 0
      OR sum(c.sign * c.open_since) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (org_id, pipeline_id, owner_id, stage_id)
  DO UPDATE SET deals = t.deals + excluded.deals, closed_seconds = t.closed_seconds + excluded.closed_seconds,
                open_deals = t.open_deals + excluded.open_deals, open_since = t.open_since + excluded.open_since;
$$;
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
  INSERT INTO "crm"."stage_owner_closed_totals" (org_id, stage_id, owner_id, closed_day, currency, deals, amount, amount_default, weighted_override)
  SELECT o.org_id, o.stage_id, coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000'), (o.closed_at AT TIME ZONE g.time_zone)::date,
         o.currency, count(*), sum(o.amount),
         coalesce(sum(o.amount) FILTER (WHERE o.probability IS NULL), 0),
         coalesce(sum(o.amount::numeric * o.probability) FILTER (WHERE o.probability IS NOT NULL), 0)
  FROM "crm"."opportunities" o JOIN "crm"."organizations" g ON g.id = o.org_id
  WHERE o.org_id = p_org AND o.deleted_at IS NULL AND o.closed_at IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5;

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
-- The board's figures now also depend on a deal's forecast category and closing time.
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
    -- The board and the forecast depend on a deal's stage, owner, money, probability, close day,
    -- forecast category, closing time and trash mark.
    v_before := array(
      SELECT o::"crm"."opportunities" FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
      WHERE (o.stage_id, o.owner_id, o.currency, o.amount, o.probability, o.expected_close_date, o.forecast_category,
             o.closed_at, o.deleted_at IS NULL)
            IS DISTINCT FROM (n.stage_id, n.owner_id, n.currency, n.amount, n.probability, n.expected_close_date, n.forecast_category,
             n.closed_at, n.deleted_at IS NULL));
    IF cardinality(v_before) > 0 THEN
      PERFORM "crm"."stage_totals_apply"(v_before, array(
        SELECT n::"crm"."opportunities" FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
        WHERE (o.stage_id, o.owner_id, o.currency, o.amount, o.probability, o.expected_close_date, o.forecast_category,
             o.closed_at, o.deleted_at IS NULL)
              IS DISTINCT FROM (n.stage_id, n.owner_id, n.currency, n.amount, n.probability, n.expected_close_date, n.forecast_category,
             n.closed_at, n.deleted_at IS NULL)));
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
-- The new tables for the deals already there: every organization's summaries, rebuilt once.
SELECT "crm"."summaries_rebuild"(id) FROM "crm"."organizations";
