import { CliError } from '../core/cliError.js';
import type { Translator } from '../i18n/translate.js';

/** How the sample-data generator fills one template's records. */
export interface TemplateSampleSpec {
  /** Value pools by schema path (`/contacts/*\/position`); a field with a pool takes one of its values. */
  values?: Record<string, (string | number | boolean)[]>;
  /** Item count range `[min, max]` by schema path of an array. */
  items?: Record<string, [number, number]>;
}

/** `sample-data.json`: a seeded, declarative generator spec (no code runs from a pack). */
export interface SampleSpec {
  /** Seed of the generator: the same seed gives the same records. */
  seed: number;
  /** Records per template. */
  count: number;
  /** Date the generated dates are relative to (the generator reads no clock). */
  baseDate: string;
  /** User ids the owner field takes, in turn. */
  owners: string[];
  templates: Record<string, TemplateSampleSpec>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the spec's shape; a bad spec is refused naming the file. */
export function assertSampleSpec(t: Translator, value: unknown, label: string): SampleSpec {
  const v = value as Partial<SampleSpec> | null;
  const ok =
    isRecord(v) &&
    Number.isInteger(v.seed) &&
    Number.isInteger(v.count) &&
    (v.count ?? 0) > 0 &&
    (v.count ?? 0) <= 1000 &&
    typeof v.baseDate === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(v.baseDate) &&
    Array.isArray(v.owners) &&
    v.owners.length > 0 &&
    v.owners.every((o) => typeof o === 'string') &&
    isRecord(v.templates) &&
    Object.values(v.templates).every(
      (spec) =>
        isRecord(spec) &&
        (spec.values === undefined ||
          (isRecord(spec.values) && Object.values(spec.values).every((pool) => Array.isArray(pool)))) &&
        (spec.items === undefined ||
          (isRecord(spec.items) &&
            Object.values(spec.items).every(
              (r) => Array.isArray(r) && r.length === 2 && r.every((n) => Number.isInteger(n)),
            ))),
    );
  if (!ok) throw new CliError('sample-spec-invalid', t('pack.sampleInvalid', { path: label }));
  return v as SampleSpec;
}
