import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckChar, CreditCodeSchema, isValidCreditCode } from '../../shared/credit-code';

const withCheck = (first17: string) => first17 + creditCodeCheckChar(first17);

describe('unified social credit code (GB 32100)', () => {
  it.each([
    '91350100M000100Y43', // the example in GB 32100-2015
    withCheck('12430000444879073'), // a Hunan public institution shape (事业单位, 430000)
    withCheck('91430100MA4L12345'),
    withCheck('52430000MJJ00001P'),
  ])('%s is valid', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true, value: code });
  });

  it('normalises case and spaces', () => {
    expect(CreditCodeSchema.parse(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
  });

  it('a check character of 0 arises when the sum is already a multiple of 31', () => {
    // Search the first few codes of a shape for one whose check character is 0 (31 → 0).
    let found = '';
    for (let n = 0; n < 200 && !found; n++) {
      const code = withCheck(`9143010000000${String(n).padStart(4, '0')}`);
      if (code.endsWith('0')) found = code;
    }
    expect(found).not.toBe('');
    expect(isValidCreditCode(found)).toBe(true);
  });

  it.each([
    ['91350100M000100Y44', 'credit_code_check'],
    ['91350100M000100Y4', 'credit_code_format'],
    ['91350100M000100Y433', 'credit_code_format'],
    ['91350100I000100Y43', 'credit_code_format'], // I
    ['91350100O000100Y43', 'credit_code_format'], // O
    ['91350100Z000100Y43', 'credit_code_format'], // Z
    ['91350100S000100Y43', 'credit_code_format'], // S
    ['91350100V000100Y43', 'credit_code_format'], // V
    ['9135A100M000100Y43', 'credit_code_format'], // region code must be digits
  ])('%s is invalid (%s)', (code, expected) => {
    expect(checkCreditCode(code)).toMatchObject({ ok: false, code: expected });
  });
});
