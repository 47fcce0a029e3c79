import type { PiiCandidate, PiiDetector } from '../piiTypes.js';

// An address is found from its anchor — a road with a house number (`张江路88号`, `1599弄`) or a
// residential compound with a building and a room (`万科城市花园5栋1单元302室`) — then widened to
// the left over the divisions written before it (district, city, province) and to the right over
// building, unit, floor and room. Both sides are bounded, so the work per anchor is too.

const NUMERAL = '[0-9一二三四五六七八九十百零〇]';
const ROAD_ANCHOR = new RegExp(
  `(?:路|街|大道|道|巷|胡同|弄|村(?:\\d{1,2}组)?)(?:[东西南北中]段|${NUMERAL}{1,3}段)?(?:${NUMERAL}{1,5}(?:-\\d{1,4})?)(?:号院|号|弄)(?!线|地块|会议|机)`,
  'g',
);
const COMPOUND_ANCHOR =
  /(?:小区|花园|公寓|家园|新村|新城|苑|府|庭|湾|城|园|村|里|社区)(?:[0-9A-Z]{1,4}(?:号楼|栋|幢|座))(?:\d{1,2}单元)?(?:\d{1,3}[楼层])?\d{2,5}(?:室|房|号)?(?![0-9A-Z]|会议|培训|办公|展厅|机房)/g;
// What may follow a road anchor, in this order, each part optional: a lane and a house number
// after it (`4弄49号`), a compound name, a building, a unit or entrance, a floor, a room. A bare
// room number (`1单元602`) only follows a building, unit or floor part.
const LANE_PARTS = [
  /\d{1,4}弄/y,
  /\d{1,4}号(?!楼)/y,
  /[\u4e00-\u9fff]{2,8}?(?:小区|花园|公寓|家园|大厦|苑|广场|中心|大楼)/y,
];
const UNIT_PARTS = [
  /[0-9A-Z]{1,4}(?:号楼|栋|幢|座)/y,
  /\d{1,2}(?:单元|门)/y,
  /\d{1,3}[楼层](?!\d{1,3}[楼层])/y,
];
const ROOM = /\d{1,5}(?:室|房)|\d{1,5}号(?!楼)/y;
const BARE_ROOM = /\d{2,5}(?![0-9.])/y;
const NOT_HOME = /^(?:会议|培训|办公|展厅|机房)/;

/** Where the unit parts after a road anchor ending at `at` end. */
function rightEdge(view: string, at: number): number {
  const take = (pattern: RegExp): boolean => {
    pattern.lastIndex = at;
    const m = pattern.exec(view);
    if (m === null || NOT_HOME.test(view.slice(at + m[0].length, at + m[0].length + 2))) return false;
    at += m[0].length;
    return true;
  };
  for (const part of LANE_PARTS) take(part);
  let unit = false;
  for (const part of UNIT_PARTS) if (take(part)) unit = true;
  if (!take(ROOM) && unit) take(BARE_ROOM);
  return at;
}

// Division suffixes: a division is up to MAX_DIVISION Han characters ending in one of them.
const DIVISION_SUFFIX = new Set(['省', '市', '区', '县', '旗', '镇', '乡']);
const MAX_DIVISION = 5;
const MAX_ROAD_NAME = 6;
const MAX_DIVISIONS = 5;
// Characters that are never inside a place or road name here: they end the walk to the left.
const STOP = new Set([...'住在于到是为址的了与及或往从寄送搬去过近旁边把给请让被对离它他她我您你']);
// Words that may open the walked stretch but belong to the sentence, not the address.
const LEADING_WORDS = ['客户家', '老家', '家庭', '客户', '公司', '家'];
const PROVINCES = [
  '北京',
  '上海',
  '天津',
  '重庆',
  '河北',
  '山西',
  '辽宁',
  '吉林',
  '黑龙江',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '海南',
  '四川',
  '贵州',
  '云南',
  '陕西',
  '甘肃',
  '青海',
  '内蒙古',
  '广西',
  '西藏',
  '宁夏',
  '新疆',
];
// Words a road name never is, though they end in 路/道 (思路3号 is no address).
const NOT_ROADS = [
  '线路',
  '电路',
  '思路',
  '网路',
  '回路',
  '知道',
  '渠道',
  '频道',
  '通道',
  '管道',
  '轨道',
  '赛道',
];

