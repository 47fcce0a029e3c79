import { residentIdCheckChar, usccCheckChar } from '@veil/schema';
import type { SeededRandom } from './seededRandom.js';

const digits = (random: SeededRandom, n: number) =>
  Array.from({ length: n }, () => String(random.int(0, 9))).join('');

function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** ISO date `days` after `baseDate`. */
function offsetDate(baseDate: string, days: number): string {
  return new Date(Date.parse(`${baseDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Obviously fictitious values that pass Veil's format checks: mobiles in the 1390000 block the
 * demo uses, e-mail at example.com, IDs from region 110101 with a valid check character.
 */
export const FAKE_FORMATS: Record<string, (random: SeededRandom, n: number, baseDate: string) => string> = {
  'cn-mobile': (random) => `1390000${digits(random, 4)}`,
  'cn-landline': (random) => `010-6${digits(random, 7)}`,
  email: (_random, n) => `demo${String(n).padStart(3, '0')}@example.com`,
  date: (random, _n, baseDate) => offsetDate(baseDate, random.int(-60, 30)),
  'date-time': (random, _n, baseDate) =>
    `${offsetDate(baseDate, random.int(-60, 0))}T0${random.int(1, 9)}:30:00Z`,
  'cn-resident-id': (random) => {
    const body = `110101${random.int(1970, 2000)}0${random.int(1, 9)}1${random.int(0, 9)}${digits(random, 3)}`;
    return body + residentIdCheckChar(body);
  },
  'cn-uscc': (random) => {
    const body = `91110108${digits(random, 9)}`;
    return body + usccCheckChar(body);
  },
  'bank-card': (random) => {
    const body = `622202${digits(random, 9)}`;
    return body + luhnDigit(body);
  },
};
