CREATE TABLE "session_annotations" (
	"session_id" uuid NOT NULL,
	"surface" text NOT NULL,
	"state" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_annotations_session_id_surface_pk" PRIMARY KEY("session_id","surface")
);
--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "frozen_snapshot_id" uuid;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "camera_capabilities" jsonb;--> statement-breakpoint
ALTER TABLE "session_annotations" ADD CONSTRAINT "session_annotations_session_id_support_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."support_sessions"("id") ON DELETE cascade ON UPDATE no action;