ALTER TABLE "option_benefits" ADD COLUMN "audit_id" uuid;--> statement-breakpoint
CREATE INDEX "option_benefits_audit_idx" ON "option_benefits" USING btree ("audit_id");