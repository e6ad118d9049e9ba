CREATE TYPE "public"."bank_payment_status" AS ENUM('unmatched', 'posted');--> statement-breakpoint
CREATE TYPE "public"."discount_rule_kind" AS ENUM('segment', 'line_quantity', 'document_total');--> statement-breakpoint
CREATE TYPE "public"."email_status" AS ENUM('queued', 'sent', 'outbox', 'failed');--> statement-breakpoint
CREATE TYPE "public"."offer_status" AS ENUM('draft', 'sent', 'accepted', 'rejected', 'expired');--> statement-breakpoint
CREATE TYPE "public"."order_line_action" AS ENUM('reserve', 'ship', 'none');--> statement-breakpoint
CREATE TYPE "public"."order_status" AS ENUM('not_agreed', 'to_provide', 'to_ship', 'closed');--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'commercial_offer';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'customer_order';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'bank_receipt';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'sales';--> statement-breakpoint
CREATE TABLE "bank_payments" (
	"id" serial PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"file_name" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by_id" integer,
	"bank_account_id" integer NOT NULL,
	"number" text NOT NULL,
	"date" date NOT NULL,
	"amount" numeric(15, 2) NOT NULL,
	"payer_name" text NOT NULL,
	"payer_inn" text,
	"payer_account" text NOT NULL,
	"purpose" text NOT NULL,
	"partner_id" integer,
	"order_id" integer,
	"receipt_id" integer,
	"status" "bank_payment_status" DEFAULT 'unmatched' NOT NULL,
	CONSTRAINT "bank_payments_fingerprint_unique" UNIQUE("fingerprint")
);
--> statement-breakpoint
CREATE TABLE "cash_balances" (
	"bank_account_id" integer PRIMARY KEY NOT NULL,
	"amount" numeric(15, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cash_movements" (
	"document_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"period" timestamp with time zone NOT NULL,
	"bank_account_id" integer NOT NULL,
	"amount" numeric(15, 2) NOT NULL,
	CONSTRAINT "cash_movements_document_id_row_no_pk" PRIMARY KEY("document_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "client_settlement_balances" (
	"partner_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"amount" numeric(15, 2) NOT NULL,
	CONSTRAINT "client_settlement_balances_partner_id_order_id_pk" PRIMARY KEY("partner_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "client_settlement_movements" (
	"document_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"period" timestamp with time zone NOT NULL,
	"partner_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"amount" numeric(15, 2) NOT NULL,
	CONSTRAINT "client_settlement_movements_document_id_row_no_pk" PRIMARY KEY("document_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "discount_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" "discount_rule_kind" NOT NULL,
	"segment" text,
	"min_quantity" numeric(15, 3),
	"min_amount" numeric(15, 2),
	"percent" numeric(5, 2) NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discount_rules_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "outgoing_emails" (
	"id" serial PRIMARY KEY NOT NULL,
	"interaction_id" integer NOT NULL,
	"document_id" integer,
	"template" text NOT NULL,
	"from_address" text NOT NULL,
	"to" text[] NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"html" text NOT NULL,
	"status" "email_status" DEFAULT 'queued' NOT NULL,
	"provider_id" text,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone,
	"author_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_allocations" (
	"document_id" integer NOT NULL,
	"line_no" integer NOT NULL,
	"order_id" integer NOT NULL,
	"amount" numeric(15, 2) NOT NULL,
	CONSTRAINT "payment_allocations_document_id_line_no_pk" PRIMARY KEY("document_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "sales_balances" (
	"product_id" integer NOT NULL,
	"partner_id" integer NOT NULL,
	"manager_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	"revenue" numeric(15, 2) NOT NULL,
	"vat" numeric(15, 2) NOT NULL,
	"cost" numeric(15, 2) NOT NULL,
	CONSTRAINT "sales_balances_product_id_partner_id_manager_id_order_id_pk" PRIMARY KEY("product_id","partner_id","manager_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "sales_movements" (
	"document_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"period" timestamp with time zone NOT NULL,
	"product_id" integer NOT NULL,
	"partner_id" integer NOT NULL,
	"manager_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	"revenue" numeric(15, 2) NOT NULL,
	"vat" numeric(15, 2) NOT NULL,
	"cost" numeric(15, 2) NOT NULL,
	CONSTRAINT "sales_movements_document_id_row_no_pk" PRIMARY KEY("document_id","row_no")
);
--> statement-breakpoint
ALTER TABLE "document_lines" ADD COLUMN "discount_percent" numeric(5, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "document_lines" ADD COLUMN "discount_amount" numeric(15, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "document_lines" ADD COLUMN "gift" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "document_lines" ADD COLUMN "action" "order_line_action";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "contact_id" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "price_type_id" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "manual_discount_percent" numeric(5, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "valid_until" date;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "offer_status" "offer_status";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "order_status" "order_status";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "prepayment_percent" numeric(5, 2);--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "bank_account_id" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "payment_purpose" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "discount_amount" numeric(15, 2) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "bank_payments" ADD CONSTRAINT "bank_payments_imported_by_id_users_id_fk" FOREIGN KEY ("imported_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_payments" ADD CONSTRAINT "bank_payments_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "public"."bank_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_payments" ADD CONSTRAINT "bank_payments_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_payments" ADD CONSTRAINT "bank_payments_order_id_documents_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_payments" ADD CONSTRAINT "bank_payments_receipt_id_documents_id_fk" FOREIGN KEY ("receipt_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_movements" ADD CONSTRAINT "cash_movements_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_settlement_movements" ADD CONSTRAINT "client_settlement_movements_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_emails" ADD CONSTRAINT "outgoing_emails_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_emails" ADD CONSTRAINT "outgoing_emails_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_emails" ADD CONSTRAINT "outgoing_emails_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_order_id_documents_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_movements" ADD CONSTRAINT "sales_movements_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bank_payments_status_idx" ON "bank_payments" USING btree ("status","date");--> statement-breakpoint
CREATE INDEX "client_settlement_movements_order_idx" ON "client_settlement_movements" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "outgoing_emails_status_idx" ON "outgoing_emails" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "payment_allocations_order_idx" ON "payment_allocations" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "sales_movements_period_idx" ON "sales_movements" USING btree ("period");--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_contact_id_contact_persons_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact_persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_price_type_id_price_types_id_fk" FOREIGN KEY ("price_type_id") REFERENCES "public"."price_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_bank_account_id_bank_accounts_id_fk" FOREIGN KEY ("bank_account_id") REFERENCES "public"."bank_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- As in 0004: a new document, its lines, allocations and movements go in one pipelined round trip.
ALTER TABLE payment_allocations ALTER CONSTRAINT payment_allocations_document_id_documents_id_fk DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE client_settlement_movements ALTER CONSTRAINT client_settlement_movements_document_id_documents_id_fk DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE cash_movements ALTER CONSTRAINT cash_movements_document_id_documents_id_fk DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE sales_movements ALTER CONSTRAINT sales_movements_document_id_documents_id_fk DEFERRABLE INITIALLY DEFERRED;