function isHan(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

/** Walks left from `end` over at most `max` Han characters that are no stop character. */
function walkName(view: string, end: number, floor: number, max: number, stopAtSuffix: boolean): number {
  let start = end;
  while (start > floor && end - start < max) {
    const ch = view[start - 1] ?? '';
    if (!isHan(ch.charCodeAt(0)) || STOP.has(ch) || (stopAtSuffix && DIVISION_SUFFIX.has(ch))) break;
    start--;
  }
  return start;
}

/** The start of the address whose anchor name ends at `end`: road name, then divisions, then a province. */
function leftEdge(view: string, end: number, floor: number): number {
  let start = walkName(view, end, floor, MAX_ROAD_NAME, true);
  for (let n = 0; n < MAX_DIVISIONS && start > floor && DIVISION_SUFFIX.has(view[start - 1] ?? ''); n++) {
    let nameStart = walkName(view, start - 1, floor, MAX_DIVISION, true);
    // 市南区, 市中区: a district name may itself begin with a suffix character.
    if (nameStart === start - 2 && nameStart > floor && DIVISION_SUFFIX.has(view[nameStart - 1] ?? '')) {
      if (walkName(view, nameStart - 1, floor, MAX_DIVISION, true) === nameStart - 1) nameStart--;
    }
    if (nameStart === start - 1) break;
    start = nameStart;
  }
  for (const province of PROVINCES) {
    if (start - province.length >= floor && view.startsWith(province, start - province.length)) {
      return start - province.length;
    }
  }
  for (const word of LEADING_WORDS) {
    if (view.startsWith(word, start) && end - start > word.length + 1) return start + word.length;
  }
  return start;
}

function isRoadWord(view: string, suffixAt: number): boolean {
  return NOT_ROADS.some((word) => view.startsWith(word, suffixAt + 1 - word.length));
}

/** Home and delivery addresses on the mainland, from the district (or province) to the room. */
function findAddresses(view: string): PiiCandidate[] {
  const anchors: { nameEnd: number; end: number }[] = [];
  ROAD_ANCHOR.lastIndex = 0;
  for (let m = ROAD_ANCHOR.exec(view); m !== null; m = ROAD_ANCHOR.exec(view)) {
    if (isRoadWord(view, m.index + (m[0].startsWith('大道') ? 1 : 0))) continue;
    anchors.push({ nameEnd: m.index, end: rightEdge(view, m.index + m[0].length) });
    ROAD_ANCHOR.lastIndex = Math.max(ROAD_ANCHOR.lastIndex, anchors.at(-1)?.end ?? 0);
  }
  // Road anchors come in text order; a compound inside one (its right part) is already covered.
  const roads = anchors.length;
  let r = 0;
  COMPOUND_ANCHOR.lastIndex = 0;
  for (let m = COMPOUND_ANCHOR.exec(view); m !== null; m = COMPOUND_ANCHOR.exec(view)) {
    const at = m.index;
    while (r < roads && (anchors[r]?.end ?? 0) <= at) r++;
    if (r < roads && at >= (anchors[r]?.nameEnd ?? 0)) continue;
    anchors.push({ nameEnd: at, end: at + m[0].length });
  }
  anchors.sort((a, b) => a.nameEnd - b.nameEnd);
  const found: PiiCandidate[] = [];
  let floor = 0;
  for (const anchor of anchors) {
    if (anchor.nameEnd < floor) continue;
    // A road anchor's name ends at its suffix (路); a compound's name ends at its suffix too.
    const start = leftEdge(view, anchor.nameEnd, floor);
    if (start === anchor.nameEnd) continue; // `路88号` with no name before it
    found.push({ start, end: anchor.end, value: view.slice(start, anchor.end) });
    floor = anchor.end;
  }
  return found;
}

/** Mainland addresses: road and house number or compound, building and room, with the divisions before them. */
export const addressDetector: PiiDetector = {
  type: 'address',
  find: findAddresses,
  validate: (candidate) => (/[省市区县]/.test(candidate.value) ? 0.9 : 0.8),
};
