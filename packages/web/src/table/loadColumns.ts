import { api } from '../api/api.js';
import { trpc } from '../api/trpc.js';
import type { ColumnInfo, FormInfo, ProjectedRecord } from '../api/types.js';
import { schemaFields } from '../form/schemaFields.js';

/**
 * The columns a viewer may see, titled in their language, and whether filter and sort are
 * offered on each. What is offered is the server's answer (`templates.columns`, the query
 * guard's own rule from `@veil/policy`'s `describeColumns`), never a guess from the forms; the
 * forms (one per relation among the rows) only give titles, kinds and choice labels.
 */
export async function loadColumns(
  templateId: string,
  rows: readonly ProjectedRecord[],
): Promise<ColumnInfo[]> {
  const samples = new Map<string, string>();
  for (const row of rows) if (!samples.has(row.relation)) samples.set(row.relation, row.id);
  const [described, ...forms] = await Promise.all([
    trpc.templates.columns.query({ templateId }),
    ...(samples.size > 0
      ? [...samples.values()].map((id) => api.form(templateId, id))
      : [api.form(templateId)]),
  ]);
  const allowed = new Map(described.columns.map((c) => [c.path, c]));
  const searched = new Map(described.search.map((c) => [c.field, c]));
  const fields = new Map<string, ReturnType<typeof schemaFields>[number]>();
  for (const form of forms as FormInfo[])
    for (const field of schemaFields(form.schema, form.uiSchema))
      if (!fields.has(field.path)) fields.set(field.path, field);
  const columns: ColumnInfo[] = [];
  for (const [path, field] of fields) {
    const description = allowed.get(path);
    if (description === undefined) continue;
    const column: ColumnInfo = {
      path,
      title: field.title,
      kind: field.kind,
      queryable: description.queryable,
    };
    const covered = searched.get(path);
    if (covered)
      column.search = {
        everywhere: covered.everywhere,
        partial: covered.substring.length > 0,
        exact: covered.exact,
      };
    if (field.enum) column.enum = field.enum;
    if (field.enumNames) column.enumNames = field.enumNames;
    if (field.format) column.format = field.format;
    columns.push(column);
  }
  return columns;
}
