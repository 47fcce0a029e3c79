import type { AccessLevel, Relation, RowScope } from '@veil/schema';

export const LEVEL_OF_RANK: readonly AccessLevel[] = ['hidden', 'masked', 'reveal', 'full'];

export const HIDDEN = 0;
export const MASKED = 1;
export const REVEAL = 2;
export const FULL = 3;

/** Unknown strings rank as hidden: nothing matching means hidden. */
export function rankOf(level: unknown): number {
  switch (level) {
    case 'full':
      return FULL;
    case 'reveal':
      return REVEAL;
    case 'masked':
      return MASKED;
    default:
      return HIDDEN;
  }
}

const SCOPE_WIDTH: Readonly<Record<RowScope, number>> = { own: 1, team: 2, all: 3 };

/** The relations a scope width admits (0 = no known role: nothing). */
export function admittedRelations(width: number): Relation[] {
  if (width >= 3) return ['owner', 'team', 'any'];
  if (width === 2) return ['owner', 'team'];
  if (width === 1) return ['owner'];
  return [];
}

export function scopeWidth(scope: RowScope): number {
  return SCOPE_WIDTH[scope] ?? 0;
}
