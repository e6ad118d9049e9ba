-- A new document's number is taken as its row is written when the row comes without one: the command
-- then needs no statement of its own before its transaction (lib/documents/new-document.ts takes the
-- ids ahead, a few dozen at a time). Numbers come from the kind's and year's sequence, as
-- reserve_documents takes them; the year is the document date's in UTC.
CREATE FUNCTION documents_take_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  taken bigint := nextval(document_number_sequence(NEW.kind, extract(year FROM NEW.date AT TIME ZONE 'UTC')::integer));
BEGIN
  NEW.number := lpad(taken::text, greatest(6, length(taken::text)), '0');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER documents_number BEFORE INSERT ON documents
FOR EACH ROW WHEN (NEW.number IS NULL) EXECUTE FUNCTION documents_take_number();
--> statement-breakpoint
-- Which of `p_products` are services, as an app process remembers them, checked with the commit of a
-- posting that relied on it: a product whose kind changed since refuses the commit (SQLSTATE TK001),
-- and the command runs again with what the database says.
CREATE FUNCTION check_service_products(p_products integer[], p_services integer[]) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM products p
             WHERE p.id = ANY (p_products) AND (p.kind = 'service') <> (p.id = ANY (p_services))) THEN
    RAISE EXCEPTION 'a product''s kind changed since it was read' USING ERRCODE = 'TK001';
  END IF;
  RETURN 1;
END $$;
