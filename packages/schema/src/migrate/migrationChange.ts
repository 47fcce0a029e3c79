/** Every kind of rewrite `migrateSchema` makes. */
export type MigrationCode =
  | 'schema-dropped'
  | 'id-dropped'
  | 'id-ref-resolved'
  | 'definitions-renamed'
  | 'definitions-moved'
  | 'ref-rewritten'
  | 'ref-moved-to-defs'
  | 'ref-sibling-dropped'
  | 'dependencies-split'
  | 'tuple-items'
  | 'additional-items-dropped'
  | 'exclusive-bound'
  | 'root-wrapped'
  | 'owner-added';

/** One rewrite, listed to the admin. */
export interface MigrationChange {
  code: MigrationCode;
  /** JSON pointer into the schema as it was imported (`''` for the root). */
  path: string;
  /** Names and counts the message is built from (never a record value). */
  params: Record<string, string>;
  /** The message in English; {@link describeMigrationChange} gives any locale. */
  message: string;
}

type Locale = 'zh-CN' | 'en';
type Params = Record<string, string>;

const MESSAGES: Record<MigrationCode, Record<Locale, (p: Params) => string>> = {
  'schema-dropped': {
    en: (p) => `"$schema" (${p.draft}) removed: the template is JSON Schema 2020-12.`,
    'zh-CN': (p) => `已移除 "$schema"（${p.draft}）：模板使用 JSON Schema 2020-12。`,
  },
  'id-dropped': {
    en: (p) => `Identifier "${p.id}" removed: a template is one document.`,
    'zh-CN': (p) => `已移除标识 "${p.id}"：模板是单一文档。`,
  },
  'id-ref-resolved': {
    en: (p) => `Reference "${p.ref}" resolved to the definition in this document.`,
    'zh-CN': (p) => `引用 "${p.ref}" 已解析为本文档中的定义。`,
  },
  'definitions-renamed': {
    en: (p) => `"definitions" renamed to "$defs" (${p.count} definitions).`,
    'zh-CN': (p) => `"definitions" 已改名为 "$defs"（${p.count} 个定义）。`,
  },
  'definitions-moved': {
    en: (p) => `${p.count} nested definitions moved to the root "$defs".`,
    'zh-CN': (p) => `${p.count} 个嵌套定义已移到根 "$defs"。`,
  },
  'ref-rewritten': {
    en: (p) => `Reference "${p.ref}" now points at "${p.to}".`,
    'zh-CN': (p) => `引用 "${p.ref}" 已改为指向 "${p.to}"。`,
  },
  'ref-moved-to-defs': {
    en: (p) => `The part "${p.ref}" refers to was copied into "$defs" as "${p.name}".`,
    'zh-CN': (p) => `"${p.ref}" 所引用的部分已复制到 "$defs"，名为 "${p.name}"。`,
  },
  'ref-sibling-dropped': {
    en: (p) => `"${p.keyword}" beside a "$ref" removed: older drafts ignored it there.`,
    'zh-CN': (p) => `已移除 "$ref" 旁的 "${p.keyword}"：旧版草案会忽略它。`,
  },
  'dependencies-split': {
    en: (p) =>
      `"dependencies" split into "dependentRequired" (${p.required}) and "dependentSchemas" (${p.schemas}).`,
    'zh-CN': (p) =>
      `"dependencies" 已拆分为 "dependentRequired"（${p.required} 项）和 "dependentSchemas"（${p.schemas} 项）。`,
  },
  'tuple-items': {
    en: (p) =>
      `Tuple "items" (${p.count}) rewritten to "prefixItems"${p.closed === 'yes' ? ' with "items": false' : ''}.`,
    'zh-CN': (p) =>
      `元组 "items"（${p.count} 项）已改写为 "prefixItems"${p.closed === 'yes' ? '，并设 "items": false' : ''}。`,
  },
  'additional-items-dropped': {
    en: () => '"additionalItems" removed: without a tuple it never applied.',
    'zh-CN': () => '已移除 "additionalItems"：没有元组时它从不生效。',
  },
  'exclusive-bound': {
    en: (p) => `Draft-04 "${p.keyword}": true rewritten to the bound itself.`,
    'zh-CN': (p) => `draft-04 的 "${p.keyword}": true 已改写为边界值本身。`,
  },
  'root-wrapped': {
    en: (p) => `The root is not an object (${p.type}): it became the one field "value" of the record.`,
    'zh-CN': (p) => `根不是对象（${p.type}）：它已成为记录中唯一的字段 "value"。`,
  },
  'owner-added': {
    en: (p) => `Field "${p.field}" added to hold the record's owner.`,
    'zh-CN': (p) => `已添加字段 "${p.field}"，用于记录负责人。`,
  },
};

/** A change with its English message. */
export function migrationChange(code: MigrationCode, path: string, params: Params): MigrationChange {
  return { code, path, params, message: MESSAGES[code].en(params) };
}

/** The message of a change in a locale. */
export function describeMigrationChange(change: MigrationChange, locale: Locale): string {
  return MESSAGES[change.code][locale](change.params);
}

/** "3 changes made: …" in a locale; `''` when there were none. */
export function summarizeMigration(changes: readonly MigrationChange[], locale: Locale): string {
  if (changes.length === 0) return '';
  const list = changes.map((c) => describeMigrationChange(c, locale));
  return locale === 'zh-CN'
    ? `已做 ${changes.length} 处修改：${list.join(' ')}`
    : `${changes.length} change${changes.length === 1 ? '' : 's'} made: ${list.join(' ')}`;
}
