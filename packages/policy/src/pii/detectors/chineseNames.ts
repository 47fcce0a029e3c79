import type { PiiCandidate } from '../piiTypes.js';
import {
  COMPOUND_SURNAME_LIST,
  CUES_AFTER,
  CUES_BEFORE,
  GIVEN_CHARS,
  NOT_NAMES,
  SURNAMES,
} from './nameLexicon.js';

/** A Chinese name found with how it was introduced. */
export interface NameCandidate extends PiiCandidate {
  /** A cue word stood just before it (联系人, 客户 …). */
  cueBefore: boolean;
  /** A title or verb followed it (先生, 说 …), not just punctuation. */
  cueAfter: boolean;
}

// Words after a name that say nothing by themselves: they end a name but do not make one.
const WEAK_AFTER: ReadonlySet<string> = new Set([
  '的',
  '是',
  '在',
  '也',
  '还',
  '已',
  '会',
  '对',
  '将',
  '刚',
  '来',
  '去',
  '到',
  '住',
  '和',
  '与',
  '跟',
  '等',
  '及',
]);
const STRONG_AFTER = CUES_AFTER.filter((word) => !WEAK_AFTER.has(word)).concat([
  '一起',
  '都',
  '一直',
  '已经',
  '又',
  '再',
  '就',
  '才',
  '曾',
  '马上',
  '回复',
  '答复',
  '来电',
  '打来',
  '发来',
  '签字',
  '签约',
  '拍板',
  '本周',
  '这周',
  '月底',
  '聊',
  '谈',
  '约',
  '见',
  '问',
  '提',
  '要',
  '没',
  '不',
  '很',
  '挺',
  '比较',
  '非常',
  '主要',
  '上周',
  '仍',
  '依然',
  '暂时',
  '开',
  '通',
  '刚才',
  '这次',
  '正在',
  '这边',
  '刚刚',
  '咨询',
  '询问',
  '建议',
  '介绍',
  '推荐',
  '承诺',
  '提醒',
  '抱怨',
  '投诉',
  '催',
  '关心',
  '关注',
  '担心',
  '考虑',
  '犹豫',
  '拒绝',
  '接受',
  '报价',
  '比价',
  '出差',
  '休假',
  '离职',
  '入职',
  '牵头',
  '参加',
  '出席',
  '签收',
  '收到',
  '身分证',
  '身分證',
  '身份證',
  '港澳',
  '居住证',
  '台胞',
  '香港',
  '银行卡',
  '卡号',
  '证件',
]);
// After `的`, words about the person's own data or say make `X的` a name: 杨磊的新号码, 胡斌的邮箱.
const OWN_AFTER_DE = [
  '手机',
  '电话',
  '邮箱',
  '微信',
  '身份证',
  '身分',
  '香港',
  '护照',
  '银行卡',
  '卡号',
  '新号码',
  '号码',
  '地址',
  '住址',
  'QQ',
  '车',
  '意见',
  '需求',
  '联系方式',
];
// Where a name may start: a single surname or the first character of a compound one.
const SURNAME_START = new RegExp(
  `[${[...new Set([...SURNAMES, ...[...COMPOUND_SURNAME_LIST].map((name) => name[0] ?? '')])].join('')}]`,
  'g',
);
// Separators allowed between a cue word and the name: `联系人：王建国`, `联系人 王建国`.
const CUE_GAP = /[\s:：]/;

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** Words grouped by their first (or last) character, so a look-up tries only the few that can match. */
function byChar(words: readonly string[], last: boolean): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const word of words) {
    const key = last ? (word.at(-1) ?? '') : (word[0] ?? '');
    index.set(key, [...(index.get(key) ?? []), word]);
  }
  return index;
}
const STRONG_AFTER_INDEX = byChar(STRONG_AFTER, false);
const OWN_AFTER_DE_INDEX = byChar(OWN_AFTER_DE, false);
const CUES_BEFORE_INDEX = byChar(CUES_BEFORE, true);

function startsWithAny(view: string, at: number, index: Map<string, string[]>): boolean {
  for (const word of index.get(view[at] ?? '') ?? []) if (view.startsWith(word, at)) return true;
  return false;
}

