import {
  effectiveRetention,
  isPersonalField,
  relationsInScope,
  retentionFromTemplate,
} from '../lint/fieldFacts.js';
import { formatLintMessage } from '../lint/lintMessages.js';
import type { AccessLevel, Basis, Relation, RetentionRule, XI18n } from '../privacy.js';
import type { LintReport, SanitizedField, SanitizedTemplate } from '../sanitized.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';
import type {
  AudienceEntry,
  ProcessingAudience,
  ProcessingField,
  ProcessingLocale,
  ProcessingRecord,
  ProcessingRetention,
} from './processingRecord.js';

/** A title in the locale: zh-CN is the written title, other locales come from `x-i18n`. */
function localize(
  title: string,
  i18n: XI18n | undefined,
  locale: ProcessingLocale,
  written: ProcessingLocale = 'zh-CN',
): string {
  if (locale === written) return title;
  return i18n?.[locale]?.title ?? title;
}

function audienceFor(field: SanitizedField, policy: WorkspacePolicy): ProcessingAudience {
  const audience: ProcessingAudience = { full: [], reveal: [], masked: [], hidden: [], edit: [] };
  for (const role of policy.roles) {
    const reachable = relationsInScope(role.rowScope);
    const add = (list: AudienceEntry[], holds: (relation: Relation) => boolean) => {
      const relations = reachable.filter(holds);
      if (relations.length > 0) {
        list.push({ role: role.id, relations, everywhere: relations.length === reachable.length });
      }
    };
    const level = (relation: Relation): AccessLevel => field.privacy.access[role.id]?.[relation] ?? 'hidden';
    add(audience.full, (r) => level(r) === 'full');
    add(audience.reveal, (r) => level(r) === 'reveal');
    add(audience.masked, (r) => level(r) === 'masked');
    add(audience.hidden, (r) => level(r) === 'hidden');
    add(audience.edit, (r) => field.privacy.edit[role.id]?.[r] === true);
  }
  return audience;
}

/** Builds the structured record of processing from a sanitized template and its lint report. */
export function buildProcessingRecord(
  template: SanitizedTemplate,
  policy: WorkspacePolicy,
  lint: LintReport,
  locale: ProcessingLocale,
): ProcessingRecord {
  const purposeTitle = (id: string): string => {
    const purpose = policy.purposes.find((p) => p.id === id);
    if (purpose === undefined) return id;
    return purpose.i18n?.[locale]?.title ?? purpose.title;
  };
  const withTitle = (rule: RetentionRule): ProcessingRetention => {
    const anchor = template.fields.find((f) => f.path === rule.after);
    return anchor === undefined
      ? { ...rule }
      : { ...rule, afterTitle: localize(anchor.title, anchor.i18n, locale) };
  };
  const fields: ProcessingField[] = template.fields.filter(isPersonalField).map((field) => {
    const own = effectiveRetention(field);
    const retention = own === undefined ? undefined : withTitle(own);
    const { privacy } = field;
    return {
      path: field.path,
      title: localize(field.title, field.i18n, locale),
      categories: [...privacy.categories],
      level: privacy.level,
      ...(privacy.purpose !== undefined
        ? { purpose: { id: privacy.purpose, title: purposeTitle(privacy.purpose) } }
        : {}),
      ...(privacy.basis !== undefined ? { basis: privacy.basis } : {}),
      ...(retention !== undefined
        ? {
            retention: {
              ...retention,
              source: retentionFromTemplate(field, template) ? 'template' : 'field',
            } as const,
          }
        : {}),
      encrypted: privacy.encrypt,
      search: privacy.search,
      scan: privacy.scan,
      mask: privacy.mask,
      export: privacy.export,
      subject: template.subject.includes(field.path),
      audience: audienceFor(field, policy),
    };
  });

  const purposes: ProcessingRecord['purposes'] = [];
  for (const field of fields) {
    if (field.purpose === undefined) continue;
    let entry = purposes.find((p) => p.id === field.purpose?.id);
    if (entry === undefined) {
      entry = { id: field.purpose.id, title: field.purpose.title, basis: [] };
      purposes.push(entry);
    }
    const basis: Basis | undefined = field.basis;
    if (basis !== undefined && !entry.basis.includes(basis)) entry.basis.push(basis);
  }

  return {
    locale,
    template: {
      id: template.id,
      version: template.version,
      title: localize(template.title, template.i18n, locale),
      ...(descriptionOf(template, locale) !== undefined
        ? { description: descriptionOf(template, locale) as string }
        : {}),
    },
    policyVersion: template.policyVersion,
    ...(template.retention !== undefined ? { retention: withTitle(template.retention) } : {}),
    subject: [...template.subject],
    roles: policy.roles.map((r) => ({
      id: r.id,
      title: localize(r.title ?? r.id, r.i18n, locale),
      rowScope: r.rowScope,
    })),
    purposes,
    fields,
    exportApprovalRows: policy.exportApprovalRows,
    acknowledgements: lint.findings
      .filter((f) => f.acknowledged !== undefined)
      .map((f) => ({
        code: f.code,
        path: f.path,
        reason: f.acknowledged?.reason ?? '',
        message: formatLintMessage(f, locale, { policy }),
      })),
    publishable: lint.publishable,
  };
}

function descriptionOf(template: SanitizedTemplate, locale: ProcessingLocale): string | undefined {
  if (locale === 'zh-CN') return template.description;
  return template.i18n[locale]?.description ?? template.description;
}
