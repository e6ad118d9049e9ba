ALTER TYPE "public"."document_kind" ADD VALUE 'client_return';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'supplier_return';