-- A revoked session (sign-out, password reset, deactivation) is announced on the live channel, so
-- every app process closes that user's open live streams at once, whichever command revoked it.
CREATE OR REPLACE FUNCTION announce_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('torg_live', json_build_array('session:' || NEW.id)::text);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_session_changed AFTER UPDATE OF session_version, active ON users
FOR EACH ROW WHEN (NEW.session_version IS DISTINCT FROM OLD.session_version OR NEW.active IS DISTINCT FROM OLD.active)
EXECUTE FUNCTION announce_session_change();
