import type { ImportRowError } from '../../../shared/imports.js';
import { isWithin, type Organisation } from '../../../shared/organisation.js';
import type { PeopleRepository, StoredPerson } from '../../ports/records.js';
import type { PeopleImportRow } from '../../ports/imports.js';
import { visibleOrganisations, visibleUnitIds, type Scope } from '../scope.js';
import type { OrganisationRepository } from '../../ports/organisations.js';
import { CellReader } from './cells.js';
import { findSheet, readRows, textOf, type SheetRow, type SheetTable } from './sheet-table.js';
import { EDUCATION, PEOPLE_SHEET, TITLE_LEVELS } from './templates.js';

export interface ValidatedFile<T> {
  errors: ImportRowError[];
  items: T[];
  rowCount: number;
}

/** A row whose ID is registered outside the importer's scope: referred, never imported (issue 12). */
export interface ReferredRow {
  sheet: string;
  row: number;
  person: StoredPerson;
  requestedName: string;
  toUnitId: string;
}

/**
 * Resolves the 单位 cell: a unit id or a unit's full name, among the units the caller may see. A clerk
 * may leave it empty for their own unit; names shared by two visible units must be given by id.
 */
async function unitResolver(deps: { organisations: OrganisationRepository }, scope: Scope, values: string[]) {
  // The file's distinct unit cells, each read once: ids by BatchGet, the rest as exact names from the
  // name index within the caller's scope — never the tree (a department imports across hundreds of units).
  const distinct = [...new Set(values.filter(Boolean))];
  const byId = new Map([...(await visibleOrganisations(scope, distinct)).values()].filter((o) => o.kind === 'unit').map((u) => [u.id, u]));
  const byName = new Map<string, Organisation[]>();
  for (const name of distinct.filter((v) => !byId.has(v))) {
    byName.set(
      name,
      (await deps.organisations.findByName(name)).filter((o) => o.kind === 'unit' && isWithin(scope.own, o)),
    );
  }
  const own = scope.own.kind === 'unit' ? scope.own : undefined;
  return (value: string): { unit?: Organisation; error?: string } => {
    if (!value) return own ? { unit: own } : { error: '请填写单位（单位编号或全称）' };
    const unit = byId.get(value);
    if (unit) return { unit };
    const named = byName.get(value) ?? [];
    if (named.length === 1) return { unit: named[0] };
    if (named.length > 1) return { error: '有多个同名单位，请填写单位编号' };
    return { error: '单位不存在或不在管辖范围内' };
  };
}

export async function validatePeopleFile(
  deps: { people: PeopleRepository; organisations: OrganisationRepository; newId: () => string },
  scope: Scope,
  sheets: SheetTable[],
  today: string,
): Promise<ValidatedFile<PeopleImportRow> & { referred: ReferredRow[] }> {
  const errors: ImportRowError[] = [];
  const cells = new CellReader(errors, today);
  const table = findSheet(sheets, PEOPLE_SHEET.name, true);
  if (!table)
    return {
      errors: [{ sheet: PEOPLE_SHEET.name, row: 1, column: '', message: '文件中没有工作表' }],
      items: [],
      referred: [],
      rowCount: 0,
    };
  const rows = readRows(table, PEOPLE_SHEET, errors);
  const resolveUnit = await unitResolver(
    deps,
    scope,
    rows.map((r) => textOf(r.get('单位'))).filter((v) => Array.from(v).length <= 100),
  );
  const yearNow = Number(today.slice(0, 4));

  const parsed: { r: SheetRow; item: PeopleImportRow }[] = [];
  const firstRowOfId = new Map<string, number>();
  for (const r of rows) {
    const before = errors.length;
    const idNumber = cells.residentId(r);
    const name = cells.text(r, '姓名', { required: true, max: 50 });
    const { unit, error: unitError } = resolveUnit(cells.text(r, '单位', { required: false, max: 100 }) ?? '');
    if (unitError) cells.fail(r, '单位', unitError);
    const titleSeries = cells.text(r, '职称系列', { required: false, max: 50 });
    const titleLevel = cells.choice(r, '职称级别', TITLE_LEVELS);
    const education = cells.choice(r, '学历', EDUCATION);
    const doctorateYear = cells.integer(r, '博士学位年份', {
      required: false,
      min: 1950,
      max: yearNow,
      hint: `博士学位年份须为1950至${yearNow}年之间的四位数字`,
    });
    if (idNumber) {
      const first = firstRowOfId.get(idNumber);
      if (first !== undefined) cells.fail(r, '身份证号码', `与第${first}行的身份证号码重复`);
      else firstRowOfId.set(idNumber, r.row);
    }
    if (errors.length > before || !idNumber || !name || !unit) continue;
    parsed.push({
      r,
      item: {
        sheet: r.sheet,
        row: r.row,
        person: {
          id: deps.newId(),
          idNumber,
          name,
          unitId: unit.id,
          ...(titleSeries ? { titleSeries } : {}),
          ...(titleLevel ? { titleLevel } : {}),
          ...(education ? { education } : {}),
          ...(doctorateYear !== undefined ? { doctorateYear } : {}),
        },
      },
    });
  }

  // Registered already: one exact lookup per ID, never a scan. Within the importer's scope that is an
  // error (they can see the person); outside it the row is referred to the hr office and reads like
  // any new row in the validation, so the file says nothing about people of other units.
  const existing = await deps.people.findIdsByIdNumbers(parsed.map((p) => p.item.person.idNumber));
  const holders = new Map((await deps.people.getMany([...new Set(existing.values())])).map((p) => [p.idNumber, p]));
  const seen = await visibleUnitIds(
    scope,
    [...holders.values()].map((p) => p.unitId),
  );
  const referred: ReferredRow[] = [];
  const fresh: PeopleImportRow[] = [];
  for (const { r, item } of parsed) {
    const holder = existing.has(item.person.idNumber) ? holders.get(item.person.idNumber) : undefined;
    if (holder && seen.has(holder.unitId)) cells.fail(r, '身份证号码', '该身份证号码已登记');
    else if (holder)
      referred.push({ sheet: r.sheet, row: r.row, person: holder, requestedName: item.person.name, toUnitId: item.person.unitId });
    else fresh.push(item);
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ sheet: table.name, row: 1, column: '', message: '没有可导入的数据行' });
  }
  return { errors, items: errors.length ? [] : fresh, referred: errors.length ? [] : referred, rowCount: rows.length };
}
