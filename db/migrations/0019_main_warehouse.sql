ALTER TABLE "price_types" ADD COLUMN "main" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "warehouses" ADD COLUMN "main" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "price_types_main_key" ON "price_types" USING btree ("main") WHERE "price_types"."main";--> statement-breakpoint
CREATE UNIQUE INDEX "warehouses_main_key" ON "warehouses" USING btree ("main") WHERE "warehouses"."main";--> statement-breakpoint
ALTER TABLE "price_types" ADD CONSTRAINT "price_types_main_sale_check" CHECK (not "price_types"."main" or "price_types"."purpose" = 'sale');--> statement-breakpoint
-- A deployment made before the flags keeps the default it had: the sale price type the form found by
-- the name «Розничная» (else the first by name), and the warehouse named «Основной склад» (else the oldest).
UPDATE "price_types" SET "main" = true WHERE "id" = (
  SELECT "id" FROM "price_types" WHERE "purpose" = 'sale' AND "archived_at" IS NULL
  ORDER BY "name" = 'Розничная' DESC, "name" LIMIT 1);--> statement-breakpoint
UPDATE "warehouses" SET "main" = true WHERE "id" = (
  SELECT "id" FROM "warehouses" WHERE "archived_at" IS NULL
  ORDER BY "name" = 'Основной склад' DESC, "id" LIMIT 1);
