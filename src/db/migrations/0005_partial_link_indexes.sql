DROP INDEX "activities_deal_idx";--> statement-breakpoint
DROP INDEX "activities_lead_idx";--> statement-breakpoint
DROP INDEX "activities_person_idx";--> statement-breakpoint
DROP INDEX "activities_org_idx";--> statement-breakpoint
DROP INDEX "notes_lead_idx";--> statement-breakpoint
DROP INDEX "notes_deal_idx";--> statement-breakpoint
DROP INDEX "notes_person_idx";--> statement-breakpoint
DROP INDEX "notes_org_idx";--> statement-breakpoint
CREATE INDEX "activities_deal_idx" ON "activities" USING btree ("company_id","deal_id","done","due_date") WHERE "activities"."deal_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "activities_lead_idx" ON "activities" USING btree ("company_id","lead_id","done","due_date") WHERE "activities"."lead_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "activities_person_idx" ON "activities" USING btree ("company_id","person_id") WHERE "activities"."person_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "activities_org_idx" ON "activities" USING btree ("company_id","org_id") WHERE "activities"."org_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "notes_lead_idx" ON "notes" USING btree ("company_id","lead_id") WHERE "notes"."lead_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "notes_deal_idx" ON "notes" USING btree ("company_id","deal_id") WHERE "notes"."deal_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "notes_person_idx" ON "notes" USING btree ("company_id","person_id") WHERE "notes"."person_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "notes_org_idx" ON "notes" USING btree ("company_id","org_id") WHERE "notes"."org_id" IS NOT NULL;