ALTER TABLE "persons" ADD COLUMN "name_folded" text;--> statement-breakpoint
-- backfill: every person's name folded as the application writes it (foldedName in name-key.ts)
UPDATE "persons" SET "name_folded" = f_unaccent(lower("name"));--> statement-breakpoint
CREATE INDEX "persons_name_folded_trgm" ON "persons" USING gin ("name_folded" gin_trgm_ops);
