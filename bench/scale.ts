/**
 * Issue 19 item 5: what one request of each main route costs in DynamoDB at two sizes of a city,
 * measured, not estimated. Each size gets its own DynamoDB Local (in memory) with the demo tenant and
 * a synthetic tree beside it — departments of 24 units of about 21 people each, a submitted
 * application for one person in twenty — written directly as table items through the adapters' key
 * and item builders (seeding is not what is measured). Then every route is called through
 * app.request with a real token while a middleware on the document client asks each command for
 * ReturnConsumedCapacity TOTAL and counts requests and capacity units.
 *
 * The unit size is held constant on purpose: a city grows by adding employers, and a unit's page
 * costs what the unit holds. The target is that the larger city costs at most 1.2× the smaller per
 * request; the figures and ratios are printed and kept in bench/results.json (`extra`).
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { pathToFileURL } from 'node:url';
import { keys } from '../functions/adapters/dynamo/keys';
import { organisationItems } from '../functions/adapters/dynamo/organisations';
import type { StoredPerson } from '../functions/ports/records';
import type { Application, Notice } from '../shared/applications';
import { chinaDateOf } from '../shared/calendar';
import { addDays } from '../shared/iso-date';
import type { Organisation } from '../shared/organisation';
import { generatedName, generatedResidentId, startBenchApp, type BenchApp } from './local-app';

const HR = 'hr-430100';
/** Organisations directly under the demo hr office (functions/local/demo-data.ts). */
const DEMO_HR_CHILDREN = 4;
const UNITS_PER_DEPARTMENT = 24;
const SAMPLES = 20;
const TARGET_RATIO = 1.2;
// BENCH_SCALE_QUICK=1 divides both by ten: a check that the bench runs, not a measurement.
const DIVISOR = process.env.BENCH_SCALE_QUICK ? 10 : 1;
export const SCALE_SIZES = [
  { label: 'small', organisations: 500 / DIVISOR, people: 10_000 / DIVISOR },
  { label: 'large', organisations: 5_000 / DIVISOR, people: 100_000 / DIVISOR },
];

const PLACES = ['湘江', '岳麓', '星沙', '雨花', '开福', '天心', '望城', '浏阳'];
const KINDS = ['医院', '中学', '科技有限公司', '设计院', '建设集团', '小学'];

interface Tenant {
  departments: string[];
  units: string[];
  people: number;
}

interface Meter {
  on: boolean;
  requests: number;
  capacity: number;
}

export interface ScaleBenchResult {
  name: 'scale';
  value: number;
  unit: 'x';
  target: number;
  ok: boolean;
  extra: Record<string, number>;
}

async function writeAll(bench: BenchApp, items: Record<string, unknown>[]) {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  // A few batches in flight: DynamoDB Local takes them about as fast as one core writes.
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++]!;
        let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
          [bench.tableName]: chunk.map((Item) => ({ PutRequest: { Item } })),
        };
        while (request && Object.keys(request).length) {
          const res = await bench.db.send(new BatchWriteCommand({ RequestItems: request }));
          request = res.UnprocessedItems as typeof request;
        }
      }
    }),
  );
}

