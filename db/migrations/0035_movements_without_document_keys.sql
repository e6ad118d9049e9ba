-- Movements no longer reference their document by a foreign key: only posting writes them, under the
-- document's lock, and documents are never deleted. The deferred checks cost every posting a lookup and
-- a row lock per movement at commit; the ledger check finds movements whose document is not there.
ALTER TABLE "cash_movements" DROP CONSTRAINT "cash_movements_document_id_documents_id_fk";
--> statement-breakpoint
ALTER TABLE "client_settlement_movements" DROP CONSTRAINT "client_settlement_movements_document_id_documents_id_fk";
--> statement-breakpoint
ALTER TABLE "cost_movements" DROP CONSTRAINT "cost_movements_document_id_documents_id_fk";
--> statement-breakpoint
ALTER TABLE "expected_goods_movements" DROP CONSTRAINT "expected_goods_movements_document_id_documents_id_fk";
--> statement-breakpoint
ALTER TABLE "reservation_movements" DROP CONSTRAINT "reservation_movements_document_id_documents_id_fk";
--> statement-breakpoint
ALTER TABLE "sales_movements" DROP CONSTRAINT "sales_movements_document_id_documents_id_fk";
--> statement-breakpoint
ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_document_id_documents_id_fk";
--> statement-breakpoint
ALTER TABLE "supplier_settlement_movements" DROP CONSTRAINT "supplier_settlement_movements_document_id_documents_id_fk";
