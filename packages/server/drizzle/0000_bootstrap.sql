-- The kit's schema, the trigram extension used by search, and the non-owner role
-- that request queries run as so that row-level security applies to them.
CREATE SCHEMA IF NOT EXISTS "crm";
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- Creating or granting the role needs CREATEROLE (granting it even to a member already): each
-- runs only when missing, so a role a DBA set up once migrates without CREATEROLE (see migrate.ts).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crm_app') THEN
    CREATE ROLE crm_app NOLOGIN NOINHERIT;
  END IF;
  IF NOT pg_has_role(current_user, 'crm_app', 'MEMBER') THEN
    GRANT crm_app TO CURRENT_USER;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA "crm" TO crm_app;
--> statement-breakpoint
-- Names, emails and phones folded into one lower-case text, for trigram search;
-- phones also appear as bare digits, so "555-0104" and "+1 555 0104" both find "5550104".
CREATE OR REPLACE FUNCTION "crm"."search_text"(name text, emails text[], phones text[])
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(concat_ws(' ', name, array_to_string(emails, ' '), array_to_string(phones, ' '),
    translate(regexp_replace(array_to_string(phones, '|'), '[^0-9|]', '', 'g'), '|', ' ')))
$$;
