-- Full-text search over message bodies (SPEC search). 'simple': no stemming, fine for any language.
CREATE INDEX messages_search_idx ON messages USING GIN (to_tsvector('simple', body));
