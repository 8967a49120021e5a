-- Summary rows are updated in place on every write: room on each page keeps those updates HOT
-- (no index writes, dead versions pruned on the page).
ALTER TABLE "crm"."stage_totals" SET (fillfactor = 50);
--> statement-breakpoint
ALTER TABLE "crm"."stage_close_totals" SET (fillfactor = 50);
--> statement-breakpoint
ALTER TABLE "crm"."funnel_totals" SET (fillfactor = 50);
--> statement-breakpoint
ALTER TABLE "crm"."funnel_stage_times" SET (fillfactor = 50);
--> statement-breakpoint
ALTER TABLE "crm"."funnel_owner_totals" SET (fillfactor = 50);
--> statement-breakpoint
ALTER TABLE "crm"."funnel_owner_times" SET (fillfactor = 50);
--> statement-breakpoint
-- What one set of deals contributes to the funnel: one row per live deal that has stage
-- history, with the sorted set of stages it ever entered. Deals and history are passed as
-- arrays so that a trigger can compute a contribution before and after a change.
CREATE OR REPLACE FUNCTION "crm"."funnel_deal_rows"(p_opps "crm"."opportunities"[], p_hist "crm"."stage_history"[])
RETURNS TABLE (org_id uuid, pipeline_id uuid, owner_id uuid, cohort_day date, stages uuid[], currency text, amount bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT o.org_id, o.pipeline_id, coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000'),
         (o.created_at AT TIME ZONE g.time_zone)::date, h.stages, o.currency, o.amount
  FROM unnest(p_opps) o
  JOIN "crm"."organizations" g ON g.id = o.org_id
  JOIN (SELECT x.org_id, x.opportunity_id, array_agg(DISTINCT x.to_stage_id ORDER BY x.to_stage_id) AS stages
        FROM unnest(p_hist) x GROUP BY x.org_id, x.opportunity_id) h
    ON h.org_id = o.org_id AND h.opportunity_id = o.id
  WHERE o.deleted_at IS NULL
$$;
--> statement-breakpoint
-- ...and to the time spent in stages: one row per live deal and stage it entered, with the
-- seconds of its finished visits, and its open visit (the latest history row) if in that stage.
CREATE OR REPLACE FUNCTION "crm"."funnel_visit_rows"(p_opps "crm"."opportunities"[], p_hist "crm"."stage_history"[])
RETURNS TABLE (org_id uuid, pipeline_id uuid, owner_id uuid, stage_id uuid, cohort_day date, closed_seconds bigint,
               open_deals bigint, open_since bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
  SELECT o.org_id, o.pipeline_id, coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000'), v.to_stage_id,
         (o.created_at AT TIME ZONE g.time_zone)::date,
         coalesce(sum(v.t_next - v.t) FILTER (WHERE v.t_next IS NOT NULL), 0)::bigint,
         count(*) FILTER (WHERE v.t_next IS NULL),
         coalesce(sum(v.t) FILTER (WHERE v.t_next IS NULL), 0)::bigint
  FROM unnest(p_opps) o
  JOIN "crm"."organizations" g ON g.id = o.org_id
  JOIN (SELECT x.org_id, x.opportunity_id, x.to_stage_id, floor(extract(epoch FROM x.changed_at))::bigint AS t,
               lead(floor(extract(epoch FROM x.changed_at))::bigint)
                 OVER (PARTITION BY x.org_id, x.opportunity_id ORDER BY x.changed_at, x.id) AS t_next
        FROM unnest(p_hist) x) v
    ON v.org_id = o.org_id AND v.opportunity_id = o.id
  WHERE o.deleted_at IS NULL
  GROUP BY o.org_id, o.pipeline_id, o.owner_id, o.id, v.to_stage_id, o.created_at, g.time_zone
$$;
--> statement-breakpoint
-- Moves the funnel summaries from what the deals contributed before a change to what they
-- contribute after it: by creation day (for periods), and by owner over all time (for what a
-- rep or a manager may see). Rows are written in key order, so concurrent writers lock in one order.
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
-- Moves the board's per-stage totals from what the deals contributed before a change to what
-- they contribute after it: by owner (what each caller may see), and by expected close day (for
-- the close-date filters, for callers who see everything).
CREATE OR REPLACE FUNCTION "crm"."stage_totals_apply"(p_before "crm"."opportunities"[], p_after "crm"."opportunities"[])
RETURNS void LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
  WITH c AS MATERIALIZED (
    SELECT -1 AS sign, o.org_id, o.stage_id, coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000') AS owner_id,
           o.expected_close_date, o.currency, o.amount, o.probability
    FROM unnest(p_before) o WHERE o.deleted_at IS NULL
    UNION ALL
    SELECT 1, o.org_id, o.stage_id, coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000'),
           o.expected_close_date, o.currency, o.amount, o.probability
    FROM unnest(p_after) o WHERE o.deleted_at IS NULL
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
-- Recomputes one organization's summaries from its deals: the backfill, and what a change of
-- the organization's time zone (which moves cohort days) runs. Set-based, so that each summary
-- row is written once (no dead row versions from repeated updates); the funnel's per-deal
-- contributions are gathered 20,000 deals at a time in temporary tables first.
CREATE OR REPLACE FUNCTION "crm"."summaries_rebuild"(p_org uuid)
RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_from uuid := '00000000-0000-0000-0000-000000000000';
  v_to uuid;
  v_opps "crm"."opportunities"[];
BEGIN
  DELETE FROM "crm"."stage_totals" WHERE org_id = p_org;
  DELETE FROM "crm"."stage_close_totals" WHERE org_id = p_org;
  DELETE FROM "crm"."funnel_totals" WHERE org_id = p_org;
  DELETE FROM "crm"."funnel_stage_times" WHERE org_id = p_org;
  DELETE FROM "crm"."funnel_owner_totals" WHERE org_id = p_org;
  DELETE FROM "crm"."funnel_owner_times" WHERE org_id = p_org;

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
  INSERT INTO "crm"."funnel_stage_times" (org_id, pipeline_id, stage_id, cohort_day, deals, closed_seconds, open_deals, open_since)
  SELECT org_id, pipeline_id, stage_id, cohort_day, count(*), sum(closed_seconds), sum(open_deals), sum(open_since)
  FROM crm_rebuild_visits GROUP BY 1, 2, 3, 4;
  INSERT INTO "crm"."funnel_owner_times" (org_id, pipeline_id, owner_id, stage_id, deals, closed_seconds, open_deals, open_since)
  SELECT org_id, pipeline_id, owner_id, stage_id, count(*), sum(closed_seconds), sum(open_deals), sum(open_since)
  FROM crm_rebuild_visits GROUP BY 1, 2, 3, 4;
  DROP TABLE crm_rebuild_deals;
  DROP TABLE crm_rebuild_visits;
END $$;
--> statement-breakpoint
-- Keeps the board's per-stage totals and the funnel in step with every write of opportunities.
-- Statement-level with transition tables, so a bulk insert (an import, the scale seed) costs one
-- grouped upsert, not one per row. Security definer: the summaries are the kit's own
-- bookkeeping, written whatever the writer may see; request roles can only read them.
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
    -- The board depends on a deal's stage, owner, money, probability, close day and trash mark.
    v_before := array(
      SELECT o::"crm"."opportunities" FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
      WHERE (o.stage_id, o.owner_id, o.currency, o.amount, o.probability, o.expected_close_date, o.deleted_at IS NULL)
            IS DISTINCT FROM (n.stage_id, n.owner_id, n.currency, n.amount, n.probability, n.expected_close_date, n.deleted_at IS NULL));
    IF cardinality(v_before) > 0 THEN
      PERFORM "crm"."stage_totals_apply"(v_before, array(
        SELECT n::"crm"."opportunities" FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
        WHERE (o.stage_id, o.owner_id, o.currency, o.amount, o.probability, o.expected_close_date, o.deleted_at IS NULL)
              IS DISTINCT FROM (n.stage_id, n.owner_id, n.currency, n.amount, n.probability, n.expected_close_date, n.deleted_at IS NULL)));
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
-- Keeps the funnel in step with stage history: what the affected deals contributed with the
-- history before the statement, replaced by what they contribute with it now.
CREATE OR REPLACE FUNCTION "crm"."stage_history_summaries"()
RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  v_opps "crm"."opportunities"[];
  v_now "crm"."stage_history"[];
  v_before "crm"."stage_history"[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    v_opps := array(SELECT o FROM "crm"."opportunities" o
                    WHERE (o.org_id, o.id) IN (SELECT n.org_id, n.opportunity_id FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    v_opps := array(SELECT o FROM "crm"."opportunities" o
                    WHERE (o.org_id, o.id) IN (SELECT d.org_id, d.opportunity_id FROM old_rows d));
  ELSE
    v_opps := array(SELECT o FROM "crm"."opportunities" o
                    WHERE (o.org_id, o.id) IN (SELECT n.org_id, n.opportunity_id FROM new_rows n
                                               UNION SELECT d.org_id, d.opportunity_id FROM old_rows d));
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
  PERFORM "crm"."funnel_apply"(v_opps, v_before, v_opps, v_now);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Cohort days are days in the organization's time zone: a new zone moves them.
CREATE OR REPLACE FUNCTION "crm"."organizations_summaries"()
RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM "crm"."summaries_rebuild"(NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "crm"."funnel_deal_rows"("crm"."opportunities"[], "crm"."stage_history"[]) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "crm"."funnel_visit_rows"("crm"."opportunities"[], "crm"."stage_history"[]) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "crm"."funnel_apply"("crm"."opportunities"[], "crm"."stage_history"[], "crm"."opportunities"[], "crm"."stage_history"[]) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "crm"."stage_totals_apply"("crm"."opportunities"[], "crm"."opportunities"[]) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "crm"."summaries_rebuild"(uuid) FROM PUBLIC;
--> statement-breakpoint
DROP TRIGGER IF EXISTS "opportunities_summaries_insert" ON "crm"."opportunities";
--> statement-breakpoint
CREATE TRIGGER "opportunities_summaries_insert" AFTER INSERT ON "crm"."opportunities"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "crm"."opportunities_summaries"();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "opportunities_summaries_update" ON "crm"."opportunities";
--> statement-breakpoint
CREATE TRIGGER "opportunities_summaries_update" AFTER UPDATE ON "crm"."opportunities"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "crm"."opportunities_summaries"();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "opportunities_summaries_delete" ON "crm"."opportunities";
--> statement-breakpoint
CREATE TRIGGER "opportunities_summaries_delete" AFTER DELETE ON "crm"."opportunities"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "crm"."opportunities_summaries"();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "stage_history_summaries_insert" ON "crm"."stage_history";
--> statement-breakpoint
CREATE TRIGGER "stage_history_summaries_insert" AFTER INSERT ON "crm"."stage_history"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "crm"."stage_history_summaries"();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "stage_history_summaries_update" ON "crm"."stage_history";
--> statement-breakpoint
CREATE TRIGGER "stage_history_summaries_update" AFTER UPDATE ON "crm"."stage_history"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "crm"."stage_history_summaries"();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "stage_history_summaries_delete" ON "crm"."stage_history";
--> statement-breakpoint
CREATE TRIGGER "stage_history_summaries_delete" AFTER DELETE ON "crm"."stage_history"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "crm"."stage_history_summaries"();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "organizations_summaries" ON "crm"."organizations";
--> statement-breakpoint
CREATE TRIGGER "organizations_summaries" AFTER UPDATE OF time_zone ON "crm"."organizations"
  FOR EACH ROW WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone) EXECUTE FUNCTION "crm"."organizations_summaries"();
--> statement-breakpoint
SELECT "crm"."summaries_rebuild"(id) FROM "crm"."organizations";
