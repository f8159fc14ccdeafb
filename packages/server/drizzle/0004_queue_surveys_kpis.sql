CREATE TABLE "agent_presence" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"busy_reason" text,
	"status_since" timestamp with time zone NOT NULL,
	"idle_since" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callback_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid,
	"product_line_id" uuid,
	"name" text,
	"email" text,
	"phone" text,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"invite_session_id" uuid
);
--> statement-breakpoint
CREATE TABLE "resolution_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_facts" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"entry" text NOT NULL,
	"product_line_id" uuid,
	"agent_id" uuid,
	"team_id" uuid,
	"serial_number" text,
	"customer_contact" text,
	"queued" boolean DEFAULT false NOT NULL,
	"abandoned" boolean DEFAULT false NOT NULL,
	"accepted_at" timestamp with time zone,
	"connected_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"wrap_up_done_at" timestamp with time zone,
	"queue_wait_ms" integer,
	"time_to_connect_ms" integer,
	"talk_ms" integer,
	"wrap_up_ms" integer,
	"video_ms" integer,
	"disposition" text,
	"resolution_code" text,
	"survey_offered" boolean DEFAULT false NOT NULL,
	"survey_answered" boolean DEFAULT false NOT NULL,
	"csat" integer,
	"empathy" integer,
	"ces" integer
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"questions" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"emailed_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"answers" jsonb,
	"csat" integer,
	"empathy" integer,
	"ces" integer,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "product_lines" ADD COLUMN "skills" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "product_lines" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "product_lines" ADD COLUMN "support_hours" jsonb;--> statement-breakpoint
ALTER TABLE "product_lines" ADD COLUMN "greeting" text;--> statement-breakpoint
ALTER TABLE "product_lines" ADD COLUMN "callback_after_seconds" integer;--> statement-breakpoint
ALTER TABLE "product_lines" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "resolution_code" text;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "customer_email" text;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "customer_phone" text;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "short_code" text;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "queued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "offered_to" uuid;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "offer_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "wrap_up_done_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "skills" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "languages" jsonb DEFAULT '["en"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_presence" ADD CONSTRAINT "agent_presence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_requests" ADD CONSTRAINT "callback_requests_session_id_support_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."support_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_requests" ADD CONSTRAINT "callback_requests_product_line_id_product_lines_id_fk" FOREIGN KEY ("product_line_id") REFERENCES "public"."product_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_requests" ADD CONSTRAINT "callback_requests_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_requests" ADD CONSTRAINT "callback_requests_invite_session_id_support_sessions_id_fk" FOREIGN KEY ("invite_session_id") REFERENCES "public"."support_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_facts" ADD CONSTRAINT "session_facts_session_id_support_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."support_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_session_id_support_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."support_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_presence_status_idx" ON "agent_presence" USING btree ("status","idle_since");--> statement-breakpoint
CREATE INDEX "callback_requests_status_idx" ON "callback_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "session_facts_requested_at_idx" ON "session_facts" USING btree ("requested_at");--> statement-breakpoint
CREATE INDEX "session_facts_agent_idx" ON "session_facts" USING btree ("agent_id","requested_at");--> statement-breakpoint
CREATE INDEX "session_facts_product_line_idx" ON "session_facts" USING btree ("product_line_id","requested_at");--> statement-breakpoint
CREATE INDEX "session_facts_team_idx" ON "session_facts" USING btree ("team_id","requested_at");--> statement-breakpoint
CREATE INDEX "session_facts_serial_idx" ON "session_facts" USING btree ("serial_number","requested_at");--> statement-breakpoint
CREATE INDEX "session_facts_contact_idx" ON "session_facts" USING btree ("customer_contact","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "surveys_token_key" ON "surveys" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_name_key" ON "teams" USING btree ("name");--> statement-breakpoint
ALTER TABLE "support_sessions" ADD CONSTRAINT "support_sessions_offered_to_users_id_fk" FOREIGN KEY ("offered_to") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "support_sessions_short_code_key" ON "support_sessions" USING btree ("short_code");--> statement-breakpoint
CREATE INDEX "support_sessions_queue_idx" ON "support_sessions" USING btree ("queued_at") WHERE status in ('waiting', 'ringing') and queued_at is not null;