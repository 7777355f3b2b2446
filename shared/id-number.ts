import * as z from 'zod';
import { formatIsoDate, isRealIsoDate, type IsoDate } from './iso-date';

/**
 * Resident ID numbers (公民身份号码, GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit
 * sequence (odd = male), and an ISO 7064 MOD 11-2 check character (0–9 or X). rules §6: validated,
 * never logged, masked in lists.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/**
 * First two digits of a region code: the provinces of GB/T 2260 (11–15, 21–23, 31–37, 41–46, 50–54,
 * 61–65), 71 Taiwan, and 81/82/83 used by residence permits of Hong Kong, Macao and Taiwan residents.
 */
const PROVINCE_PREFIXES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
  83,
]);

export type ResidentIdError = 'id_format' | 'id_region' | 'id_birth_date' | 'id_check_digit';

export const RESIDENT_ID_ERROR_MESSAGES: Record<ResidentIdError, string> = {
  id_format: '身份证号码须为18位：前17位为数字，最后一位为数字或X',
  id_region: '身份证号码的地区码无效',
  id_birth_date: '身份证号码中的出生日期无效',
  id_check_digit: '身份证号码校验位不正确',
};

export interface ResidentId {
  /** Normalised: upper-case X, no surrounding spaces. */
  idNumber: string;
  regionCode: string;
  birthDate: IsoDate;
  sex: 'male' | 'female';
}

export type ResidentIdResult = { ok: true; value: ResidentId } | { ok: false; code: ResidentIdError; message: string };

/** Trim and upper-case a lower-case x, the two slips people make when typing an ID number. */
export function normaliseResidentId(input: string): string {
  return input.trim().toUpperCase();
}

/** The check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export interface ResidentIdOptions {
  /** Reject birth dates after this day (pass today's China date; shared/ has no clock). */
  notAfter?: IsoDate;
}

export function parseResidentId(input: string, options: ResidentIdOptions = {}): ResidentIdResult {
  const id = normaliseResidentId(input);
  const fail = (code: ResidentIdError): ResidentIdResult => ({ ok: false, code, message: RESIDENT_ID_ERROR_MESSAGES[code] });
  if (!/^\d{17}[\dX]$/.test(id)) return fail('id_format');
  if (!PROVINCE_PREFIXES.has(Number(id.slice(0, 2)))) return fail('id_region');
  const birthDate = formatIsoDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)));
  if (
    !isRealIsoDate(birthDate) ||
    // GB 11643's own example is born in 1880; anything before 1800 is a typo.
    Number(id.slice(6, 10)) < 1800 ||
    (options.notAfter !== undefined && birthDate > options.notAfter)
  )
    return fail('id_birth_date');
  if (residentIdCheckChar(id) !== id[17]) return fail('id_check_digit');
  return {
    ok: true,
    value: {
      idNumber: id,
      regionCode: id.slice(0, 6),
      birthDate,
      sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

export function isValidResidentId(input: string, options?: ResidentIdOptions): boolean {
  return parseResidentId(input, options).ok;
}

/** A resident ID number; the output is normalised (upper-case X). */
export const ResidentIdSchema = z
  .string('身份证号码须为字符串')
  .transform((value, ctx) => {
    const result = parseResidentId(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code } });
      return z.NEVER;
    }
    return result.value.idNumber;
  })
  .meta({ description: '公民身份号码（18位，GB 11643 校验）', example: '11010519491231002X' });
