ALTER TABLE "notifications" ADD COLUMN "lead_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "deal_id" bigint;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "web_form_id" bigint;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "chatbot_id" bigint;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "subject" text;--> statement-breakpoint
CREATE INDEX "notifications_user_time_idx" ON "notifications" USING btree ("company_id","user_id","add_time" DESC NULLS LAST,"id" DESC NULLS LAST);