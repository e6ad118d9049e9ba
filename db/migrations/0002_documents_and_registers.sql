CREATE TYPE "public"."document_kind" AS ENUM('goods_receipt', 'stock_surplus', 'stock_shortage', 'transfer');--> statement-breakpoint
CREATE TYPE "public"."document_status" AS ENUM('draft', 'posted', 'deleted');--> statement-breakpoint
CREATE TABLE "cost_balances" (
	"product_id" integer PRIMARY KEY NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	"amount" numeric(15, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cost_movements" (
	"document_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"period" timestamp with time zone NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	"amount" numeric(15, 2) NOT NULL,
	CONSTRAINT "cost_movements_document_id_row_no_pk" PRIMARY KEY("document_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "document_lines" (
	"document_id" integer NOT NULL,
	"line_no" integer NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	"price" numeric(15, 2) DEFAULT '0' NOT NULL,
	"vat_rate" "vat_rate" DEFAULT '22' NOT NULL,
	"amount" numeric(15, 2) DEFAULT '0' NOT NULL,
	"vat_amount" numeric(15, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "document_lines_document_id_line_no_pk" PRIMARY KEY("document_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "document_numbers" (
	"kind" "document_kind" NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "document_numbers_kind_year_pk" PRIMARY KEY("kind","year")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "document_kind" NOT NULL,
	"number" text NOT NULL,
	"date" timestamp with time zone NOT NULL,
	"status" "document_status" DEFAULT 'draft' NOT NULL,
	"author_id" integer,
	"responsible_id" integer,
	"organization_id" integer,
	"partner_id" integer,
	"warehouse_id" integer,
	"warehouse_to_id" integer,
	"based_on_id" integer,
	"external_number" text,
	"amount" numeric(15, 2) DEFAULT '0' NOT NULL,
	"vat_amount" numeric(15, 2) DEFAULT '0' NOT NULL,
	"comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expected_goods_balances" (
	"warehouse_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	CONSTRAINT "expected_goods_balances_warehouse_id_product_id_pk" PRIMARY KEY("warehouse_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "expected_goods_movements" (
	"document_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"period" timestamp with time zone NOT NULL,
	"warehouse_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	CONSTRAINT "expected_goods_movements_document_id_row_no_pk" PRIMARY KEY("document_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "reservation_balances" (
	"warehouse_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	CONSTRAINT "reservation_balances_warehouse_id_product_id_order_id_pk" PRIMARY KEY("warehouse_id","product_id","order_id")
);
--> statement-breakpoint
CREATE TABLE "reservation_movements" (
	"document_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"period" timestamp with time zone NOT NULL,
	"warehouse_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"order_id" integer NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	CONSTRAINT "reservation_movements_document_id_row_no_pk" PRIMARY KEY("document_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "stock_balances" (
	"warehouse_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	CONSTRAINT "stock_balances_warehouse_id_product_id_pk" PRIMARY KEY("warehouse_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "stock_daily_turnovers" (
	"day" date NOT NULL,
	"warehouse_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"receipt" numeric(15, 3) NOT NULL,
	"issue" numeric(15, 3) NOT NULL,
	CONSTRAINT "stock_daily_turnovers_day_warehouse_id_product_id_pk" PRIMARY KEY("day","warehouse_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"document_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"period" timestamp with time zone NOT NULL,
	"warehouse_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" numeric(15, 3) NOT NULL,
	CONSTRAINT "stock_movements_document_id_row_no_pk" PRIMARY KEY("document_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "supplier_settlement_balances" (
	"partner_id" integer PRIMARY KEY NOT NULL,
	"amount" numeric(15, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplier_settlement_movements" (
	"document_id" integer NOT NULL,
	"row_no" integer NOT NULL,
	"period" timestamp with time zone NOT NULL,
	"partner_id" integer NOT NULL,
	"amount" numeric(15, 2) NOT NULL,
	CONSTRAINT "supplier_settlement_movements_document_id_row_no_pk" PRIMARY KEY("document_id","row_no")
);
--> statement-breakpoint
ALTER TABLE "cost_movements" ADD CONSTRAINT "cost_movements_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_lines" ADD CONSTRAINT "document_lines_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_lines" ADD CONSTRAINT "document_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_warehouse_id_warehouses_id_fk" FOREIGN KEY ("warehouse_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_warehouse_to_id_warehouses_id_fk" FOREIGN KEY ("warehouse_to_id") REFERENCES "public"."warehouses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expected_goods_movements" ADD CONSTRAINT "expected_goods_movements_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_movements" ADD CONSTRAINT "reservation_movements_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_settlement_movements" ADD CONSTRAINT "supplier_settlement_movements_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_lines_product_idx" ON "document_lines" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_kind_number_key" ON "documents" USING btree ("kind","number",date_part('year', "date" at time zone 'UTC'));--> statement-breakpoint
CREATE INDEX "documents_kind_date_idx" ON "documents" USING btree ("kind","date");--> statement-breakpoint
CREATE INDEX "documents_partner_idx" ON "documents" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "documents_based_on_idx" ON "documents" USING btree ("based_on_id");--> statement-breakpoint
CREATE INDEX "stock_balances_product_idx" ON "stock_balances" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "stock_movements_product_idx" ON "stock_movements" USING btree ("product_id","period");