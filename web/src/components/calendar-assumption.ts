/**
 * What a notice end date counted without a year's official holiday arrangement assumed (rules §5,
 * unknown years), and who puts it right: the words the publishing screen and the public notice show
 * instead of a bare "incomplete calendar".
 */
const ASSUMED = '结束日期已按周末和法定节假日（元旦、春节、清明、劳动节、端午、中秋、国庆）推算，调休上班日未计入';

/** 2027年 / 2027年、2028年 */
export function yearsText(years: readonly number[]): string {
  return years.map((y) => `${y}年`).join('、');
}

/** For the unit reviewer: which years, what was assumed, that the notice is not shorter, and the fix. */
export function calendarAssumptionText(years: readonly number[], workingDays: number): string {
  const which = years.length ? `${yearsText(years)}的放假安排尚未载入` : '公示期内有年度的放假安排尚未载入';
  const those = years.length > 1 ? '这些年度的' : '该年';
  return `${which}：${ASSUMED}，实际公示不会短于${workingDays}个工作日。国务院办公厅公布${those}安排后，由人社部门在「年度规则」中载入。`;
}

/** For the public notice page: the same assumption, without the office's to-do. */
export function publicCalendarAssumptionText(workingDays = 5): string {
  return `公示期所在年度的官方放假安排尚未公布：${ASSUMED}，实际公示不少于${workingDays}个工作日。`;
}
