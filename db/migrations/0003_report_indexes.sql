ALTER TABLE "stock_daily_turnovers" DROP CONSTRAINT "stock_daily_turnovers_day_warehouse_id_product_id_pk";--> statement-breakpoint
ALTER TABLE "stock_daily_turnovers" ADD CONSTRAINT "stock_daily_turnovers_warehouse_id_product_id_day_pk" PRIMARY KEY("warehouse_id","product_id","day");--> statement-breakpoint
CREATE INDEX "products_group_idx" ON "products" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "stock_daily_turnovers_day_idx" ON "stock_daily_turnovers" USING btree ("day");