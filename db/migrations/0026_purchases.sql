CREATE TYPE "public"."payment_kind" AS ENUM('supplier', 'client_refund', 'other');--> statement-breakpoint
CREATE TYPE "public"."supplier_order_status" AS ENUM('not_agreed', 'to_receive', 'closed');--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'supplier_order';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'bank_payment';--> statement-breakpoint
CREATE TABLE "supplier_settlement_daily_turnovers" (
	"day" date NOT NULL,
	"partner_id" integer NOT NULL,
	"increase" numeric(15, 2) NOT NULL,
	"decrease" numeric(15, 2) NOT NULL,
	CONSTRAINT "supplier_settlement_daily_turnovers_partner_id_day_pk" PRIMARY KEY("partner_id","day")
);
--> statement-breakpoint
CREATE TABLE "supplier_settlement_monthly_turnovers" (
	"month" date NOT NULL,
	"partner_id" integer NOT NULL,
	"increase" numeric(15, 2) NOT NULL,
	"decrease" numeric(15, 2) NOT NULL,
	CONSTRAINT "supplier_settlement_monthly_turnovers_partner_id_month_pk" PRIMARY KEY("partner_id","month")
);
--> statement-breakpoint
ALTER TABLE "bank_payments" ADD COLUMN "outgoing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "expected_date" date;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "supplier_order_status" "supplier_order_status";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "update_prices" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "payment_kind" "payment_kind";--> statement-breakpoint
ALTER TABLE "expected_goods_balances" ADD COLUMN "order_id" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "expected_goods_movements" ADD COLUMN "order_id" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "min_stock" numeric(15, 3);--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "main_supplier_id" integer;--> statement-breakpoint
ALTER TABLE "supplier_settlement_balances" ADD COLUMN "order_id" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "supplier_settlement_movements" ADD COLUMN "order_id" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "expected_goods_balances" DROP CONSTRAINT "expected_goods_balances_warehouse_id_product_id_pk";--> statement-breakpoint
ALTER TABLE "expected_goods_balances" ADD CONSTRAINT "expected_goods_balances_warehouse_id_product_id_order_id_pk" PRIMARY KEY("warehouse_id","product_id","order_id");--> statement-breakpoint
ALTER TABLE "supplier_settlement_balances" DROP CONSTRAINT "supplier_settlement_balances_pkey";--> statement-breakpoint
ALTER TABLE "supplier_settlement_balances" ADD CONSTRAINT "supplier_settlement_balances_partner_id_order_id_pk" PRIMARY KEY("partner_id","order_id");--> statement-breakpoint
CREATE INDEX "supplier_settlement_daily_turnovers_day_idx" ON "supplier_settlement_daily_turnovers" USING btree ("day");--> statement-breakpoint
CREATE INDEX "supplier_settlement_monthly_turnovers_month_idx" ON "supplier_settlement_monthly_turnovers" USING btree ("month");--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_main_supplier_id_partners_id_fk" FOREIGN KEY ("main_supplier_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expected_goods_balances_product_idx" ON "expected_goods_balances" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "supplier_settlement_movements_partner_idx" ON "supplier_settlement_movements" USING btree ("partner_id","period");;--> statement-breakpoint
-- The supplier settlements' turnovers of the movements posted before they were kept.
INSERT INTO "supplier_settlement_daily_turnovers" ("day", "partner_id", "increase", "decrease")
SELECT (period at time zone 'UTC')::date, partner_id, sum(greatest(amount, 0)), sum(greatest(-amount, 0))
FROM "supplier_settlement_movements" GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO "supplier_settlement_monthly_turnovers" ("month", "partner_id", "increase", "decrease")
SELECT date_trunc('month', period at time zone 'UTC')::date, partner_id, sum(greatest(amount, 0)), sum(greatest(-amount, 0))
FROM "supplier_settlement_movements" GROUP BY 1, 2;
