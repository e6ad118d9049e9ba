CREATE TABLE "sales_manager_monthly_turnovers" (
	"month" date NOT NULL,
	"manager_id" integer NOT NULL,
	"revenue" numeric(15, 2) NOT NULL,
	"vat" numeric(15, 2) NOT NULL,
	"cost" numeric(15, 2) NOT NULL,
	CONSTRAINT "sales_manager_monthly_turnovers_month_manager_id_pk" PRIMARY KEY("month","manager_id")
);
--> statement-breakpoint
CREATE INDEX "client_settlement_balances_debt_idx" ON "client_settlement_balances" USING btree ("partner_id","order_id","amount") WHERE "client_settlement_balances"."amount" > 0;--> statement-breakpoint
CREATE INDEX "client_settlement_movements_increase_idx" ON "client_settlement_movements" USING btree ("partner_id","order_id","period") WHERE "client_settlement_movements"."amount" > 0;--> statement-breakpoint
CREATE INDEX "interests_open_idx" ON "interests" USING btree ("responsible_id","state","expected_close_date","expected_amount","id") WHERE "interests"."state" in ('new', 'consultation', 'offer_sent', 'awaiting_payment', 'shipment_control');--> statement-breakpoint
CREATE INDEX "interests_closed_idx" ON "interests" USING btree ("state","state_changed_at","responsible_id") WHERE "interests"."state" in ('won', 'lost');--> statement-breakpoint
CREATE INDEX "interests_created_idx" ON "interests" USING btree ("created_at","responsible_id","source_id");--> statement-breakpoint
CREATE INDEX "tasks_interest_open_idx" ON "tasks" USING btree ("interest_id","due_at") WHERE "tasks"."done_at" is null;--> statement-breakpoint
-- The new turnovers of what was posted before them, from the movements (as rebuildBalances computes them).
INSERT INTO "sales_manager_monthly_turnovers" ("month", "manager_id", "revenue", "vat", "cost")
SELECT date_trunc('month', "period" at time zone 'UTC')::date, "manager_id", sum("revenue"), sum("vat"), sum("cost")
FROM "sales_movements" GROUP BY 1, 2;
