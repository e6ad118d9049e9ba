-- The job queue's entry point, and a wake-up for workers (redefined in 0010 to deduplicate without
-- waiting for a running job).
CREATE FUNCTION enqueue_job(p_kind text, p_key text, p_payload jsonb DEFAULT '{}', p_run_at timestamptz DEFAULT now())
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO jobs (kind, key, payload, run_at) VALUES (p_kind, p_key, p_payload, p_run_at)
  ON CONFLICT (key) WHERE status = 'pending' DO UPDATE SET run_at = least(jobs.run_at, excluded.run_at);
  PERFORM pg_notify('torg_jobs', p_kind);
END $$;
--> statement-breakpoint
CREATE FUNCTION enqueue_interest_recompute(p_interest_id integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_interest_id IS NOT NULL THEN
    PERFORM enqueue_job('recompute_interest', 'interest:' || p_interest_id, jsonb_build_object('interestId', p_interest_id));
  END IF;
END $$;
--> statement-breakpoint
-- Documents of an interest (offers sent, orders, receipts and sales posted or unposted, edits of any):
-- its state is recomputed. A bank receipt counts for the interests of the orders it pays.
CREATE FUNCTION documents_enqueue_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM enqueue_interest_recompute(OLD.interest_id); END IF;
  IF TG_OP <> 'DELETE' THEN
    IF TG_OP = 'INSERT' OR NEW.interest_id IS DISTINCT FROM OLD.interest_id THEN
      PERFORM enqueue_interest_recompute(NEW.interest_id);
    END IF;
    IF NEW.kind = 'bank_receipt' THEN
      FOR r IN SELECT DISTINCT o.interest_id FROM payment_allocations a JOIN documents o ON o.id = a.order_id
               WHERE a.document_id = NEW.id AND o.interest_id IS NOT NULL LOOP
        PERFORM enqueue_interest_recompute(r.interest_id);
      END LOOP;
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER documents_enqueue_recompute AFTER INSERT OR UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_enqueue_recompute();
--> statement-breakpoint
-- Allocations are written after their receipt's row (and with it deferred): they count when they change.
CREATE FUNCTION payment_allocations_enqueue_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_order integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.order_id ELSE NEW.order_id END;
BEGIN
  PERFORM enqueue_interest_recompute((SELECT interest_id FROM documents WHERE id = v_order));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER payment_allocations_enqueue_recompute AFTER INSERT OR DELETE ON payment_allocations
  FOR EACH ROW EXECUTE FUNCTION payment_allocations_enqueue_recompute();
--> statement-breakpoint
-- The interest's product lines: "consultation" starts with the first.
CREATE FUNCTION interest_lines_enqueue_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM enqueue_interest_recompute(CASE WHEN TG_OP = 'DELETE' THEN OLD.interest_id ELSE NEW.interest_id END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER interest_lines_enqueue_recompute AFTER INSERT OR UPDATE OR DELETE ON interest_lines
  FOR EACH ROW EXECUTE FUNCTION interest_lines_enqueue_recompute();
--> statement-breakpoint
-- Reopening a lost interest hands it back to the automation.
CREATE FUNCTION interests_enqueue_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state = 'lost' AND NEW.state <> 'lost' THEN PERFORM enqueue_interest_recompute(NEW.id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER interests_enqueue_recompute AFTER UPDATE OF state ON interests
  FOR EACH ROW EXECUTE FUNCTION interests_enqueue_recompute();
--> statement-breakpoint
-- Outgoing email is sent by a worker, so a slow mail provider never holds up a request.
CREATE FUNCTION outgoing_emails_enqueue_send() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'queued' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'queued') THEN
    PERFORM enqueue_job('send_email', 'email:' || NEW.id, jsonb_build_object('emailId', NEW.id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER outgoing_emails_enqueue_send AFTER INSERT OR UPDATE OF status ON outgoing_emails
  FOR EACH ROW EXECUTE FUNCTION outgoing_emails_enqueue_send();
