ALTER TABLE "session_facts" ADD COLUMN "customer_phone" text;--> statement-breakpoint
ALTER TABLE "session_facts" ADD COLUMN "callback_requested" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "session_facts" ADD COLUMN "disposition_changed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "session_facts" ADD COLUMN "next_contact_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "session_facts_phone_idx" ON "session_facts" USING btree ("customer_phone","requested_at");