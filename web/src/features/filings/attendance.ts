import type { AttendanceEntry, AttendanceResult } from '../../../../shared/filings.js';
import { MAX_ATTENDANCE_ENTRIES } from '../../../../shared/filings.js';
import { parseResidentId } from '../../../../shared/id-number.js';

/** One line of the pasted attendance list, checked in the browser before anything is sent. */
export interface AttendanceLine {
  line: number;
  text: string;
  entry?: AttendanceEntry;
  error?: string;
}

const UNIT_NAMES = ['天数', '半天次数', '晚上次数'] as const;

/**
 * Reads 「身份证号码 [天数 [半天次数 [晚上次数]]]」 per line, as typed or pasted from a spreadsheet
 * (tabs, spaces, commas). No day units means the whole filed training. Each ID is checked with the
 * API's own GB 11643 validator; a repeated ID is an error on its later line.
 */
export function parseAttendance(text: string, today?: string): AttendanceLine[] {
  const seen = new Map<string, number>();
  const lines: AttendanceLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (!trimmed) return;
    const line = i + 1;
    const [id = '', ...rest] = trimmed.split(/[\s,，;；]+/);
    const parsed = parseResidentId(id, today ? { notAfter: today } : {});
    if (!parsed.ok) return lines.push({ line, text: trimmed, error: parsed.message });
    if (rest.length > 3) return lines.push({ line, text: trimmed, error: '每行最多填写身份证号码、天数、半天次数、晚上次数四项' });
    const units: number[] = [];
    for (const [k, value] of rest.entries()) {
      if (!/^\d{1,4}$/.test(value) || Number(value) > 1000) {
        return lines.push({ line, text: trimmed, error: `${UNIT_NAMES[k]}须为0—1000的整数` });
      }
      units.push(Number(value));
    }
    if (units.length > 0 && units.every((u) => u === 0)) {
      return lines.push({ line, text: trimmed, error: '天数、半天次数、晚上次数至少一项须大于0（不填则按备案的全部天数计）' });
    }
    const idNumber = parsed.value.idNumber;
    const first = seen.get(idNumber);
    if (first !== undefined) return lines.push({ line, text: trimmed, error: `与第${first}行的身份证号码重复` });
    seen.set(idNumber, line);
    const [days, halfDays, evenings] = units;
    lines.push({
      line,
      text: trimmed,
      entry: {
        idNumber,
        ...(days !== undefined ? { days } : {}),
        ...(halfDays !== undefined ? { halfDays } : {}),
        ...(evenings !== undefined ? { evenings } : {}),
      },
    });
  });
  return lines.map((l, i) =>
    i < MAX_ATTENDANCE_ENTRIES ? l : { line: l.line, text: l.text, error: `一次最多录入${MAX_ATTENDANCE_ENTRIES}人，请分批提交` },
  );
}

export const ATTENDANCE_STATUS_LABELS: Record<AttendanceResult['status'], string> = {
  credited: '已计入学时',
  pending: '待单位接收（年度已确认）',
  duplicate: '此前已计入',
  unknown_person: '未登记人员',
  rejected: '未计入',
};

export const ATTENDANCE_STATUS_COLORS: Record<AttendanceResult['status'], string> = {
  credited: 'success',
  pending: 'warning',
  duplicate: 'default',
  unknown_person: 'warning',
  rejected: 'error',
};
