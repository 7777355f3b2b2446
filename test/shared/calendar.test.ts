import { describe, expect, it } from 'vitest';
import { chinaDateOf, isNoticeOpen, noticeClosesAt, noticeOpensAt } from '../../shared/calendar';
import { ValidationError } from '../../shared/errors';

describe('China dates and instants (Asia/Shanghai, UTC+8)', () => {
  it('a notice ending on D closes at 00:00 of D+1 in China', () => {
    expect(noticeClosesAt('2023-05-12')).toBe('2023-05-12T16:00:00.000Z');
    expect(noticeClosesAt('2023-12-31')).toBe('2023-12-31T16:00:00.000Z');
    expect(noticeOpensAt('2023-05-08')).toBe('2023-05-07T16:00:00.000Z');
  });

  it.each([
    ['2023-05-12T15:59:59.999Z', '2023-05-12'],
    ['2023-05-12T16:00:00.000Z', '2023-05-13'],
    ['2023-12-31T16:00:00Z', '2024-01-01'],
    ['2023-05-12T08:00:00+08:00', '2023-05-12'],
  ])('%s is China date %s', (instant, date) => {
    expect(chinaDateOf(instant)).toBe(date);
    expect(chinaDateOf(new Date(instant))).toBe(date);
    expect(chinaDateOf(Date.parse(instant))).toBe(date);
  });

  it('a notice is open from 00:00 of its start to 00:00 after its end, China time', () => {
    const open = (iso: string) => isNoticeOpen('2023-05-08', '2023-05-12', new Date(iso));
    expect(open('2023-05-07T15:59:59Z')).toBe(false);
    expect(open('2023-05-07T16:00:00Z')).toBe(true);
    expect(open('2023-05-12T15:59:59Z')).toBe(true);
    expect(open('2023-05-12T16:00:00Z')).toBe(false);
  });

  it('refuses an invalid instant', () => {
    expect(() => chinaDateOf('not a date')).toThrow(ValidationError);
  });
});
