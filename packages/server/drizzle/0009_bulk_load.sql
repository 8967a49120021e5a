-- Bulk loads (the scale seed) may skip the summary triggers and rebuild the organization's
-- summaries once at the end (crm.summaries_rebuild), which is several times faster than keeping
-- them in step batch by batch. Only a transaction that sets crm.bulk_load to 'on' skips them;
-- requests never set it.
DROP TRIGGER IF EXISTS "opportunities_summaries_insert" ON "crm"."opportunities";
--> statement-breakpoint
CREATE TRIGGER "opportunities_summaries_insert" AFTER INSERT ON "crm"."opportunities"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  WHEN (current_setting('crm.bulk_load', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "crm"."opportunities_summaries"();
--> statement-breakpoint
DROP TRIGGER IF EXISTS "stage_history_summaries_insert" ON "crm"."stage_history";
--> statement-breakpoint
CREATE TRIGGER "stage_history_summaries_insert" AFTER INSERT ON "crm"."stage_history"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  WHEN (current_setting('crm.bulk_load', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "crm"."stage_history_summaries"();
