/**
 * Masking for anything shown outside the person's own organisation: the public notice, certificate
 * verification, lists. rules §5 (revised December 2026): "first 4 characters and characters 15–17; the check
 * digit is hidden too, e.g. 4301**********123*". Showing the check digit left about 18,000 candidates for a
 * masked ID (birth date × sequence), few enough to try one by one; hiding it multiplies them by ten and no
 * longer lets a candidate list be filtered for free. rules §7 verification shows the holder as a masked name.
 */

/** 43010219900101123X → 4301**********123*. Short or odd inputs are masked entirely rather than leaked. */
export function maskResidentId(idNumber: string): string {
  const id = idNumber.trim();
  if (id.length !== 18) return '*'.repeat(id.length);
  return id.slice(0, 4) + '*'.repeat(10) + id.slice(14, 17) + '*';
}

/** Two-character surnames common enough that masking after one character would look wrong. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '钟离',
  '端木',
  '西门',
  '南宫',
  '独孤',
  '百里',
  '呼延',
  '赫连',
  '澹台',
  '公冶',
  '太史',
  '申屠',
  '闻人',
  '万俟',
  '淳于',
  '单于',
  '濮阳',
  '羊舌',
  '拓跋',
  '第五',
  '东郭',
  '司空',
  '亓官',
  '司寇',
]);

/** 张三 → 张*，欧阳娜娜 → 欧阳**，买买提·艾力 → 买**·**: keep the surname, star every other character but '·'. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.length === 1 ? '*' : '';
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1;
  return chars.map((c, i) => (i < keep || c === '·' || c === '•' || c === ' ' ? c : '*')).join('');
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length < 7) return '*'.repeat(p.length);
  return p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
}
