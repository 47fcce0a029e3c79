import type { ViewerCapabilities } from '@veil/policy';
import type { DueRules, FieldFilter, JsonSchema, SortKey } from '@veil/schema';

export type { ProjectedRecord } from '@veil/policy';

/** The signed-in user, as the web app uses it. */
export interface Me {
  id: string;
  name: string;
  roles: string[];
  departmentId: string | null;
  /** What the server lets this user do; the app offers screens and actions by these, never by role ids. */
  capabilities: ViewerCapabilities;
}

/** A saved table view, localized. */
export interface ViewInfo {
  id: string;
  title: string;
  columns: string[];
  filter?: FieldFilter[];
  sort?: SortKey[];
}

/** A column the viewer may see, with what the server allows on it. */
export interface ColumnInfo {
  path: string;
  title: string;
  kind: string;
  /** Filter and sort are offered only where the viewer reads the field in full on every row. */
  queryable: boolean;
  /** What the search box does with it (`planSearch`): absent when the box does not cover it. */
  search?: { everywhere: boolean; partial: boolean; exact: boolean };
  enum?: unknown[];
  enumNames?: string[];
  format?: string;
}

export interface TemplateSummary {
  id: string;
  version: number;
  title: string;
  description?: string;
  views: ViewInfo[];
  due?: string;
  /** The field whose value titles a record (the company rather than "Customer"). */
  recordTitle?: string;
  /** Which records are closed, and what marking a follow-up done does. */
  dueRules?: DueRules;
}

/** A form projected and localized for the viewer. */
export interface FormInfo {
  schema: JsonSchema;
  uiSchema: Record<string, unknown>;
}
