import { CertificateNumberSchema } from '../../../shared/history.js';
import { birthDateOf, yearIssues } from '../../../shared/plausibility.js';
import type { ImportRowError } from '../../../shared/imports.js';
import type { HistoryRepository } from '../../ports/history.js';
import { CHUNK_ITEM_BUDGET, historyGroupCost, type HistoryImportGroup } from '../../ports/imports.js';
import type { PeopleRepository, StoredPerson } from '../../ports/records.js';
import { visibleUnitIds, type Scope } from '../scope.js';
import { CellReader } from './cells.js';
import { findSheet, readRows, type SheetRow, type SheetTable } from './sheet-table.js';
import { CERTIFICATE_SHEET, LEGACY_SHEET } from './templates.js';
import type { ValidatedFile } from './validate-people.js';

const FIRST_YEAR = 1990;

interface LegacyRow {
  r: SheetRow;
  idNumber: string;
  name: string;
  year: number;
  publicHours: number;
  professionalHours: number;
  content?: string;
  confirmingUnit: string;
}

interface CertificateRow {
  r: SheetRow;
  number: string;
  idNumber: string;
  year: number;
  publicHours: number;
  professionalHours: number;
}

/** The years a group writes or checks: every paper year and every certificate year. */
export function groupYears(g: Pick<HistoryImportGroup, 'legacyYears' | 'certificates'>): number[] {
  const years = new Set([...g.legacyYears.map((l) => l.year), ...g.certificates.flatMap((c) => c.years.map((y) => y.year))]);
  return [...years].sort((a, b) => a - b);
}

/**
 * History files: the 历史学时 sheet (paper years) and the 认定单 sheet (prior certificates, one row per
 * certificate year). Everything one file says about a person becomes one group, written in one chunk.
 */
