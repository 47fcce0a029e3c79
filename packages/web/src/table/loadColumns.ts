import { api } from '../api/api.js';
import type { ColumnInfo, FormInfo, ProjectedRecord } from '../api/types.js';
import { schemaFields } from '../form/schemaFields.js';

/**
 * The columns a viewer may see, titled in their language, and whether filter and sort are
 * offered on each. The server has one form per relation; a field is offered for querying only
 * when every relation among the rows (one sample record each) shows it in full. The server
 * decides in the end and refuses the rest; the UI just does not offer what it would refuse.
 */
export async function loadColumns(
  templateId: string,
  rows: readonly ProjectedRecord[],
): Promise<ColumnInfo[]> {
  const samples = new Map<string, string>();
  for (const row of rows) if (!samples.has(row.relation)) samples.set(row.relation, row.id);
  const forms: FormInfo[] = await Promise.all(
    samples.size > 0 ? [...samples.values()].map((id) => api.form(templateId, id)) : [api.form(templateId)],
  );
  const perForm = forms.map(
    (f) => new Map(schemaFields(f.schema, f.uiSchema).map((field) => [field.path, field])),
  );
  const first = perForm[0] ?? new Map();
  const columns: ColumnInfo[] = [];
  for (const [path, field] of first) {
    const everywhere = perForm.every((m) => {
      const other = m.get(path);
      return other !== undefined && !other.masked;
    });
    const isValue = field.kind !== 'object' && !(field.kind === 'array' && path.endsWith('/*'));
    const column: ColumnInfo = {
      path,
      title: field.title,
      kind: field.kind,
      queryable: everywhere && isValue && !path.includes('*') && !rows.some((r) => r.masked.includes(path)),
    };
    if (field.enum) column.enum = field.enum;
    if (field.enumNames) column.enumNames = field.enumNames;
    if (field.format) column.format = field.format;
    columns.push(column);
  }
  return columns;
}

/** Column titles and enum names from the new-record form, when no rows are at hand. */
export function columnsFromForm(form: FormInfo): Map<string, ColumnInfo> {
  return new Map(
    schemaFields(form.schema, form.uiSchema).map((f) => [
      f.path,
      {
        path: f.path,
        title: f.title,
        kind: f.kind,
        queryable: false,
        ...(f.enum ? { enum: f.enum } : {}),
        ...(f.enumNames ? { enumNames: f.enumNames } : {}),
      },
    ]),
  );
}
