DROP INDEX "jobs_pending_key";--> statement-breakpoint
CREATE INDEX "jobs_pending_key_idx" ON "jobs" USING btree ("key") WHERE "jobs"."status" = 'pending';--> statement-breakpoint
-- Deduplication that never waits for a worker: a pending job of the key that no worker holds is
-- merged into (and locked until this transaction ends, so no worker starts it before the change is
-- committed); a job a worker is running is skipped and a fresh one added, to run after it with the
-- change in view. A unique index instead made an enqueue wait for the running job, and deadlock when
-- that job needed a row the enqueuing transaction held.
CREATE OR REPLACE FUNCTION enqueue_job(p_kind text, p_key text, p_payload jsonb DEFAULT '{}', p_run_at timestamptz DEFAULT now())
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_id integer;
BEGIN
  SELECT id INTO v_id FROM jobs WHERE key = p_key AND status = 'pending' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED;
  IF FOUND THEN
    UPDATE jobs SET run_at = least(run_at, p_run_at) WHERE id = v_id;
  ELSE
    INSERT INTO jobs (kind, key, payload, run_at) VALUES (p_kind, p_key, p_payload, p_run_at);
  END IF;
  PERFORM pg_notify('torg_jobs', p_kind);
END $$;
