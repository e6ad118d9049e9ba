-- Trigram indexes: catalog search is ILIKE '%text%' on names, SKUs and INNs, which a btree cannot serve.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX partners_search_idx ON partners USING gin ((name || ' ' || coalesce(inn, '')) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX products_search_idx ON products USING gin ((name || ' ' || sku) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX contact_persons_search_idx ON contact_persons USING gin (name gin_trgm_ops);
--> statement-breakpoint
-- updated_at is kept by the database so that no code path can forget it.
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'organizations', 'bank_accounts', 'partners', 'contact_persons',
    'product_groups', 'products', 'warehouses', 'price_types', 'prices', 'interest_sources', 'loss_reasons']
  LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION touch_updated_at()',
      t || '_touch_updated_at', t);
  END LOOP;
END;
$$;
