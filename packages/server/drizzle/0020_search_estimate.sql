-- How many rows of a table in the transaction's organization the planner expects a search text to
-- match, from the column's statistics (src/resources/search.ts). A text they say is common skips
-- crm.search_candidates(), whose probe reads thousands of rows only to learn that, and goes straight
-- to the row-by-row search in the list's order (0019). Only the choice of plan depends on it: a
-- wrong estimate costs time, never a row. It runs as the tables' owner, as search_candidates does,
-- so the estimate is of the text alone, not of the caller's policies; it returns a number, no row.
-- VOLATILE because PostgreSQL runs EXPLAIN only in a volatile function.
CREATE OR REPLACE FUNCTION "crm"."search_estimate"(tbl text, pattern text)
RETURNS double precision LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  org uuid := nullif(current_setting('crm.org_id', true), '')::uuid;
  plan json;
BEGIN
  IF org IS NULL OR tbl NOT IN ('customers', 'contacts', 'leads', 'opportunities', 'activities', 'orders', 'cases') THEN
    RETURN 0;
  END IF;
  -- The values written into the statement (quoted by %L), so the planner estimates these, not a generic plan's.
  EXECUTE format(
    'EXPLAIN (FORMAT JSON) SELECT 1 FROM crm.%I t WHERE t.org_id = %L AND t.deleted_at IS NULL AND t.search LIKE %L',
    tbl, org, pattern)
    INTO plan;
  RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::double precision;
END
$$;
