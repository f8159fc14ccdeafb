CREATE TABLE "product_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"serial_pattern" text,
	"check_digit" text DEFAULT 'none' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "model_number" text;--> statement-breakpoint
ALTER TABLE "support_sessions" ADD COLUMN "product_line_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "product_lines_slug_key" ON "product_lines" USING btree ("slug");--> statement-breakpoint
ALTER TABLE "support_sessions" ADD CONSTRAINT "support_sessions_product_line_id_product_lines_id_fk" FOREIGN KEY ("product_line_id") REFERENCES "public"."product_lines"("id") ON DELETE no action ON UPDATE no action;