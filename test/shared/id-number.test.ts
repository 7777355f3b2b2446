import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidResidentId, parseResidentId, residentIdCheckChar, ResidentIdSchema } from '../../shared/id-number';

/** A valid number built from its parts, the check character computed (ISO 7064 MOD 11-2). */
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);

describe('resident ID (GB 11643)', () => {
  it.each([
    // The two examples printed in GB 11643-1999 itself.
    ['11010519491231002X', { regionCode: '110105', birthDate: '1949-12-31', sex: 'female' }],
    ['440524188001010014', { regionCode: '440524', birthDate: '1880-01-01', sex: 'male' }],
    // Hunan numbers with their check characters computed.
    [withCheck('43010219900307123'), { regionCode: '430102', birthDate: '1990-03-07', sex: 'male' }],
    [withCheck('43312319851130002'), { regionCode: '433123', birthDate: '1985-11-30', sex: 'female' }],
    [withCheck('43060220000229451'), { regionCode: '430602', birthDate: '2000-02-29', sex: 'male' }],
  ])('%s is valid', (id, expected) => {
    const result = parseResidentId(id);
    expect(result).toEqual({ ok: true, value: { idNumber: id, ...expected } });
  });

  it('accepts a lower-case x and surrounding spaces, normalising them', () => {
    expect(parseResidentId(' 11010519491231002x ')).toMatchObject({ ok: true, value: { idNumber: '11010519491231002X' } });
    expect(ResidentIdSchema.parse('11010519491231002x')).toBe('11010519491231002X');
  });

  it.each([
    ['110105194912310021', 'id_check_digit'], // the classic number with a wrong check character
    ['11010519491231002Y', 'id_format'],
    ['11010519491231002', 'id_format'], // 17 characters
    ['1101051949123100211', 'id_format'], // 19
    ['11010519491231X02X', 'id_format'],
    ['110105491231002', 'id_format'], // the old 15-digit form is not accepted
    [withCheck('00010519491231002'), 'id_region'],
    [withCheck('99010519491231002'), 'id_region'],
    [withCheck('43010219900230123'), 'id_birth_date'], // 30 February
    [withCheck('43010219901301123'), 'id_birth_date'], // month 13
    [withCheck('43010219900100123'), 'id_birth_date'], // day 0
    [withCheck('43010219230229123'), 'id_birth_date'], // 1923 is not a leap year
    [withCheck('43010217000101123'), 'id_birth_date'],
  ])('%s is invalid (%s)', (id, code) => {
    const result = parseResidentId(id);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message).toMatch(/身份证号码/);
  });

  it('rejects a birth date after the given day', () => {
    const id = withCheck('43010220300101123');
    expect(isValidResidentId(id)).toBe(true);
    expect(parseResidentId(id, { notAfter: '2026-11-27' })).toMatchObject({ ok: false, code: 'id_birth_date' });
  });

  it('the schema reports the reason in zh-CN', () => {
    const result = ResidentIdSchema.safeParse('110105194912310021');
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('身份证号码校验位不正确');
  });

  it('changing any one digit of a valid number breaks it (the check catches single errors)', () => {
    const valid = '11010519491231002X';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const digit = (Number(valid[pos]) + delta) % 10;
        const changed = valid.slice(0, pos) + digit + valid.slice(pos + 1);
        expect(parseResidentId(changed).ok).toBe(false);
      }),
    );
  });
});
