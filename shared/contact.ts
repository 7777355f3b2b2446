import * as z from 'zod';

/**
 * A way to reach a member of the public who objects to a notice (issue 14): a mainland mobile number,
 * a landline with its area code (an extension allowed), or an e-mail address. "abc" is none of them,
 * and an objection nobody can answer cannot be resolved.
 */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const EMAIL = z.email();

export function isContact(value: string): boolean {
  const v = value.trim().replace(/\s+/g, '');
  return MOBILE.test(v) || LANDLINE.test(v) || EMAIL.safeParse(value.trim()).success;
}

export const CONTACT_HINT = '请填写手机号码、带区号的固定电话（如0731-84512345）或电子邮箱';

export const ContactSchema = z
  .string('联系方式须为字符串')
  .trim()
  .min(1, '请填写联系方式')
  .max(100, '联系方式不能超过100个字符')
  .refine(isContact, CONTACT_HINT)
  .meta({ description: '手机号码、带区号的固定电话或电子邮箱', example: '13800138000' });

/** 受理编号: what the objector quotes when they ask about it; short, unambiguous characters only. */
const RECEIPT_CHARS = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export function objectionReceiptNo(chinaDate: string, random: Uint8Array): string {
  const tail = Array.from(random.slice(0, 6), (b) => RECEIPT_CHARS[b % RECEIPT_CHARS.length]).join('');
  return `YY${chinaDate.replaceAll('-', '')}-${tail}`;
}
