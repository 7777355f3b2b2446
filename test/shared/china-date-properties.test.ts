import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../shared/calendar';
import { shanghaiYearBoundaryInstantArb } from './arbitraries';

/** The China date of an instant, by the platform's own time-zone data. */
const shanghaiDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('China dates at the turn of a year in Asia/Shanghai (fast-check)', () => {
  it('chinaDateOf agrees with Asia/Shanghai within two hours of New Year, where UTC is still in the old year', () => {
    fc.assert(
      fc.property(shanghaiYearBoundaryInstantArb, (instant) => {
        expect(chinaDateOf(instant)).toBe(shanghaiDate.format(instant));
      }),
    );
  });

  it('the new year starts at 16:00 UTC on 31 December', () => {
    fc.assert(
      fc.property(shanghaiYearBoundaryInstantArb, (instant) => {
        const utc = instant.toISOString();
        const newYearInChina = instant.getUTCMonth() === 0 || instant.getUTCHours() >= 16;
        const year = instant.getUTCMonth() === 0 ? instant.getUTCFullYear() : instant.getUTCFullYear() + 1;
        expect(chinaDateOf(instant).slice(0, 4), utc).toBe(String(newYearInChina ? year : year - 1));
      }),
    );
  });
});
