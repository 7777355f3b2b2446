import { describe, expect, it } from 'vitest';
import { maskName, maskPhone, maskResidentId } from '../../shared/mask';

describe('masking (rules §5 public notice, revised: the check digit hidden too)', () => {
  it.each([
    ['43010219900307123X', '4301**********123*'],
    ['11010519491231002X', '1101**********002*'],
    ['430102199003071234', '4301**********123*'],
    ['12345678', '********'],
    ['4301021990030712', '****************'],
    ['', ''],
  ])('resident ID %s → %s', (id, masked) => {
    expect(maskResidentId(id)).toBe(masked);
  });

  it.each([
    ['张三', '张*'],
    ['李四光', '李**'],
    ['欧阳娜娜', '欧阳**'],
    ['欧阳修', '欧阳*'],
    ['司马光', '司马*'],
    ['欧阳', '欧*'],
    ['买买提·艾力', '买**·**'],
    ['王', '*'],
  ])('name %s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('phone numbers keep the first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
