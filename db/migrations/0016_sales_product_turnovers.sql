CREATE TABLE "sales_monthly_product_turnovers" (
	"month" date NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	"revenue" numeric(15, 2) NOT NULL,
	"vat" numeric(15, 2) NOT NULL,
	"cost" numeric(15, 2) NOT NULL,
	CONSTRAINT "sales_monthly_product_turnovers_month_product_id_pk" PRIMARY KEY("month","product_id")
);
--> statement-breakpoint
-- What was sold before the table existed, from the movements (as rebuildBalances computes it).
INSERT INTO "sales_monthly_product_turnovers" ("month", "product_id", "quantity", "revenue", "vat", "cost")
SELECT date_trunc('month', "period" at time zone 'UTC')::date, "product_id", sum("quantity"), sum("revenue"), sum("vat"), sum("cost")
FROM "sales_movements" GROUP BY 1, 2;
