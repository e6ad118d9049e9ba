CREATE TYPE "public"."data_load_kind" AS ENUM('partners', 'products', 'opening_stock', 'client_debts', 'supplier_debts', 'cash');--> statement-breakpoint
CREATE TYPE "public"."data_load_status" AS ENUM('uploaded', 'loading', 'loaded');--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'opening_stock';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'opening_client_debt';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'opening_supplier_debt';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'opening_cash';--> statement-breakpoint
CREATE TABLE "data_loads" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "data_load_kind" NOT NULL,
	"file_name" text NOT NULL,
	"status" "data_load_status" DEFAULT 'uploaded' NOT NULL,
	"headers" text[] NOT NULL,
	"rows" jsonb NOT NULL,
	"mapping" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"valid_only" boolean DEFAULT false NOT NULL,
	"create_groups" boolean DEFAULT false NOT NULL,
	"total" integer NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"loaded" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"failure" text,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "data_loads" ADD CONSTRAINT "data_loads_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;