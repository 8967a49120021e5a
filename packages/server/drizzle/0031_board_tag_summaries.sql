CREATE TABLE "crm"."stage_tag_totals" (
	"org_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"stage_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"deals" bigint DEFAULT 0 NOT NULL,
	"amount" numeric DEFAULT '0' NOT NULL,
	"amount_default" numeric DEFAULT '0' NOT NULL,
	"weighted_override" numeric DEFAULT '0' NOT NULL,
	CONSTRAINT "stage_tag_totals_pk" PRIMARY KEY("org_id","tag","stage_id","owner_id","currency")
);
--> statement-breakpoint
ALTER TABLE "crm"."stage_tag_totals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "stage_tag_totals_tenant" ON "crm"."stage_tag_totals" AS PERMISSIVE FOR SELECT TO "crm_app" USING (org_id = nullif(current_setting('crm.org_id', true), '')::uuid and current_setting('crm.visibility', true) = 'all');--> statement-breakpoint
-- The board filtered by a customer tag (src/board/board.ts) for callers who see every deal: its
-- figures from deal totals by tag, stage and owner (an admin's `?tag=key-account` at a million
-- deals added up 143,000 deals on every request), and its cards by walking each column in board
-- order and testing each deal's customer (crm.customer_has_tag) while the tag is common, instead
-- of first listing tens of thousands of tagged customers. Kept in step by the deals' summary
-- trigger (a deal's customer now counts) and by the customers' (a change of tags).
ALTER TABLE "crm"."stage_tag_totals" SET (fillfactor = 50);
--> statement-breakpoint
-- Whether the customer carries the tag and the member may see it: the customers' SELECT policy
-- spelled out, as crm.tagged_customers() spells it (this function runs as their owner, so that
-- `@>` is tested after a look-up by key rather than left for after row-level security).
CREATE OR REPLACE FUNCTION "crm"."customer_has_tag"(p_customer uuid, p_tag text)
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM "crm"."customers" c
    WHERE c.org_id = nullif(current_setting('crm.org_id', true), '')::uuid AND c.id = p_customer
      AND c.tags @> ARRAY[p_tag]
      AND ("crm"."visibility"() = 'all' OR c.owner_id = any("crm"."visible_owner_ids"())
           OR (c.owner_id IS NULL AND "crm"."visibility"() = 'team')))
$$;
--> statement-breakpoint
-- A change of a customer's tags moves its live deals from the old tags' totals to the new ones'.
CREATE OR REPLACE FUNCTION "crm"."customers_tag_summaries"()
RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  WITH changed AS MATERIALIZED (
    SELECT o.org_id, o.id, o.tags AS before, n.tags AS after
    FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
    WHERE o.tags IS DISTINCT FROM n.tags
  ), deals AS (
    SELECT d.org_id, d.customer_id, d.stage_id, coalesce(d.owner_id, '00000000-0000-0000-0000-000000000000') AS owner_id,
           d.currency, count(*) AS deals, sum(d.amount) AS amount,
           coalesce(sum(d.amount) FILTER (WHERE d.probability IS NULL), 0) AS amount_default,
           coalesce(sum(d.amount::numeric * d.probability) FILTER (WHERE d.probability IS NOT NULL), 0) AS weighted_override
    FROM "crm"."opportunities" d
    WHERE (d.org_id, d.customer_id) IN (SELECT org_id, id FROM changed) AND d.deleted_at IS NULL
    GROUP BY 1, 2, 3, 4, 5
  ), moves AS (
    SELECT -1 AS sign, g.tag, d.* FROM deals d JOIN changed ch ON ch.org_id = d.org_id AND ch.id = d.customer_id
    CROSS JOIN LATERAL (SELECT DISTINCT x AS tag FROM unnest(ch.before) x) g
    UNION ALL
    SELECT 1, g.tag, d.* FROM deals d JOIN changed ch ON ch.org_id = d.org_id AND ch.id = d.customer_id
    CROSS JOIN LATERAL (SELECT DISTINCT x AS tag FROM unnest(ch.after) x) g
  )
  INSERT INTO "crm"."stage_tag_totals" AS t (org_id, tag, stage_id, owner_id, currency, deals, amount, amount_default, weighted_override)
  SELECT m.org_id, m.tag, m.stage_id, m.owner_id, m.currency, sum(m.sign * m.deals), sum(m.sign * m.amount),
         sum(m.sign * m.amount_default), sum(m.sign * m.weighted_override)
  FROM moves m
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(m.sign * m.deals) <> 0 OR sum(m.sign * m.amount) <> 0 OR sum(m.sign * m.amount_default) <> 0
      OR sum(m.sign * m.weighted_override) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (org_id, tag, stage_id, owner_id, currency)
  DO UPDATE SET deals = t.deals + excluded.deals, amount = t.amount + excluded.amount,
                amount_default = t.amount_default + excluded.amount_default,
                weighted_override = t.weighted_override + excluded.weighted_override;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "customers_tag_summaries" AFTER UPDATE ON "crm"."customers"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION "crm"."customers_tag_summaries"();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "crm"."stage_totals_apply"(p_before "crm"."opportunities"[], p_after "crm"."opportunities"[])
