CREATE TYPE "public"."call_result" AS ENUM('answered', 'missed', 'busy', 'failed');--> statement-breakpoint
CREATE TYPE "public"."call_state" AS ENUM('ringing', 'talking', 'ended');--> statement-breakpoint
CREATE TYPE "public"."telephony_provider" AS ENUM('zadarma', 'mango', 'webhook');--> statement-breakpoint
CREATE TABLE "call_pops" (
	"id" serial PRIMARY KEY NOT NULL,
	"call_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dismissed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" serial PRIMARY KEY NOT NULL,
	"provider" "telephony_provider" NOT NULL,
	"provider_call_id" text NOT NULL,
	"direction" "interaction_direction" NOT NULL,
	"phone" text NOT NULL,
	"partner_id" integer,
	"contact_id" integer,
	"interaction_id" integer NOT NULL,
	"state" "call_state" DEFAULT 'ringing' NOT NULL,
	"result" "call_result",
	"user_id" integer,
	"seq" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"duration_seconds" integer,
	"recording" text,
	"task_id" integer
);
--> statement-breakpoint
CREATE TABLE "telephony_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"provider" "telephony_provider" NOT NULL,
	"call_id" text NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "extension" text;--> statement-breakpoint
ALTER TABLE "call_pops" ADD CONSTRAINT "call_pops_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_pops" ADD CONSTRAINT "call_pops_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_contact_id_contact_persons_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_pops_call_user_key" ON "call_pops" USING btree ("call_id","user_id");--> statement-breakpoint
CREATE INDEX "call_pops_pending_idx" ON "call_pops" USING btree ("user_id","created_at") WHERE "call_pops"."dismissed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "calls_provider_call_key" ON "calls" USING btree ("provider","provider_call_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calls_interaction_key" ON "calls" USING btree ("interaction_id");--> statement-breakpoint
CREATE INDEX "calls_partner_idx" ON "calls" USING btree ("partner_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "telephony_events_key" ON "telephony_events" USING btree ("provider","call_id","event");--> statement-breakpoint
CREATE INDEX "telephony_events_unprocessed_idx" ON "telephony_events" USING btree ("provider","call_id") WHERE "telephony_events"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "partners_phone_idx" ON "partners" USING btree ("phone") WHERE "partners"."phone" is not null;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_extension_unique" UNIQUE("extension");