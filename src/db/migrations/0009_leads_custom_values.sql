-- Leads keep custom values in the stored form every entity shares (the v2 shape, fields/values.ts):
-- the v1 root keys `<key>_<part>` fold into `{"value": <key>, "<part>": …}`, plain values stay. The
-- same mapping deals/from-leads.ts applied on conversion, so conversion now copies values as they are.
-- No field definitions existed before 0008, so no enum or set value is typed by one yet.
UPDATE "leads" AS l SET "custom_fields" = COALESCE((
  SELECT jsonb_object_agg(k.base, CASE WHEN k.subs IS NULL THEN l.custom_fields -> k.base
                                       ELSE jsonb_build_object('value', l.custom_fields -> k.base) || k.subs END)
  FROM (
    SELECT left(e.key, 40) AS base,
           jsonb_object_agg(substr(e.key, 42), e.value) FILTER (WHERE length(e.key) > 40) AS subs
    FROM jsonb_each(l.custom_fields) AS e
    WHERE e.key ~ '^[0-9a-f]{40}(_[a-z0-9_]+)?$'
    GROUP BY 1
  ) AS k
), '{}'::jsonb)
WHERE l.custom_fields <> '{}'::jsonb;
