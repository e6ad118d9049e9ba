CREATE TYPE "public"."cash_payment_operation" AS ENUM('supplier_payment', 'client_refund', 'employee_advance');--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'cash_receipt';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'cash_payment';--> statement-breakpoint
CREATE TABLE "cash_daily_turnovers" (
	"day" date NOT NULL,
	"bank_account_id" integer DEFAULT 0 NOT NULL,
	"cash_desk_id" integer DEFAULT 0 NOT NULL,
	"receipt" numeric(15, 2) NOT NULL,
	"expense" numeric(15, 2) NOT NULL,
	CONSTRAINT "cash_daily_turnovers_bank_account_id_cash_desk_id_day_pk" PRIMARY KEY("bank_account_id","cash_desk_id","day")
);
--> statement-breakpoint
CREATE TABLE "cash_desks" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cash_desks_name_unique" UNIQUE("name")
);
--> statement-breakpoint
-- The cash register holds cash desks beside bank accounts: one of the two set, the other 0.
ALTER TABLE "cash_balances" DROP CONSTRAINT "cash_balances_pkey";--> statement-breakpoint
ALTER TABLE "cash_balances" ALTER COLUMN "bank_account_id" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "cash_movements" ALTER COLUMN "bank_account_id" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "cash_balances" ADD COLUMN "cash_desk_id" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cash_movements" ADD COLUMN "cash_desk_id" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cash_balances" ADD CONSTRAINT "cash_balances_bank_account_id_cash_desk_id_pk" PRIMARY KEY("bank_account_id","cash_desk_id");--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "cash_desk_id" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "cash_operation" "cash_payment_operation";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "employee_id" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "payment_due_date" date;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_cash_desk_id_cash_desks_id_fk" FOREIGN KEY ("cash_desk_id") REFERENCES "public"."cash_desks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_employee_id_users_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cash_balances" ADD CONSTRAINT "cash_balances_place_check" CHECK (("cash_balances"."bank_account_id" = 0) <> ("cash_balances"."cash_desk_id" = 0));--> statement-breakpoint
ALTER TABLE "cash_movements" ADD CONSTRAINT "cash_movements_place_check" CHECK (("cash_movements"."bank_account_id" = 0) <> ("cash_movements"."cash_desk_id" = 0));--> statement-breakpoint
CREATE INDEX "documents_open_orders_idx" ON "documents" USING btree ("partner_id") WHERE "documents"."status" = 'posted' and "documents"."order_status" <> 'closed';--> statement-breakpoint
-- The daily turnovers of the money posted so far.
INSERT INTO "cash_daily_turnovers" ("day", "bank_account_id", "cash_desk_id", "receipt", "expense")
SELECT (period at time zone 'UTC')::date, bank_account_id, cash_desk_id, sum(greatest(amount, 0)), sum(greatest(-amount, 0))
FROM "cash_movements" GROUP BY 1, 2, 3;--> statement-breakpoint
-- A cash receipt pays orders as a bank receipt does: the interests of the orders it pays are recomputed.
CREATE OR REPLACE FUNCTION documents_enqueue_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM enqueue_interest_recompute(OLD.interest_id); END IF;
  IF TG_OP <> 'DELETE' THEN
    IF TG_OP = 'INSERT' OR NEW.interest_id IS DISTINCT FROM OLD.interest_id THEN
      PERFORM enqueue_interest_recompute(NEW.interest_id);
    END IF;
    IF NEW.kind::text IN ('bank_receipt', 'cash_receipt') THEN
      FOR r IN SELECT DISTINCT o.interest_id FROM payment_allocations a JOIN documents o ON o.id = a.order_id
               WHERE a.document_id = NEW.id AND o.interest_id IS NOT NULL LOOP
        PERFORM enqueue_interest_recompute(r.interest_id);
      END LOOP;
    END IF;
  END IF;
  RETURN NULL;
END $$;
