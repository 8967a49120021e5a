-- A search of several words looks its candidates up by its rarest word (resources/search.ts). A
-- trigram index reads a posting list per trigram of the pattern, and a word that every row holds
-- ("customer" in "customer 12345") makes that every row of the table: 20 ms at a million. The
-- words' own estimates say which word is rare; when one is expected to match at most `cap` rows,
-- the index is read for it alone, and the whole pattern is tested on the few rows it finds (an
-- expression the index does not serve, so the planner does not add its trigrams back). Without
-- such a word (one word, or only common ones) the whole pattern reads the index, as before.
CREATE FUNCTION "crm"."search_narrowest"(tbl text, folded text, cap double precision)
RETURNS text LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT pattern FROM (
    SELECT pattern, crm.search_estimate(tbl, pattern) AS estimate, count(*) OVER () AS words
    FROM (SELECT DISTINCT '%' || word || '%' AS pattern
          FROM regexp_split_to_table(folded, '\s+') AS word
          WHERE char_length(word) >= 3) AS distinct_words
  ) AS estimated
  WHERE words >= 2 AND estimate <= cap
  ORDER BY estimate, pattern
  LIMIT 1
$$;--> statement-breakpoint
DROP FUNCTION "crm"."search_candidates"(text, text, text, boolean, integer);--> statement-breakpoint
-- The candidates of a search (0034), with `narrow`: the pattern of the word that reads the index
-- (null: the whole pattern does).
CREATE FUNCTION "crm"."search_candidates"(tbl text, pattern text, bigram text, trashed boolean, cap integer, narrow text)
RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  org uuid := nullif(current_setting('crm.org_id', true), '')::uuid;
  service boolean := crm.visibility() = 'service';
  owners uuid[] := CASE WHEN crm.visibility() <> 'all' THEN crm.visible_owner_ids() END;
  unowned boolean := crm.visibility() = 'team';
  owned text := '(t.%1$s = any($5) OR (t.%1$s IS NULL AND $6))';
  through text := '(t.%1$s IS NOT NULL AND (t.%2$s = any($5) OR (t.%2$s IS NULL AND $6)))';
  visible text;
  matches text := CASE WHEN narrow IS NULL THEN 't.search LIKE $3' ELSE 't.search LIKE $8 AND (t.search || '''') LIKE $3' END;
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
    INTO found USING org, trashed, pattern, cap, owners, unowned, bigram, narrow;
  RETURN found;
END
$$;
