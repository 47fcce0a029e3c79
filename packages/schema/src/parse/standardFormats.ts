import type { Format } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { FORMAT_VALIDATORS } from '../formats/index.js';

/** A lenient IRI: an absolute or relative reference without spaces or control characters. */
const IRI_REFERENCE = /^[^\s\p{Cc}<>"{}|\\^`]*$/u;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s\p{Cc}<>"{}|\\^`]*$/iu;

/**
 * Standard JSON Schema formats Veil knows, from `ajv-formats` (the maintained source), plus the
 * few it lacks (`idn-email`, `idn-hostname`, `iri`, `iri-reference`, `data-url`). Veil's own
 * validators (`email`, `date`, `date-time`, the Chinese identifiers …) take precedence.
 */
export const STANDARD_FORMATS: Readonly<Record<string, Format>> = {
  ...(fullFormats as Record<string, Format>),
  'idn-email': /^[^\s@]+@[^\s@]+\.[^\s@]+$/u,
  'idn-hostname': /^[^\s./:@]+(?:\.[^\s./:@]+)*\.?$/u,
  iri: IRI,
  'iri-reference': IRI_REFERENCE,
  'data-url': /^data:[a-z0-9!#$&.+^_-]*\/?[a-z0-9!#$&.+^_-]*(?:;[a-z0-9-]+=[^;,]*)*(?:;base64)?,/iu,
};

/** Every format name a template may use: Veil's own and the standard ones. */
export const KNOWN_FORMATS: ReadonlySet<string> = new Set([
  ...Object.keys(STANDARD_FORMATS),
  ...Object.keys(FORMAT_VALIDATORS),
]);
