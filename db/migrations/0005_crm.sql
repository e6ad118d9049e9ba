CREATE TYPE "public"."interaction_direction" AS ENUM('incoming', 'outgoing');--> statement-breakpoint
CREATE TYPE "public"."interaction_kind" AS ENUM('call', 'email', 'message', 'meeting', 'note');--> statement-breakpoint
CREATE TYPE "public"."interest_event_kind" AS ENUM('state', 'reassigned');--> statement-breakpoint
CREATE TYPE "public"."interest_state" AS ENUM('new', 'consultation', 'offer_sent', 'awaiting_payment', 'shipment_control', 'won', 'lost');--> statement-breakpoint
CREATE TABLE "interactions" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "interaction_kind" NOT NULL,
	"direction" "interaction_direction" DEFAULT 'incoming' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"partner_id" integer,
	"contact_id" integer,
	"interest_id" integer,
	"subject" text,
	"body" text,
	"from_address" text,
	"processed" boolean DEFAULT false NOT NULL,
	"author_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interest_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"interest_id" integer NOT NULL,
	"kind" "interest_event_kind" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"from_value" text,
	"to_value" text NOT NULL,
	"cause" text
);
--> statement-breakpoint
CREATE TABLE "interest_lines" (
	"interest_id" integer NOT NULL,
	"line_no" integer NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	"price" numeric(15, 2) DEFAULT '0' NOT NULL,
	"amount" numeric(15, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "interest_lines_interest_id_line_no_pk" PRIMARY KEY("interest_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "interests" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"partner_id" integer NOT NULL,
	"contact_id" integer,
	"responsible_id" integer NOT NULL,
	"source_id" integer,
	"state" "interest_state" DEFAULT 'new' NOT NULL,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expected_amount" numeric(15, 2),
	"expected_close_date" date,
	"description" text,
	"price_type_id" integer,
	"prepayment_percent" numeric(5, 2),
	"delivery_terms" text,
	"loss_reason_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"due_at" timestamp with time zone NOT NULL,
	"responsible_id" integer NOT NULL,
	"interest_id" integer,
	"partner_id" integer,
	"done_at" timestamp with time zone,
	"author_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "interest_id" integer;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_contact_id_contact_persons_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_interest_id_interests_id_fk" FOREIGN KEY ("interest_id") REFERENCES "public"."interests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_events" ADD CONSTRAINT "interest_events_interest_id_interests_id_fk" FOREIGN KEY ("interest_id") REFERENCES "public"."interests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_events" ADD CONSTRAINT "interest_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_lines" ADD CONSTRAINT "interest_lines_interest_id_interests_id_fk" FOREIGN KEY ("interest_id") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_lines" ADD CONSTRAINT "interest_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interests" ADD CONSTRAINT "interests_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interests" ADD CONSTRAINT "interests_contact_id_contact_persons_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interests" ADD CONSTRAINT "interests_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interests" ADD CONSTRAINT "interests_source_id_interest_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."interest_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interests" ADD CONSTRAINT "interests_price_type_id_price_types_id_fk" FOREIGN KEY ("price_type_id") REFERENCES "public"."price_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interests" ADD CONSTRAINT "interests_loss_reason_id_loss_reasons_id_fk" FOREIGN KEY ("loss_reason_id") REFERENCES "public"."loss_reasons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_interest_id_interests_id_fk" FOREIGN KEY ("interest_id") REFERENCES "public"."interests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interactions_interest_idx" ON "interactions" USING btree ("interest_id","at");--> statement-breakpoint
CREATE INDEX "interactions_unprocessed_idx" ON "interactions" USING btree ("processed","at");--> statement-breakpoint
CREATE INDEX "interest_events_interest_idx" ON "interest_events" USING btree ("interest_id","at");--> statement-breakpoint
CREATE INDEX "interests_responsible_state_idx" ON "interests" USING btree ("responsible_id","state");--> statement-breakpoint
CREATE INDEX "interests_partner_idx" ON "interests" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "tasks_responsible_open_idx" ON "tasks" USING btree ("responsible_id","due_at") WHERE "tasks"."done_at" is null;--> statement-breakpoint
CREATE INDEX "tasks_interest_idx" ON "tasks" USING btree ("interest_id");--> statement-breakpoint
CREATE INDEX "documents_interest_idx" ON "documents" USING btree ("interest_id");