export async function validateHistoryFile(
  deps: { people: PeopleRepository; history: HistoryRepository },
  scope: Scope,
  sheets: SheetTable[],
  today: string,
): Promise<ValidatedFile<HistoryImportGroup> & { legacyYears: number; certificates: number; notFound?: string[] }> {
  const errors: ImportRowError[] = [];
  const cells = new CellReader(errors, today);
  const lastYear = Number(today.slice(0, 4)) - 1;
  const yearOptions = {
    required: true,
    min: FIRST_YEAR,
    max: lastYear,
    hint: `年度须为${FIRST_YEAR}至${lastYear}年之间的四位数字（历史学时只导入以前年度）`,
  };

  const legacyTable = findSheet(sheets, LEGACY_SHEET.name);
  const certificateTable = findSheet(sheets, CERTIFICATE_SHEET.name);
  if (!legacyTable && !certificateTable) {
    const message = `文件中须有“${LEGACY_SHEET.name}”或“${CERTIFICATE_SHEET.name}”工作表，请使用导入模板`;
    return { errors: [{ sheet: '', row: 1, column: '', message }], items: [], rowCount: 0, legacyYears: 0, certificates: 0 };
  }

  const legacyRows: LegacyRow[] = [];
  for (const r of legacyTable ? readRows(legacyTable, LEGACY_SHEET, errors) : []) {
    const row = {
      r,
      idNumber: cells.residentId(r),
      name: cells.text(r, '姓名', { required: true, max: 50 }),
      year: cells.integer(r, '年度', yearOptions),
      publicHours: cells.hours(r, '公需学时'),
      professionalHours: cells.hours(r, '专业学时'),
      content: cells.text(r, '学习内容', { required: false, max: 500 }),
      confirmingUnit: cells.text(r, '确认单位', { required: true, max: 100 }),
    };
    if (
      row.idNumber &&
      row.name &&
      row.year &&
      row.publicHours !== undefined &&
      row.professionalHours !== undefined &&
      row.confirmingUnit
    ) {
      legacyRows.push(row as LegacyRow);
    }
  }

  const certificateRows: CertificateRow[] = [];
  for (const r of certificateTable ? readRows(certificateTable, CERTIFICATE_SHEET, errors) : []) {
    const numberText = cells.text(r, '认定单编号', { required: true, max: 100 });
    const number = numberText === undefined ? undefined : CertificateNumberSchema.safeParse(numberText);
    if (number && !number.success) cells.fail(r, '认定单编号', number.error.issues[0]?.message ?? '认定单编号无效');
    const row = {
      r,
      number: number?.success ? number.data : undefined,
      idNumber: cells.residentId(r),
      year: cells.integer(r, '年度', yearOptions),
      publicHours: cells.hours(r, '公需学时'),
      professionalHours: cells.hours(r, '专业学时'),
    };
    if (row.number && row.idNumber && row.year && row.publicHours !== undefined && row.professionalHours !== undefined) {
      certificateRows.push(row as CertificateRow);
    }
  }
  const rowCount = (legacyTable?.rows.length ?? 1) - 1 + (certificateTable?.rows.length ?? 1) - 1;

  // People: registered, and in the caller's scope; both failures read the same, so IDs cannot be probed.
  const idNumbers = [...new Set([...legacyRows, ...certificateRows].map((x) => x.idNumber))];
  const ids = await deps.people.findIdsByIdNumbers(idNumbers);
  const people = new Map<string, StoredPerson>();
  for (const p of await deps.people.getMany([...new Set(ids.values())])) people.set(p.idNumber, p);
  const seen = await visibleUnitIds(
    scope,
    [...people.values()].map((p) => p.unitId),
  );
  const notFound = new Set<string>();
  const personOf = (x: { r: SheetRow; idNumber: string }) => {
    const p = people.get(x.idNumber);
    if (p && seen.has(p.unitId)) return p;
    notFound.add(x.idNumber);
    return cells.fail(x.r, '身份证号码', '该身份证号码未在管辖范围内登记，请先导入人员');
  };

  // The shared plausibility rules: no year before the person turned 16 (the future is excluded by yearOptions).
  const plausibleYear = (x: { r: SheetRow; year: number }, p: StoredPerson) => {
    const issue = yearIssues(x.year, { today, birthDate: birthDateOf(p.idNumber) })[0];
    if (issue) cells.fail(x.r, '年度', issue.message);
    return !issue;
  };

  const groups = new Map<string, HistoryImportGroup>();
  const groupOf = (p: StoredPerson) => {
    let g = groups.get(p.id);
    if (!g) groups.set(p.id, (g = { personId: p.id, rows: [], legacyYears: [], certificates: [] }));
    return g;
  };

  const accepted: { x: LegacyRow | CertificateRow; personId: string }[] = [];
  const legacySeen = new Map<string, number>();
  for (const x of legacyRows) {
    const p = personOf(x);
    if (!p) continue;
    if (p.name !== x.name) {
      cells.fail(x.r, '姓名', '姓名与登记信息不一致');
      continue;
    }
    if (!plausibleYear(x, p)) continue;
    const key = `${p.id}#${x.year}`;
    const first = legacySeen.get(key);
    if (first !== undefined) {
      cells.fail(x.r, '年度', `该人员${x.year}年度已在第${first}行填写`);
      continue;
    }
    legacySeen.set(key, x.r.row);
    accepted.push({ x, personId: p.id });
    const g = groupOf(p);
    g.rows.push({ sheet: x.r.sheet, row: x.r.row });
    g.legacyYears.push({
      year: x.year,
      publicHours: x.publicHours,
      professionalHours: x.professionalHours,
      ...(x.content ? { content: x.content } : {}),
      confirmingUnit: x.confirmingUnit,
    });
  }

  // Certificates: rows grouped by number; one number, one holder; each year once.
  const byNumber = new Map<string, { person: StoredPerson; rows: CertificateRow[] }>();
  for (const x of certificateRows) {
    const p = personOf(x);
    if (!p || !plausibleYear(x, p)) continue;
    const c = byNumber.get(x.number);
    if (!c) {
      byNumber.set(x.number, { person: p, rows: [x] });
    } else if (c.person.id !== p.id) {
      cells.fail(x.r, '身份证号码', `认定单${x.number}在第${c.rows[0]!.r.row}行属于另一人员`);
    } else if (c.rows.some((y) => y.year === x.year)) {
      cells.fail(x.r, '年度', `认定单${x.number}的${x.year}年度已在第${c.rows.find((y) => y.year === x.year)!.r.row}行填写`);
    } else {
      c.rows.push(x);
    }
  }
  for (const [number, c] of byNumber) {
    const g = groupOf(c.person);
    for (const x of c.rows) {
      g.rows.push({ sheet: x.r.sheet, row: x.r.row });
      accepted.push({ x, personId: c.person.id });
    }
    g.certificates.push({
      number,
      years: c.rows
        .map((x) => ({ year: x.year, publicHours: x.publicHours, professionalHours: x.professionalHours }))
        .sort((a, b) => a.year - b.year),
    });
  }

  await checkAgainstStored(deps, [...groups.values()], accepted, cells);

  for (const g of groups.values()) {
    if (historyGroupCost(g, groupYears(g).length) > CHUNK_ITEM_BUDGET) {
      const first = g.rows[0]!;
      cells.fail(first, '身份证号码', '同一人员的历史记录过多（超过一次可写入的数量），请分成多个文件导入');
    }
  }
  if (rowCount === 0 && errors.length === 0) errors.push({ sheet: '', row: 1, column: '', message: '没有可导入的数据行' });
  const items = errors.length ? [] : [...groups.values()];
  return {
    errors,
    items,
    rowCount,
    legacyYears: items.reduce((n, g) => n + g.legacyYears.length, 0),
    certificates: items.reduce((n, g) => n + g.certificates.length, 0),
    notFound: [...notFound],
  };
}

/** What is stored already: paper years, certificate numbers, and confirmed (locked) years. */
async function checkAgainstStored(
  deps: { history: HistoryRepository },
  groups: HistoryImportGroup[],
  accepted: { x: LegacyRow | CertificateRow; personId: string }[],
  cells: CellReader,
) {
  const personYears = groups.flatMap((g) => groupYears(g).map((year) => ({ personId: g.personId, year })));
  const [storedLegacy, holders, locked] = await Promise.all([
    deps.history.findLegacyYears(groups.flatMap((g) => g.legacyYears.map((l) => ({ personId: g.personId, year: l.year })))),
    deps.history.certificateHolders(groups.flatMap((g) => g.certificates.map((c) => c.number))),
    deps.history.confirmedYears(personYears),
  ]);
  const stored = new Set(storedLegacy.map((l) => `${l.personId}#${l.year}`));
  const lockedSet = new Set(locked.map((l) => `${l.personId}#${l.year}`));

  for (const { x, personId } of accepted) {
    const isCertificate = 'number' in x;
    if (!isCertificate && stored.has(`${personId}#${x.year}`)) {
      cells.fail(x.r, '年度', `该人员${x.year}年度的历史学时已导入，如需更正请先撤销原导入`);
    }
    if (isCertificate && holders.has(x.number)) cells.fail(x.r, '认定单编号', '该认定单编号已登记');
    if (lockedSet.has(`${personId}#${x.year}`)) cells.fail(x.r, '年度', `该人员${x.year}年度已确认（锁定），不能导入`);
  }
}
