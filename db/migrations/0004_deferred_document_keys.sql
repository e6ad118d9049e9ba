-- A new document, its lines and its movements are sent together in one round trip (pipelined);
-- the references to the document are checked at commit, when all of them are there.
ALTER TABLE document_lines ALTER CONSTRAINT document_lines_document_id_documents_id_fk DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE stock_movements ALTER CONSTRAINT stock_movements_document_id_documents_id_fk DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE reservation_movements ALTER CONSTRAINT reservation_movements_document_id_documents_id_fk DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE expected_goods_movements ALTER CONSTRAINT expected_goods_movements_document_id_documents_id_fk DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE cost_movements ALTER CONSTRAINT cost_movements_document_id_documents_id_fk DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE supplier_settlement_movements ALTER CONSTRAINT supplier_settlement_movements_document_id_documents_id_fk DEFERRABLE INITIALLY DEFERRED;
