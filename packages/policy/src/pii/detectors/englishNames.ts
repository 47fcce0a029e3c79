import type { PiiCandidate } from '../piiTypes.js';
import { findAll } from '../scanView.js';

// Cues (matched on the upper-case view) after which a capitalised name follows.
const LABEL_CUE =
  /(?<![A-Z])(?:CONTACT(?: PERSON| NAME)?|ATTN|ATTENTION|SIGNATORY|DECISION[- ]MAKER|NAME|HOLDER|REFERRAL)\s*[:：]\s*|(?<![A-Z])(?:CARD ?HOLDER|HOLDER|REFERRAL|REFERRED BY)\s+/g;
const TITLE_CUE = /(?<![A-Z])(?:MR|MRS|MS|MISS|DR|PROF)\.?\s+/g;
const VERB_CUE =
  /(?<![A-Z])(?:MET(?: WITH)?|SPOKE (?:WITH|TO)|TALKED (?:WITH|TO)|CALLED|CALL|VISITED|MEETING WITH|CALL WITH|FOLLOW-UP WITH|FOLLOWED UP WITH|INTRODUCED TO|DEAR|REACH|ASK FOR)\s+/g;
// Capitalised words, read on the text as written (the view has lost letter case).
const WORDS =
  /(?<![A-Za-z])[A-Z][a-z]+(?:['-][A-Z]?[a-z]+)?(?: [A-Z][a-z]+(?:['-][A-Z]?[a-z]+)?){0,3}(?![A-Za-z])/g;
const NAME_AT = /[A-Z][a-z]+(?:['-][A-Z]?[a-z]+)?(?: [A-Z][a-z]+(?:['-][A-Z]?[a-z]+)?){0,2}/y;
// After a verb cue a one-word name must be followed by `from`/`of`/`at` or a comma: "Met Sarah from Acme".
const AFTER_VERB = /^(?: (?:from|of|at|about|regarding)\b|[,，;])/;

// Capitalised words that are not names (sentence starts, days, months, departments, places).
const NOT_NAME_WORDS: ReadonlySet<string> = new Set(
  (
    'The A An Our Their His Her This That These Those Monday Tuesday Wednesday Thursday Friday Saturday ' +
    'Sunday January February March April May June July August September October November December Team ' +
    'Sales Support Procurement Finance Legal Purchasing Vendor Customer Client Company Group Inc Ltd Co ' +
    'Corp Office Department Manager Director Engineer Today Tomorrow Yesterday From Via And Or Please ' +
    'Thanks Regards Dear Sir Madam Mr Ms Mrs Dr Beijing Shanghai Shenzhen Guangzhou China Chinese We I ' +
    'Hong Kong Macau Taiwan Called Met Call Contact Ask Reach Holder Referral Follow Trading Tech Bank ' +
    'Hi Hello Tell Email Ping With Cc Boss President General Project Product Teacher Doctor Uncle Auntie ' +
    'Brother Sister Little Old Big Xiao Lao Then Also But So If When After Before Later Now Maybe ' +
    'Finally Next Last First Still Only Just Because Since While Yes No Ok Okay Note Update Re Fw Fwd ' +
    'Per For Without To At On In By Of Is Was Are Has Had Have Will Would Should Can Could Might Must ' +
    'Did Do Does Not All Any Some Each Every Both New Small Long Term Plaza Garden Road Street Park ' +
    'Gold Silver Red Blue Pink City Mall Center Centre Hotel Tower'
  ).split(' '),
);
// Common English given names (as reps write their contacts' names) …
const GIVEN_NAMES: ReadonlySet<string> = new Set(
  (
    'Amy Alice Alan Alex Allen Andrew Andy Angela Anna Anne Annie Arthur Ben Bill Bob Brian Bruce Carl ' +
    'Carol Catherine Cathy Charles Charlie Chris Christina Cindy Claire Daisy Daniel David Dennis Derek ' +
    'Diana Eason Edward Eileen Elaine Eleanor Elena Eric Emily Emma Eva Evan Frank Gary George Gloria ' +
    'Grace Hannah Harry Helen Henry Ivan Ivy Jack Jackie Jacky James Jane Janet Jason Jay Jeff Jennifer ' +
    'Jenny Jerry Jessica Jim Jimmy Joe John Johnny Joseph Joy Joyce Judy Julia Julie Justin Karen Kate ' +
    'Kelly Ken Kevin Kim Larry Laura Leo Leon Lily Linda Lisa Louis Lucy Luke Mandy Maria Mark Martin ' +
    'Mary Max Michael Michelle Mike Nancy Nick Nina Olivia Oscar Patrick Paul Peggy Peter Phoebe Rachel ' +
    'Ray Richard Rick Robert Robin Rose Ryan Sally Sam Sandy Sarah Scott Sean Simon Sophia Sophie Stella ' +
    'Stephen Steve Steven Sunny Susan Terry Thomas Tim Tina Tom Tommy Tony Vicky Victor Vincent Vivian ' +
    'Wendy William Winnie Yvonne Zoe'
  ).split(' '),
);
// … and pinyin surnames, the other half of `Kevin Zhang` or `Wei Zhang`.
const PINYIN_SURNAMES: ReadonlySet<string> = new Set(
  (
    'Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie ' +
    'Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Yu Jiang Cai Du Ye Cheng Su Wei Lu ' +
    'Ding Ren Shen Yao Cui Zhong Tan Fan Jin Shi Liao Jia Xia Fu Fang Bai Zou Meng Xiong Qin Qiu Yan Xue ' +
    'Lei Hou Long Shao Qian Kong Tao Mao Gu Hao Wong Chan Cheung Lee Lam Leung Ho Ng Tsang Chow'
  ).split(' '),
);

