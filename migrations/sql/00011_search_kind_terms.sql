-- PostgreSQL: every word-index row also holds its kind's term (chr(57345)
-- followed by search_docs.kind; migrations.KindTerm), as rows are now
-- written. GIN finds a query's matches in every kind and can only drop the
-- other kinds' after reading each of them from the table; with the kind's
-- term among the words it asks for, it intersects them in the index (at a
-- million claims: two common Arabic words, 36,000 matches, none of them
-- verdicts, cost 131 ms to find no verdict). The postings leave the term
-- out: they read a kind by its id range. SQLite reads a kind by its id
-- range alone and needs nothing here.

-- +goose Up
-- +dialect postgres
UPDATE search_fts f SET terms = f.terms || (chr(57345) || d.kind)
FROM search_docs d
WHERE d.id = f.id AND NOT (f.terms @> ARRAY[chr(57345) || d.kind]);
-- +dialect all

-- +goose Down
-- +dialect postgres
UPDATE search_fts SET terms = ARRAY(SELECT t FROM unnest(terms) AS t WHERE left(t, 1) <> chr(57345))
WHERE EXISTS (SELECT 1 FROM unnest(terms) AS t WHERE left(t, 1) = chr(57345));
-- +dialect all
