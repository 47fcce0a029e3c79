/** Why an archive entry's name is refused. */
export type EntryNameProblem = 'absolute-path' | 'drive-letter' | 'path-traversal' | 'name-invalid';

// Control characters, backslash (a Windows separator), colon (drive letters, NTFS streams).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const FORBIDDEN = /[\u0000-\u001f\u007f\\:*?"<>|]/;

// Names Windows maps to devices whatever the extension.
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * Checks the name of an entry: relative, forward slashes, no `..`, `.` or empty segment, no
 * control or reserved characters, no Windows device name. Returns the normalised name (no trailing slash) or the problem.
 */
export function checkEntryName(
  raw: string,
): { ok: true; name: string } | { ok: false; problem: EntryNameProblem } {
  if (raw.startsWith('/') || raw.startsWith('\\')) return { ok: false, problem: 'absolute-path' };
  if (/^[A-Za-z]:/.test(raw)) return { ok: false, problem: 'drive-letter' };
  const segments = raw.replace(/\/$/, '').split(/[\\/]/);
  if (segments.includes('..')) return { ok: false, problem: 'path-traversal' };
  const name = segments.join('/');
  if (
    raw.length === 0 ||
    raw.length > 200 ||
    FORBIDDEN.test(raw) ||
    segments.some(
      (s) => s === '' || s === '.' || s.endsWith('.') || s.endsWith(' ') || WINDOWS_DEVICE.test(s),
    )
  ) {
    return { ok: false, problem: 'name-invalid' };
  }
  return { ok: true, name };
}

/** The key two names collide under on a case-insensitive or normalising file system. */
export function collisionKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().normalize('NFC');
}
