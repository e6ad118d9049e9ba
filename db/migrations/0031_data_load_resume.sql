ALTER TABLE "data_loads" ADD COLUMN "committed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "data_loads" ADD COLUMN "checked" jsonb;