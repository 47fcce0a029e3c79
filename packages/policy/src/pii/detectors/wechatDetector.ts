import type { PiiCandidate, PiiDetector } from '../piiTypes.js';
import { findAll } from '../scanView.js';

// `wxid_…` is WeChat's own id form; needs no cue.
const WXID = /(?<![0-9A-Z_-])WXID_[0-9A-Z_-]{4,24}(?![0-9A-Z_-])/g;
// A cue (微信, 微信号, VX, WeChat ID …), then the id WeChat allows: 6–20 characters, a letter
// first, then letters, digits, `_` or `-`. The span is the id alone. Each optional part may
// be followed by at most two spaces, so no two parts compete for the same characters.
const CUED =
  /(?:微信号?|微信ID|V信|威信|薇信|(?<![A-Z])(?:VX|WX|WEIXIN|WECHAT)(?: ?ID)?(?![A-Z]))\s{0,2}(?:(?:号|账号)\s{0,2})?(?:[:：]\s{0,2})?(?:(?:是|为|IS)\s{0,2})?([A-Z][0-9A-Z_-]{5,19})(?![0-9A-Z_@-])(?!\.[0-9A-Z])/g;
// Cues that name the id outright, after which an all-letter id is believed too.
const ID_CUE = /微信号|微信ID|WECHAT ?ID|WEIXIN ?ID|VX号|WX号/;

function findWechatIds(view: string): PiiCandidate[] {
  const found = findAll(view, WXID).map((c) => ({ ...c, confidence: 0.97 }));
  CUED.lastIndex = 0;
  for (let m = CUED.exec(view); m !== null; m = CUED.exec(view)) {
    const id = m[1] ?? '';
    const start = m.index + m[0].length - id.length;
    if (id.startsWith('WXID_')) continue;
    // An id of letters only is too often an English word after 微信 (微信 FOLLOWUP); it needs a cue
    // that names the id (微信号：zhangwei).
    const lettersOnly = /^[A-Z]+$/.test(id);
    if (lettersOnly && !ID_CUE.test(m[0])) continue;
    found.push({ start, end: start + id.length, value: id, confidence: lettersOnly ? 0.8 : 0.9 });
  }
  return found;
}

/** WeChat ids: `wxid_…`, or a WeChat-shaped id right after 微信/微信号/VX/WeChat. */
export const wechatDetector: PiiDetector = {
  type: 'wechat',
  find: findWechatIds,
  validate: (candidate) => candidate.confidence ?? 0.9,
};
