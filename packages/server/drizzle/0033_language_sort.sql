-- Lists sorted by name in the reader's language (Accept-Language): Traditional Chinese by stroke
-- count, Simplified by pinyin. ICU collations where the server has ICU; elsewhere (PGlite, a server
-- built without ICU) the same names in code point order, so the indexes and queries are one shape.
DO $$ BEGIN
  CREATE COLLATION crm.zh_hant (provider = icu, locale = 'zh-Hant');
EXCEPTION WHEN OTHERS THEN
  CREATE COLLATION crm.zh_hant FROM "C";
END $$;--> statement-breakpoint
DO $$ BEGIN
  CREATE COLLATION crm.zh_hans (provider = icu, locale = 'zh-Hans');
EXCEPTION WHEN OTHERS THEN
  CREATE COLLATION crm.zh_hans FROM "C";
END $$;--> statement-breakpoint
CREATE INDEX "contacts_name_zh_hant_idx" ON "crm"."contacts" USING btree ("org_id","name" collate crm.zh_hant,"id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "contacts_name_zh_hans_idx" ON "crm"."contacts" USING btree ("org_id","name" collate crm.zh_hans,"id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_name_zh_hant_idx" ON "crm"."customers" USING btree ("org_id","name" collate crm.zh_hant,"id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_name_zh_hans_idx" ON "crm"."customers" USING btree ("org_id","name" collate crm.zh_hans,"id") WHERE deleted_at is null;