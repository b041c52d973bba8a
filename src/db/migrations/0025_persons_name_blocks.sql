-- Hand-written (issue 19, look-up speed): the duplicate look-up's blocking keys. f_name_words folds a
-- name as name_folded does (unaccented, lower-cased) and splits it into words, punctuation removed
-- ("O'Brien" → obrien, "Smith-Jones" → smithjones), commas separating words as spaces do.
CREATE OR REPLACE FUNCTION f_name_words(text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT coalesce(array_agg(w ORDER BY n), '{}'::text[])
        FROM regexp_split_to_table(
          regexp_replace(lower(f_unaccent(regexp_replace($1, '[[:space:],]+', ' ', 'g'))), '[[:punct:]]', '', 'g'),
          '[[:space:]]+') WITH ORDINALITY AS t(w, n)
        WHERE w <> '' $$;
--> statement-breakpoint
-- A word's keys: the word itself and, from four letters up, the word with each one letter left out
-- (two words one typo apart, a letter changed, added, dropped or two swapped, share one).
CREATE OR REPLACE FUNCTION f_word_blocks(text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT CASE WHEN length($1) < 4 THEN ARRAY[$1]
          ELSE ARRAY[$1] || ARRAY(SELECT DISTINCT overlay($1 PLACING '' FROM i FOR 1)
                                  FROM generate_series(1, length($1)) i) END $$;
--> statement-breakpoint
-- A name's keys: its words' keys (words of two letters up) and each two adjacent words joined
-- ("Andr ew" → andrew), sorted and distinct.
CREATE OR REPLACE FUNCTION f_name_blocks(text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT ARRAY(SELECT DISTINCT k FROM (
          SELECT unnest(f_word_blocks(w)) AS k FROM unnest(f_name_words($1)) w WHERE length(w) >= 2
          UNION ALL
          SELECT ws[i] || ws[i + 1] FROM (SELECT f_name_words($1) AS ws) a,
            generate_series(1, cardinality(ws) - 1) i
        ) keys ORDER BY k) $$;
--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "name_blocks" text[];--> statement-breakpoint
-- backfill: every person's keys as the application writes them (nameBlocks in name-key.ts)
UPDATE "persons" SET "name_blocks" = f_name_blocks("name");--> statement-breakpoint
CREATE INDEX "persons_name_blocks_gin" ON "persons" USING gin ("name_blocks");
