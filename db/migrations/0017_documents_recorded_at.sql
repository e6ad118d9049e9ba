ALTER TABLE "documents" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Documents written before this column: when their creation was audited, else their date.
UPDATE "documents" d SET "recorded_at" = coalesce(a.created, d."date")
FROM (SELECT d2.id, min(l."at") AS created FROM "documents" d2
      LEFT JOIN "audit_log" l ON l."entity" = 'document' AND l."entity_id" = d2.id AND l."action" = 'create'
      GROUP BY d2.id) a
WHERE a.id = d.id;
