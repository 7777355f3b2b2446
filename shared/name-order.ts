/**
 * Names in pinyin order (issue 14: 人员名单 sorted as a Chinese reader expects, not by code point).
 *
 * The people of a unit are read from an index sorted by a string, so the order has to be a sort key,
 * and Intl.Collator only compares. The key is built from the collator itself: every CJK unified
 * ideograph (U+4E00–U+9FFF) ranked once by `Intl.Collator('zh-CN')` (pinyin order in ICU's zh
 * collation), then each character of a name written as its rank. Characters outside that block (Latin
 * letters, the middle dot of 阿卜杜·热合曼) come after every ideograph, in code point order, as the
 * zh collation puts Han first. Different names never get the same key.
 *
 * Ranking the block costs a few hundred milliseconds once per process; only writes of a person's
 * index item need it (lists read the stored key), so it is built lazily.
 */
const HAN_FIRST = 0x4e00;
const HAN_LAST = 0x9fff;
/** Other characters sort after the 20 992 ranks of the ideographs, by code point. */
const OTHER_BASE = HAN_LAST - HAN_FIRST + 1;
/** Four base-36 digits hold every value up to 36^4 − 1 (1 679 615): the ranks and every code point after them. */
const WIDTH = 4;

let ranks: Uint16Array | undefined;

function hanRanks(): Uint16Array {
  if (ranks) return ranks;
  const collator = new Intl.Collator('zh-CN');
  const chars: string[] = [];
  for (let cp = HAN_FIRST; cp <= HAN_LAST; cp++) chars.push(String.fromCharCode(cp));
  chars.sort(collator.compare);
  const table = new Uint16Array(HAN_LAST - HAN_FIRST + 1);
  chars.forEach((c, i) => (table[c.charCodeAt(0) - HAN_FIRST] = i));
  ranks = table;
  return table;
}

function weight(cp: number): number {
  return cp >= HAN_FIRST && cp <= HAN_LAST ? hanRanks()[cp - HAN_FIRST]! : OTHER_BASE + cp;
}

/** The name as a string that sorts in pinyin order: four base-36 digits per character. */
export function nameSortKey(name: string): string {
  let key = '';
  for (const ch of name) key += weight(ch.codePointAt(0)!).toString(36).padStart(WIDTH, '0');
  return key;
}