const wordOf = (token: string) => token.replace(/['-].*$/, '');

// One to three pinyin syllables (`Wei`, `Jianguo`): the given name after a pinyin surname in `Zhang Wei`.
const PINYIN_WORD =
  /^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uai|iao|ian|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)){1,3}$/;
const isPinyinWord = (word: string) => word.length <= 12 && PINYIN_WORD.test(word.toLowerCase());

/** The capitalised name at `at` in the text, cut before the first word that is not a name. */
function nameAt(text: string, at: number): { start: number; end: number; words: number } | undefined {
  NAME_AT.lastIndex = at;
  const match = NAME_AT.exec(text);
  if (match === null) return undefined;
  let end = at;
  let offset = at;
  let words = 0;
  for (const word of match[0].split(' ')) {
    if (NOT_NAME_WORDS.has(wordOf(word))) break;
    end = offset + word.length;
    offset = end + 1;
    words++;
  }
  return words > 0 ? { start: at, end, words } : undefined;
}

/** Names inside a run of capitalised words: a known given name with the next word, or a word before a pinyin surname. */
function namesInRun(run: string, at: number): { start: number; end: number }[] {
  const tokens = run.split(' ');
  const offsets: number[] = [];
  let o = at;
  for (const t of tokens) {
    offsets.push(o);
    o += t.length + 1;
  }
  const found: { start: number; end: number }[] = [];
  for (let k = 0; k + 1 < tokens.length; k++) {
    const first = wordOf(tokens[k] ?? '');
    const last = wordOf(tokens[k + 1] ?? '');
    if (NOT_NAME_WORDS.has(first) || NOT_NAME_WORDS.has(last)) continue;
    const pinyinOrder = PINYIN_SURNAMES.has(first) && isPinyinWord(tokens[k + 1] ?? '');
    if (GIVEN_NAMES.has(first) || PINYIN_SURNAMES.has(last) || pinyinOrder) {
      found.push({ start: offsets[k] ?? at, end: (offsets[k + 1] ?? at) + (tokens[k + 1] ?? '').length });
      k++;
    }
  }
  return found;
}

/** English (or pinyin) names: `Kevin Zhang`, `Contact: John Smith`, `Met Sarah from Acme`, `Mr. David Lee`. */
export function findEnglishNames(view: string, text: string): PiiCandidate[] {
  const found: PiiCandidate[] = [];
  const push = (span: { start: number; end: number } | undefined) => {
    if (span) found.push({ start: span.start, end: span.end, value: view.slice(span.start, span.end) });
  };
  for (const run of findAll(text, WORDS)) for (const span of namesInRun(run.value, run.start)) push(span);
  for (const cue of findAll(view, LABEL_CUE)) {
    const span = nameAt(text, cue.end);
    // Without a colon the label needs a two-word name: `holder Sophie Lin`.
    if (span && (/[:：]/.test(cue.value) || span.words > 1)) push(span);
  }
  // A title with a surname alone (Mr. Smith) names no one the mask would hide: like 张先生, not a name.
  for (const cue of findAll(view, TITLE_CUE)) {
    const span = nameAt(text, cue.end);
    if (span && span.words > 1) push(span);
  }
  for (const cue of findAll(view, VERB_CUE)) {
    const span = nameAt(text, cue.end);
    if (span && AFTER_VERB.test(text.slice(span.end, span.end + 12))) push(span);
  }
  return found;
}