RETURNS void LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
  WITH c AS MATERIALIZED (
    SELECT d.sign, d.org_id, d.stage_id, coalesce(d.owner_id, '00000000-0000-0000-0000-000000000000') AS owner_id, d.customer_id,
           d.forecast_category, d.expected_close_date, (d.closed_at AT TIME ZONE g.time_zone)::date AS closed_day,
           (d.created_at AT TIME ZONE g.time_zone)::date AS created_day,
           -- The customer's tags, read FOR SHARE: a change of them waits for this write, and this write for it.
           (SELECT cu.tags FROM "crm"."customers" cu WHERE cu.org_id = d.org_id AND cu.id = d.customer_id FOR SHARE) AS tags,
           d.currency, d.amount, d.probability
    FROM (SELECT -1 AS sign, o.* FROM unnest(p_before) o WHERE o.deleted_at IS NULL
          UNION ALL
          SELECT 1, o.* FROM unnest(p_after) o WHERE o.deleted_at IS NULL) d
    JOIN "crm"."organizations" g ON g.id = d.org_id
  ), by_tag AS (
    INSERT INTO "crm"."stage_tag_totals" AS t (org_id, tag, stage_id, owner_id, currency, deals, amount, amount_default, weighted_override)
    SELECT c.org_id, g.tag, c.stage_id, c.owner_id, c.currency, sum(c.sign), sum(c.sign * c.amount),
           coalesce(sum(c.sign * c.amount) FILTER (WHERE c.probability IS NULL), 0),
           coalesce(sum(c.sign * c.amount::numeric * c.probability) FILTER (WHERE c.probability IS NOT NULL), 0)
    FROM c CROSS JOIN LATERAL (SELECT DISTINCT x AS tag FROM unnest(c.tags) x) g
    GROUP BY c.org_id, g.tag, c.stage_id, c.owner_id, c.currency
    HAVING sum(c.sign) <> 0 OR sum(c.sign * c.amount) <> 0
        OR coalesce(sum(c.sign * c.amount) FILTER (WHERE c.probability IS NULL), 0) <> 0
        OR coalesce(sum(c.sign * c.amount::numeric * c.probability) FILTER (WHERE c.probability IS NOT NULL), 0) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (org_id, tag, stage_id, owner_id, currency)
    DO UPDATE SET deals = t.deals + excluded.deals, amount = t.amount + excluded.amount,
                  amount_default = t.amount_default + excluded.amount_default,
                  weighted_override = t.weighted_override + excluded.weighted_override
    RETURNING 1
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
-- A deal's customer now counts too (its tags).
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
    -- probability, close day, forecast category, closing and creation times, customer (its tags)
    -- and trash mark.
    v_before := array(
      SELECT o::"crm"."opportunities" FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
      WHERE (o.stage_id, o.owner_id, o.currency, o.amount, o.probability, o.expected_close_date, o.forecast_category,
             o.closed_at, o.created_at, o.customer_id, o.deleted_at IS NULL)
            IS DISTINCT FROM (n.stage_id, n.owner_id, n.currency, n.amount, n.probability, n.expected_close_date, n.forecast_category,
             n.closed_at, n.created_at, n.customer_id, n.deleted_at IS NULL));
    IF cardinality(v_before) > 0 THEN
      PERFORM "crm"."stage_totals_apply"(v_before, array(
        SELECT n::"crm"."opportunities" FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
        WHERE (o.stage_id, o.owner_id, o.currency, o.amount, o.probability, o.expected_close_date, o.forecast_category,
             o.closed_at, o.created_at, o.customer_id, o.deleted_at IS NULL)
              IS DISTINCT FROM (n.stage_id, n.owner_id, n.currency, n.amount, n.probability, n.expected_close_date, n.forecast_category,
             n.closed_at, n.created_at, n.customer_id, n.deleted_at IS NULL)));
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
  DELETE FROM "crm"."stage_tag_totals" WHERE org_id = p_org;

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
  INSERT INTO "crm"."stage_tag_totals" (org_id, tag, stage_id, owner_id, currency, deals, amount, amount_default, weighted_override)
  SELECT o.org_id, g.tag, o.stage_id, coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000'), o.currency, count(*), sum(o.amount),
         coalesce(sum(o.amount) FILTER (WHERE o.probability IS NULL), 0),
         coalesce(sum(o.amount::numeric * o.probability) FILTER (WHERE o.probability IS NOT NULL), 0)
  FROM "crm"."opportunities" o JOIN "crm"."customers" cu ON cu.org_id = o.org_id AND cu.id = o.customer_id
  CROSS JOIN LATERAL (SELECT DISTINCT x AS tag FROM unnest(cu.tags) x) g
  WHERE o.org_id = p_org AND o.deleted_at IS NULL
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
-- The new table for the deals already there: every organization's summaries, rebuilt once.
SELECT "crm"."summaries_rebuild"(id) FROM "crm"."organizations";
