import type { ReadSetDoc, ReadSetFilter } from '@veil/store';
import type { Queryable } from './pgTransaction.js';

/** Read sets that include a record, oldest first (GIN containment on their records). */
export async function listReadSetRows(db: Queryable, filter: ReadSetFilter): Promise<ReadSetDoc[]> {
  const { rows } = await db.query<{ doc: ReadSetDoc }>(
    `SELECT doc FROM read_sets WHERE template_id = $1 AND doc->'records' @> $2::jsonb ORDER BY ord`,
    [filter.templateId, JSON.stringify([{ id: filter.recordId }])],
  );
  return rows.map((r) => r.doc);
}

/** Removes a record from every read set that includes it (erasure); returns how many changed. */
export async function eraseFromReadSetRows(db: Queryable, filter: ReadSetFilter): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE read_sets SET doc = jsonb_set(doc, '{records}',
       COALESCE((SELECT jsonb_agg(e ORDER BY n) FROM jsonb_array_elements(doc->'records') WITH ORDINALITY AS x(e, n)
                 WHERE e->>'id' IS DISTINCT FROM $2), '[]'::jsonb))
     WHERE template_id = $1 AND doc->'records' @> $3::jsonb`,
    [filter.templateId, filter.recordId, JSON.stringify([{ id: filter.recordId }])],
  );
  return rowCount ?? 0;
}
