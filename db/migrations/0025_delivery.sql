CREATE TYPE "public"."delivery_status" AS ENUM('forming', 'loading', 'en_route', 'done');--> statement-breakpoint
CREATE TYPE "public"."delivery_stop_result" AS ENUM('pending', 'delivered', 'not_delivered');--> statement-breakpoint
CREATE TABLE "delivery_stops" (
	"delivery_id" integer NOT NULL,
	"stop_no" integer NOT NULL,
	"document_id" integer NOT NULL,
	"address" text NOT NULL,
	"contact" text,
	"window_from" text,
	"window_to" text,
	"result" "delivery_stop_result" DEFAULT 'pending' NOT NULL,
	"reason" text,
	CONSTRAINT "delivery_stops_delivery_id_stop_no_pk" PRIMARY KEY("delivery_id","stop_no")
);
--> statement-breakpoint
CREATE TABLE "delivery_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"date" date NOT NULL,
	"status" "delivery_status" DEFAULT 'forming' NOT NULL,
	"driver_id" integer,
	"vehicle_id" integer,
	"comment" text,
	"author_id" integer,
	"responsible_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivery_tasks_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "drivers" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drivers_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"plate_number" text,
	"capacity_kg" numeric(12, 3),
	"capacity_m3" numeric(12, 4),
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicles_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "weight_kg" numeric(12, 3);--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "volume_m3" numeric(12, 4);--> statement-breakpoint
ALTER TABLE "delivery_stops" ADD CONSTRAINT "delivery_stops_delivery_id_delivery_tasks_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."delivery_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_stops" ADD CONSTRAINT "delivery_stops_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_tasks" ADD CONSTRAINT "delivery_tasks_driver_id_drivers_id_fk" FOREIGN KEY ("driver_id") REFERENCES "public"."drivers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_tasks" ADD CONSTRAINT "delivery_tasks_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_tasks" ADD CONSTRAINT "delivery_tasks_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_tasks" ADD CONSTRAINT "delivery_tasks_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_stops_document_key" ON "delivery_stops" USING btree ("delivery_id","document_id");--> statement-breakpoint
CREATE INDEX "delivery_stops_document_idx" ON "delivery_stops" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "delivery_tasks_date_idx" ON "delivery_tasks" USING btree ("date");