import { describe } from 'vitest';
import { auditContract } from './contract/auditContract.js';
import type { OpenStore } from './contract/contractKit.js';
import { docsContract } from './contract/docsContract.js';
import { erasureContract } from './contract/erasureContract.js';
import { persistContract } from './contract/persistContract.js';
import { queryContract } from './contract/queryContract.js';
import { recordsContract } from './contract/recordsContract.js';
import { scopeContract } from './contract/scopeContract.js';
import { searchContract } from './contract/searchContract.js';

export type { OpenedStore, OpenStore } from './contract/contractKit.js';

/**
 * The behaviour every `Store` adapter must show, tested through the interface only (plus the
 * adapter's persisted bytes, scanned for canaries). `open` gives a fresh, empty store each time.
 */
export function runStoreContract(name: string, open: OpenStore): void {
  describe(`Store contract: ${name}`, () => {
    describe('documents', () => docsContract(open));
    describe('records and units of work', () => recordsContract(open));
    describe('queries', () => queryContract(open));
    describe('search, match and groups', () => searchContract(open));
    describe('scope', () => scopeContract(open));
    describe('persisted bytes and template changes', () => persistContract(open));
    describe('audit', () => auditContract(open));
    describe('erasure', () => erasureContract(open));
  });
}
