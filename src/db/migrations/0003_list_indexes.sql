CREATE INDEX "activities_add_idx" ON "activities" USING btree ("company_id","add_time","id");--> statement-breakpoint
CREATE INDEX "activities_due_idx" ON "activities" USING btree ("company_id",coalesce("due_date", 'infinity'::date),"id");--> statement-breakpoint
CREATE INDEX "organizations_add_idx" ON "organizations" USING btree ("company_id","add_time");--> statement-breakpoint
CREATE INDEX "persons_add_idx" ON "persons" USING btree ("company_id","add_time");--> statement-breakpoint
CREATE INDEX "deals_add_idx" ON "deals" USING btree ("company_id","add_time");