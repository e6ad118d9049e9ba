-- Document numbers per kind and year come from a sequence each (document_numbers_<kind>_<year>) instead
-- of a row per kind and year: taking a number no longer writes and commits a row that every posting of
-- the kind waits for in turn; a refused posting leaves a gap, as it did.
CREATE FUNCTION document_number_sequence(p_kind document_kind, p_year integer) RETURNS regclass
LANGUAGE plpgsql AS $$
DECLARE
  name text := format('document_numbers_%s_%s', p_kind, p_year);
  found regclass := to_regclass(name);
BEGIN
  IF found IS NULL THEN
    -- The kind's first number in the year. A session making the same sequence at the same moment
    -- waits for the other and then finds it made.
    BEGIN
      EXECUTE format('CREATE SEQUENCE %I AS integer', name);
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
      NULL;
    END;
    found := to_regclass(name);
  END IF;
  RETURN found;
END $$;
--> statement-breakpoint
-- Ids and numbers of `p_count` new documents of a kind dated in a year, with which of `p_products` are
-- services (a document posting from its lines needs to know). Declared to return one row, with its own
-- statements planned once: PostgreSQL keeps one plan of the statement calling it, where the plan of the
-- same query written inline depends on the count and the products, and was made anew for each document.
CREATE FUNCTION reserve_documents(p_kind document_kind, p_year integer, p_count integer, p_products integer[])
RETURNS TABLE (id integer, number integer, services integer[]) LANGUAGE plpgsql ROWS 1
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  numbers regclass := document_number_sequence(p_kind, p_year);
  service_ids integer[] := array(SELECT p.id FROM products p WHERE p.id = ANY (p_products) AND p.kind = 'service');
BEGIN
  RETURN QUERY SELECT nextval(pg_get_serial_sequence('documents', 'id'))::int, nextval(numbers)::int, service_ids
    FROM generate_series(1, p_count);
END $$;
--> statement-breakpoint
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT kind, year, last FROM document_numbers WHERE last > 0 LOOP
    PERFORM setval(document_number_sequence(r.kind, r.year), r.last);
  END LOOP;
END $$;
--> statement-breakpoint
DROP TABLE "document_numbers" CASCADE;
