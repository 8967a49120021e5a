-- A request's member, checked inside the statement that scopes its transaction (sent with BEGIN,
-- so at no extra round trip): the member must exist, be active and hold the role the request
-- runs with. A kit may remember a member's record between requests; this makes a stale memory
-- fail the request (SQLSTATE CK001) instead of acting on it, so a demotion or deactivation
-- applies to the next request. Runs as the tables' owner: the scope is not set yet.
CREATE OR REPLACE FUNCTION "crm"."assert_member"(p_org uuid, p_user uuid, p_role text)
RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM crm.users
    WHERE org_id = p_org AND id = p_user AND active AND deleted_at IS NULL AND role::text = p_role
  ) THEN
    RAISE EXCEPTION 'The member''s access changed' USING ERRCODE = 'CK001';
  END IF;
  RETURN p_role;
END
$$;
