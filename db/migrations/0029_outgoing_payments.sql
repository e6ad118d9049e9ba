-- The РКО and the bank payment share one kind of payment (payment_kind); databases made before this
-- change were never released, so the РКО's own operation column goes without copying it over.
ALTER TYPE "public"."payment_kind" ADD VALUE 'employee_advance' BEFORE 'other';--> statement-breakpoint
ALTER TABLE "documents" DROP COLUMN "cash_operation";--> statement-breakpoint
DROP TYPE "public"."cash_payment_operation";