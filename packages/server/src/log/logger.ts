/** One structured log line. Only these keys exist: no request body, no value ever reaches a line. */
export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  /** What happened: `request`, `http`, `startup`, `seed`, … */
  event: string;
  /** tRPC procedure path, e.g. `records.get`. */
  procedure?: string;
  /** Principal id (a user id, never a name). */
  principal?: string;
  /** HTTP status or tRPC outcome. */
  status?: number | string;
  /** Milliseconds spent. */
  durationMs?: number;
  /** A Veil error code or an internal error's class name. */
  errorCode?: string;
  /** A short constant text from the server's own code, never from input. */
  note?: string;
  /** The client's address (the peer, or from `X-Forwarded-For` of a trusted proxy). */
  client?: string;
}

export interface Logger {
  log: (entry: LogEntry) => void;
}

const ALLOWED_KEYS: readonly (keyof LogEntry)[] = [
  'level',
  'event',
  'procedure',
  'principal',
  'status',
  'durationMs',
  'errorCode',
  'note',
  'client',
];

/** A JSON-lines logger; `sink` receives each line (stdout by default). Unknown keys are dropped. */
export function createLogger(
  sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  return {
    log(entry) {
      const clean: Record<string, unknown> = { time: new Date().toISOString() };
      for (const key of ALLOWED_KEYS) {
        const value = entry[key];
        if (value !== undefined) clean[key] = value;
      }
      sink(JSON.stringify(clean));
    },
  };
}
