import { VeilError } from '../errors/veilError.js';
import type { Services } from '../services/services.js';
import { raiseAlert } from './raiseAlert.js';

const HOUR = 3_600_000;
/** Reading above this share of the hourly limit … */
const SUSTAINED_SHARE = 0.8;
/** … for this many hours running is alerted. */
const SUSTAINED_HOURS = 3;

interface Meter {
  /** Records opened per hour (hour number → count), the last few hours only. */
  hours: Map<number, number>;
  /** Hours already alerted, per kind (one alert per kind and hour). */
  alerted: Set<string>;
}

// Per server process: a user's meter is a few numbers, dropped after a quiet day.
// TODO(two-servers): a shared counter when several servers serve one workspace.
const meters = new WeakMap<Services, Map<string, Meter>>();

function meterOf(services: Services, userId: string): Meter {
  let users = meters.get(services);
  if (!users) {
    users = new Map();
    meters.set(services, users);
  }
  let meter = users.get(userId);
  if (!meter) {
    meter = { hours: new Map(), alerted: new Set() };
    users.set(userId, meter);
  }
  return meter;
}

async function alertOnce(
  services: Services,
  meter: Meter,
  userId: string,
  key: string,
  raise: () => Promise<unknown>,
): Promise<void> {
  if (meter.alerted.has(key)) return;
  meter.alerted.add(key);
  try {
    await raise();
  } catch (error) {
    meter.alerted.delete(key);
    services.logger.log({
      level: 'error',
      event: 'alert',
      principal: userId,
      errorCode: error instanceof Error ? error.name : 'unknown',
      note: 'raising an alert failed',
    });
  }
}

/**
 * Counts one record opened by `userId` this hour. Past the hourly limit the read is refused (and
 * the managers alerted once that hour); reading above 80% of it for three hours running is alerted.
 */
export async function meterRecordRead(services: Services, userId: string): Promise<void> {
  const limit = services.config.readsPerHourLimit;
  const hour = Math.floor(services.now().getTime() / HOUR);
  const meter = meterOf(services, userId);
  for (const h of meter.hours.keys()) if (h < hour - SUSTAINED_HOURS) meter.hours.delete(h);
  for (const key of meter.alerted) if (Number(key.split(':')[1]) < hour - 24) meter.alerted.delete(key);
  const count = meter.hours.get(hour) ?? 0;
  if (count >= limit) {
    await alertOnce(services, meter, userId, `read-limit:${hour}`, () =>
      raiseAlert(services, userId, 'read-limit', { limit, window: 'hour', count: count + 1 }),
    );
    throw new VeilError(
      'too-many-requests',
      `You opened ${limit} records in the last hour, the most the workspace allows; your manager has been told. Try again next hour.`,
    );
  }
  meter.hours.set(hour, count + 1);
  const near = (h: number) => (meter.hours.get(h) ?? 0) >= SUSTAINED_SHARE * limit;
  let running = 0;
  for (let h = hour; h > hour - SUSTAINED_HOURS && near(h); h--) running += 1;
  if (running === SUSTAINED_HOURS)
    await alertOnce(services, meter, userId, `read-sustained:${hour}`, () =>
      raiseAlert(services, userId, 'read-sustained', {
        limit,
        window: 'hour',
        hours: SUSTAINED_HOURS,
        count: meter.hours.get(hour) ?? 0,
      }),
    );
}

/**
 * Refuses an export request that would take `userId` past the rows they may request in 24 hours
 * (refused and void requests do not count), and alerts the managers. Reads only this user's exports.
 */
export async function guardExportRows(services: Services, userId: string, rows: number): Promise<void> {
  const limit = services.config.exportRowsPerDayLimit;
  const since = new Date(services.now().getTime() - 24 * HOUR).toISOString();
  const mine = await services.store.listDocs('exports', { requestedBy: userId });
  const used = mine
    .filter((e) => e.requestedAt >= since && e.status !== 'rejected' && e.status !== 'void')
    .reduce((sum, e) => sum + e.rowCount, 0);
  if (used + rows <= limit) return;
  const hour = Math.floor(services.now().getTime() / HOUR);
  await alertOnce(services, meterOf(services, userId), userId, `export-limit:${hour}`, () =>
    raiseAlert(services, userId, 'export-limit', { limit, window: 'day', count: used + rows }),
  );
  throw new VeilError(
    'too-many-requests',
    `This export would take you past ${limit} rows in 24 hours (${used} requested already), the most the workspace allows; your manager has been told.`,
  );
}