/** The synthetic city: its tree, people (with their resident-ID guards) and submitted applications. */
async function seedTenant(bench: BenchApp, size: (typeof SCALE_SIZES)[number]): Promise<Tenant> {
  const departmentCount = Math.round(size.organisations / (UNITS_PER_DEPARTMENT + 1));
  const orgs: Organisation[] = [];
  const departments: string[] = [];
  const units: string[] = [];
  for (let d = 0; d < departmentCount; d++) {
    const dept: Organisation = { id: `sdept-${d}`, kind: 'department', name: `合成主管部门${d}号`, parentId: HR, path: [HR, `sdept-${d}`] };
    orgs.push(dept);
    departments.push(dept.id);
    for (let u = 0; u < UNITS_PER_DEPARTMENT; u++) {
      const n = d * UNITS_PER_DEPARTMENT + u;
      const id = `sunit-${n}`;
      orgs.push({
        id,
        kind: 'unit',
        unitType: 'enterprise',
        name: `${PLACES[n % PLACES.length]}${KINDS[Math.floor(n / PLACES.length) % KINDS.length]}${n}号`,
        parentId: dept.id,
        path: [...dept.path, id],
      });
      units.push(id);
    }
  }
  const at = new Date().toISOString();
  const items: Record<string, unknown>[] = orgs.flatMap(organisationItems);
  const parentOf = new Map(orgs.map((o) => [o.id, o.parentId]));
  for (let n = 0; n < size.people; n++) {
    const person: StoredPerson = {
      id: `sp-${n}`,
      idNumber: generatedResidentId(n),
      name: generatedName(n),
      unitId: units[n % units.length]!,
      titleSeries: '卫生',
      titleLevel: 'intermediate',
      version: 1,
      activityRevision: 0,
      createdAt: at,
      updatedAt: at,
    };
    items.push({ ...keys.person(person.id), ...keys.personByUnit(person.unitId, person.name, person.id), ...person });
    items.push({ ...keys.idNumber(person.idNumber), personId: person.id });
    if (n % 20 === 0) {
      const app = submittedApplication(person, parentOf.get(person.unitId)!, at);
      items.push({ ...keys.application(app.id), ...keys.applicationIndexes(app), ...app });
    }
  }
  // A department's inbox that holds the same 60 applications whatever the city's size (unit-hospital,
  // re-reviewed by dept-health, whose reviewer is a demo account).
  for (let n = 0; n < 60; n++) {
    const app: Application = {
      ...submittedApplication({ id: `sp-dh-${n}`, name: generatedName(n) } as StoredPerson, 'dept-health', at),
      unitId: 'unit-hospital',
      state: 'notice_passed',
    };
    items.push({ ...keys.application(app.id), ...keys.applicationIndexes(app), ...app });
  }
  // Open notices in proportion to the city (one per two units): the public list must not grow with them.
  const today = chinaDateOf(new Date());
  for (let n = 0; n < units.length / 2; n++) {
    const notice: Notice = {
      id: `snotice-${n}`,
      unitId: units[n]!,
      unitName: `合成单位${n}号`,
      title: `合成单位${n}号学时核认公示`,
      startDate: addDays(today, -1),
      endDate: addDays(today, 1 + (n % 20)),
      calendarComplete: true,
      contact: '0731-0000000',
      applicationIds: [`sapp-${n}`],
      status: 'open',
      createdAt: at,
      createdBy: 'bench',
    };
    items.push({
      ...keys.notice(notice.id),
      ...keys.noticeByUnit(notice.unitId, notice.startDate, notice.id),
      ...keys.openNotice(notice.endDate, notice.id),
      ...notice,
    });
  }
  // The maintained counts of every synthetic organisation (what the dashboard reads): people and this year.
  const perUnit = Math.round(size.people / units.length);
  for (const org of orgs) {
    const people = org.kind === 'unit' ? perUnit : perUnit * UNITS_PER_DEPARTMENT;
    items.push({ ...keys.aggregatePeople(org.id), orgId: org.id, people });
    items.push({
      ...keys.aggregateYear(org.id, 2026),
      orgId: org.id,
      year: 2026,
      compliant: Math.floor(people / 2),
      short: Math.floor(people / 4),
      empty: 0,
      pending: 0,
    });
  }
  await writeAll(bench, items);
  return { departments, units, people: size.people };
}

/** A submitted application of the real shape (parsed on read), made for each synthetic applicant. */
function submittedApplication(person: StoredPerson, departmentId: string, at: string): Application {
  const year = (y: number) => ({
    year: y,
    publicHours: 30,
    professionalHours: 60,
    totalHours: 90,
    compliant: true,
    deemedComplete: false,
    publicContent: ['公需科目网络培训'],
    professionalContent: ['专业科目培训'],
    source: 'confirmed',
    evidenceComplete: true,
  });
  return {
    id: `sapp-${person.id}`,
    personId: person.id,
    personName: person.name,
    unitId: person.unitId,
    applicationYear: 2026,
    titleLevel: 'associate_senior',
    kind: 'senior',
    span: { from: 2021, to: 2025 },
    spanNote: '',
    coveredYears: [],
    years: [2021, 2022, 2023, 2024, 2025].map(year),
    route: { department: true, departmentId, filingWindow: { from: '2026-07-01', to: '2026-08-31' } },
    state: 'submitted',
    version: 2,
    createdAt: at,
    createdBy: 'bench',
    updatedAt: at,
  };
}

