import type { RecoveryReport } from '@veil/store';
import type { Logger } from './logger.js';

/**
 * Logs what the store's open found that an operator must know: files rebuilt from the WAL, and
 * records quarantined (not served: they fail their MAC or do not decrypt; `audit.verify` names
 * them to auditors). Counts only: a log line never carries ids or values.
 */
export function reportRecovery(logger: Logger, recovery: RecoveryReport): void {
  if (recovery.rebuiltFiles.length > 0) {
    logger.log({
      level: 'warn',
      event: 'store.rebuilt',
      status: recovery.rebuiltFiles.length,
      note: 'data files were missing and were rebuilt from the write-ahead log',
    });
  }
  if (recovery.quarantined.length > 0) {
    logger.log({
      level: 'error',
      event: 'store.quarantine',
      status: recovery.quarantined.length,
      note: 'stored records fail their integrity check and are not served; run audit verify to name them',
    });
  }
}
