-- Global search (lib/search). Substrings of three characters and more are served by the trigram indexes
-- (0001 has partners, products and contact persons); one or two typed characters find by the start of
-- the name, which a btree with text_pattern_ops serves in order; document numbers are exact.
CREATE INDEX interests_title_search_idx ON interests USING gin (title gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX partners_name_prefix_idx ON partners (lower(name) text_pattern_ops);
--> statement-breakpoint
CREATE INDEX contact_persons_name_prefix_idx ON contact_persons (lower(name) text_pattern_ops);
--> statement-breakpoint
CREATE INDEX products_name_prefix_idx ON products (lower(name) text_pattern_ops);
--> statement-breakpoint
CREATE INDEX interests_title_prefix_idx ON interests (lower(title) text_pattern_ops);
--> statement-breakpoint
-- "12", "000012": the number of any kind (the unique key leads with the kind, so "КП 12" uses that one).
CREATE INDEX documents_number_idx ON documents (number, date);