function installMeter(bench: BenchApp): Meter {
  const meter: Meter = { on: false, requests: 0, capacity: 0 };
  bench.db.middlewareStack.add(
    (next) => async (args) => {
      if (!meter.on) return next(args);
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      meter.requests++;
      const consumed = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) meter.capacity += c.CapacityUnits ?? 0;
      return out;
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
  return meter;
}

/**
 * The routes measured: each a function of the sample index, answering a path and who asks (null: the
 * public), and for the dashboards how many organisations the answer shows (its cost is per organisation).
 */
function routes(t: Tenant): Record<string, (i: number) => { user: string | null; path: string; body?: unknown; shown?: number }> {
  const unit = (i: number) => t.units[(i * 7919) % t.units.length]!;
  const person = (i: number) => (i * 104_729) % t.people;
  return {
    person_read: (i) => ({ user: 'hr-officer', path: `/v1/people/sp-${person(i)}` }),
    unit_people_page: (i) => ({ user: 'hr-officer', path: `/v1/people?unitId=${unit(i)}&limit=50` }),
    // Searches go in a POST body (names and resident IDs never travel in URLs).
    people_search_name: (i) => ({
      user: 'hr-officer',
      path: '/v1/people/search',
      body: { unitId: unit(i), q: generatedName(i).slice(0, 2), limit: 50 },
    }),
    people_search_id: (i) => {
      const n = person(i);
      return { user: 'hr-officer', path: '/v1/people/search', body: { unitId: t.units[n % t.units.length], q: generatedResidentId(n) } };
    },
    application_inbox: () => ({ user: 'hr-officer', path: '/v1/applications?state=submitted&limit=50' }),
    organisation_search: (i) => ({
      user: 'hr-officer',
      path: `/v1/organisations?q=${encodeURIComponent(PLACES[i % PLACES.length]!)}&limit=20`,
    }),
    organisation_children: (i) => ({
      user: 'hr-officer',
      path: `/v1/organisations?parentId=${t.departments[i % t.departments.length]}&limit=50`,
    }),
    unit_lookup: (i) => ({ user: 'clerk-hospital', path: `/v1/units/lookup?q=${encodeURIComponent(KINDS[i % KINDS.length]!)}` }),
    // The hr office's dashboard shows itself and every department (and the demo's 4 organisations under it).
    dashboard_hr_office: () => ({
      user: 'hr-officer',
      path: '/v1/statistics/compliance',
      shown: 1 + t.departments.length + DEMO_HR_CHILDREN,
    }),
    dashboard_department: (i) => ({
      user: 'hr-officer',
      path: `/v1/statistics/compliance?org=${t.departments[i % t.departments.length]}`,
      shown: 1 + UNITS_PER_DEPARTMENT,
    }),
    department_inbox: () => ({ user: 'reviewer-health', path: '/v1/applications?state=notice_passed&limit=50' }),
    public_notices: () => ({ user: null, path: '/v1/public/notices?limit=20' }),
  };
}

/** Mean DynamoDB requests and capacity units per call of each route. */
async function measure(bench: BenchApp, meter: Meter, t: Tenant) {
  const tokens = new Map<string, string>();
  const out: Record<string, { requests: number; capacity: number; shown?: number }> = {};
  for (const [name, route] of Object.entries(routes(t))) {
    let requests = 0;
    let capacity = 0;
    let shown: number | undefined;
    for (let i = -2; i < SAMPLES; i++) {
      const { user, path, body, shown: orgs } = route(Math.abs(i));
      shown = orgs;
      if (user && !tokens.has(user)) tokens.set(user, await bench.tokenFor(user));
      meter.on = true;
      meter.requests = 0;
      meter.capacity = 0;
      const res = await bench.app.request(path, {
        method: body ? 'POST' : 'GET',
        headers: {
          ...(user ? { authorization: `Bearer ${tokens.get(user)}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      await res.text();
      meter.on = false;
      if (res.status !== 200) throw new Error(`${name}: ${path} answered ${res.status}: ${await res.clone().text()}`);
      if (i < 0) continue; // warm-up: JIT and DynamoDB Local's caches
      requests += meter.requests;
      capacity += meter.capacity;
    }
    out[name] = { requests: requests / SAMPLES, capacity: Number((capacity / SAMPLES).toFixed(2)), ...(shown ? { shown } : {}) };
  }
  return out;
}

export async function benchScale(): Promise<ScaleBenchResult> {
  const measured: Record<string, Record<string, { requests: number; capacity: number; shown?: number }>> = {};
  for (const size of SCALE_SIZES) {
    const bench = await startBenchApp();
    try {
      const started = performance.now();
      const tenant = await seedTenant(bench, size);
      process.stderr.write(
        `  seeded ${size.label}: ${size.organisations} organisations, ${size.people} people in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
      );
      measured[size.label] = await measure(bench, installMeter(bench), tenant);
    } finally {
      await bench.stop();
    }
  }
  const extra: Record<string, number> = {};
  const table: Record<string, string | number>[] = [];
  let worst = 0;
  for (const route of Object.keys(measured.small!)) {
    const s = measured.small![route]!;
    const l = measured.large![route]!;
    // A dashboard's cost is per organisation it shows (issue 19): compared per organisation shown.
    const per = (x: { shown?: number }) => x.shown ?? 1;
    const ratio = Number((s.capacity > 0 ? l.capacity / per(l) / (s.capacity / per(s)) : l.requests / s.requests).toFixed(2));
    worst = Math.max(worst, ratio, Number((l.requests / per(l) / (s.requests / per(s))).toFixed(2)));
    if (s.shown && l.shown) {
      extra[`${route}.small.shown`] = s.shown;
      extra[`${route}.large.shown`] = l.shown;
      extra[`${route}.small.capacityPerShown`] = Number((s.capacity / s.shown).toFixed(3));
      extra[`${route}.large.capacityPerShown`] = Number((l.capacity / l.shown).toFixed(3));
    }
    extra[`${route}.small.requests`] = s.requests;
    extra[`${route}.small.capacity`] = s.capacity;
    extra[`${route}.large.requests`] = l.requests;
    extra[`${route}.large.capacity`] = l.capacity;
    extra[`${route}.ratio`] = ratio;
    table.push({
      route,
      'requests small': s.requests,
      'requests large': l.requests,
      'capacity small': s.capacity,
      'capacity large': l.capacity,
      'organisations shown': s.shown ? `${s.shown} / ${l.shown}` : '',
      'ratio large/small': ratio,
    });
  }
  console.table(table);
  return { name: 'scale', value: worst, unit: 'x', target: TARGET_RATIO, ok: worst <= TARGET_RATIO, extra };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchScale(), null, 2));
}