/** Whether a cue word ends at `at` (after skipping the gap between a cue and the name). */
function hasCueBefore(view: string, at: number): boolean {
  let end = at;
  while (end > 0 && at - end < 3 && CUE_GAP.test(view[end - 1] ?? '')) end--;
  if (end === 0) return false;
  // `了` (拜访了 / 换成了) and `是` are cues only as the last character before the name.
  const last = view[end - 1];
  if (last === '了') return true;
  for (const word of CUES_BEFORE_INDEX.get(last ?? '') ?? []) {
    if (word.length <= end && view.startsWith(word, end - word.length)) return true;
  }
  return false;
}

/** What follows a name at `at` (spaces skipped): a cue word, a boundary (punctuation, digit, end), or more Han text. */
function after(view: string, at: number): 'strong' | 'weak' | 'none' {
  let next = at;
  while (next < view.length && next - at < 2 && view[next] === ' ') next++;
  if (next >= view.length || !isHan(view.charCodeAt(next))) return 'weak';
  if (startsWithAny(view, next, STRONG_AFTER_INDEX)) return 'strong';
  if (view[next] === '的' && startsWithAny(view, next + 1, OWN_AFTER_DE_INDEX)) return 'strong';
  // Written apart by a space, the name is a word of its own: `release 后 高远 反馈`.
  if (next > at) return 'weak';
  return WEAK_AFTER.has(view[next] ?? '') ? 'weak' : 'none';
}

/** Whether the name at `at` stands apart on its left: start of text, punctuation, a space, a digit. */
function apartBefore(view: string, at: number): boolean {
  return at === 0 || !isHan(view.charCodeAt(at - 1));
}

function isGiven(view: string, at: number): boolean {
  return at < view.length && GIVEN_CHARS.has(view[at] ?? '');
}

/** The name starting with a surname of `surnameLength` characters at `start`, if its given name fits. */
function nameAt(view: string, start: number, surnameLength: number): NameCandidate | undefined {
  const g = start + surnameLength;
  if (!isGiven(view, g)) return undefined;
  const surname = view.slice(start, g);
  const first = view[g] ?? '';
  if (NOT_NAMES.has(surname + first)) return undefined;
  // Prefer the two-character given name when it fits and is not a word of its own.
  if (isGiven(view, g + 1) && !NOT_NAMES.has(first + (view[g + 1] ?? ''))) {
    const follow = after(view, g + 2);
    if (follow !== 'none') {
      return {
        start,
        end: g + 2,
        value: view.slice(start, g + 2),
        cueBefore: hasCueBefore(view, start),
        cueAfter: follow === 'strong',
      };
    }
  }
  const follow = after(view, g + 1);
  if (follow === 'none') return undefined;
  const cueBefore = hasCueBefore(view, start);
  // A one-character given name is the weaker reading: it needs a cue word, or to stand apart
  // on both sides (`，罗琪，`, `（林峰）`, ` 高远 `).
  const apart = follow === 'weak' && apartBefore(view, start) && !isHan(view.charCodeAt(g + 1) || 0);
  if (!cueBefore && follow !== 'strong' && !apart) return undefined;
  return { start, end: g + 1, value: view.slice(start, g + 1), cueBefore, cueAfter: follow === 'strong' };
}

/**
 * Chinese personal names: a known surname (compound first), a given name of one or two
 * characters common in names, and a cue around it. One pass over the text; each position is
 * looked at a bounded number of times.
 */
export function findChineseNames(view: string): NameCandidate[] {
  const found: NameCandidate[] = [];
  SURNAME_START.lastIndex = 0;
  for (let m = SURNAME_START.exec(view); m !== null; m = SURNAME_START.exec(view)) {
    const i = m.index;
    let candidate: NameCandidate | undefined;
    if (COMPOUND_SURNAME_LIST.has(view.slice(i, i + 2))) candidate = nameAt(view, i, 2);
    if (candidate === undefined && SURNAMES.has(view[i] ?? '')) candidate = nameAt(view, i, 1);
    if (candidate !== undefined) {
      found.push(candidate);
      SURNAME_START.lastIndex = candidate.end;
    }
  }
  return found;
}
