import * as z from 'zod';

/**
 * Unified social credit codes of organisations (统一社会信用代码, GB 32100-2015): 18 characters —
 * registration authority, organisation type, 6-digit region code, 9-character organisation code, and
 * a check character. The alphabet is digits and capital letters without I, O, Z, S, V (easily
 * confused); the check character makes the weighted sum ≡ 0 (mod 31).
 */

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type CreditCodeError = 'credit_code_format' | 'credit_code_check';

export const CREDIT_CODE_ERROR_MESSAGES: Record<CreditCodeError, string> = {
  credit_code_format: '统一社会信用代码须为18位，由数字和大写字母组成（不含I、O、Z、S、V），第3—8位为行政区划码',
  credit_code_check: '统一社会信用代码校验位不正确',
};

export function normaliseCreditCode(input: string): string {
  return input.trim().toUpperCase();
}

/** The check character of the first 17 characters (which must be in the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function checkCreditCode(input: string): { ok: true; value: string } | { ok: false; code: CreditCodeError; message: string } {
  const code = normaliseCreditCode(input);
  if (!SHAPE.test(code)) return { ok: false, code: 'credit_code_format', message: CREDIT_CODE_ERROR_MESSAGES.credit_code_format };
  if (creditCodeCheckChar(code) !== code[17])
    return { ok: false, code: 'credit_code_check', message: CREDIT_CODE_ERROR_MESSAGES.credit_code_check };
  return { ok: true, value: code };
}

export function isValidCreditCode(input: string): boolean {
  return checkCreditCode(input).ok;
}

export const CreditCodeSchema = z
  .string('统一社会信用代码须为字符串')
  .transform((value, ctx) => {
    const result = checkCreditCode(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code } });
      return z.NEVER;
    }
    return result.value;
  })
  .meta({ description: '统一社会信用代码（18位，GB 32100 校验）', example: '91350100M000100Y43' });
