/**
 * `npx tsx functions/ops/generate-lunar-holidays.ts` writes shared/lunar-holidays.json: for each year
 * 1900–2100, the Gregorian dates of 除夕, the 清明 solar term, 端午 (五月初五) and 中秋 (八月十五), as
 * `lunar-typescript` (6tail's calendar) computes them.
 *
 * Why a generated table and not the library at run time: the library adds ~330 KB to the Lambda bundle
 * for four dates a year; the table is under 1 KB. test/shared/statutory-holidays.test.ts recomputes every
 * year with the library and fails if the table ever differs, so it is the library's answer, not ours.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LUNAR_ANCHORS, LUNAR_TABLE_FROM, LUNAR_TABLE_TO } from '../../shared/statutory-holidays.js';
import { toDayNumber } from '../../shared/iso-date.js';
import { lunarHolidayDates } from './lunar-holiday-dates.js';

// Each date as one base-36 digit: its distance in days from the earliest date it can fall on.
let encoded = '';
for (let year = LUNAR_TABLE_FROM; year <= LUNAR_TABLE_TO; year++) {
  lunarHolidayDates(year).forEach((date, i) => {
    const offset = toDayNumber(date) - toDayNumber(`${year}-${LUNAR_ANCHORS[i]}`);
    if (offset < 0 || offset > 35) throw new Error(`${date} is outside the range of its anchor`);
    encoded += offset.toString(36);
  });
}
const path = fileURLToPath(new URL('../../shared/lunar-holidays.json', import.meta.url));
writeFileSync(path, JSON.stringify({ from: LUNAR_TABLE_FROM, dates: encoded }) + '\n');
console.log(`wrote ${path}`);
