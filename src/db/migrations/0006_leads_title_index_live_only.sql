DROP INDEX "leads_title_trgm";--> statement-breakpoint
CREATE INDEX "leads_title_trgm" ON "leads" USING gin (f_unaccent(lower("title")) gin_trgm_ops) WHERE NOT "leads"."is_deleted";