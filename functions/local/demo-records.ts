import type { Activity } from '../../shared/hours/index.js';
import { attributedYears, type ActivityRecord } from '../../shared/records.js';
import type { ActivityDeps } from '../use-cases/activities.js';
import { auditBy } from '../use-cases/audit-event.js';
import { recomputeBooks } from '../use-cases/recompute-books.js';
import { confirmYear, type BookDeps } from '../use-cases/books.js';
import type { Principal } from '../auth/principal.js';
import { DEMO_PEOPLE, DEMO_TENANT } from './demo-data.js';

/**
 * Activities for the demo people across the last five years, written through the same use-cases
 * the API uses, so books, notes and audit trails are real: some years complete, some short, one
 * probable duplicate (张伟 2023: the same training entered twice), and a 2025 short on public hours only.
 */
type DemoActivity = { title: string; activity: Activity };

const training = (date: string, days: number, category: 'public' | 'professional', theme?: string): Activity =>
  ({ kind: 'training', date, category, days, ...(theme ? { theme } : {}) }) as Activity;
const online = (date: string, hours: number, theme?: string): Activity =>
  ({ kind: 'online_course', date, category: 'public', hours, ...(theme ? { theme } : {}) }) as Activity;

/** 许晴 holds the demo's 合格证明: every year of her span complete. */
const ALWAYS_COMPLETE = new Set(['person-xuqing']);

/**
 * 刘洋's last year (2025 when the demo starts in 2026): 20 public + 70 professional hours — 90 in all,
 * but short of the 2025 notice's public minimum (湘人社办函〔2025〕37号: 公需科目不少于30学时, carried to
 * later years until their notice is known), so 未达标 with the warning 公需科目不足30学时, where the same
 * hours met the 2023 rules. The last year, because the demo base's record for him lands there too.
 */
const SHORT_ON_PUBLIC = 'person-liuyang';

function yearsFor(person: { id: string }, personIndex: number, now: Date): { year: number; items: DemoActivity[] }[] {
  const last = now.getUTCFullYear() - 1;
  const out: { year: number; items: DemoActivity[] }[] = [];
  for (let year = last - 4; year <= last; year++) {
    if (person.id === SHORT_ON_PUBLIC && year === last) {
      out.push({
        year,
        items: [
          { title: `${year}年度公需科目网络学习（部分课程）`, activity: online(`${year}-04-15`, 20) },
          // 40 here; the demo base posts 30 more (DEMO-0008, demo-postings.ts): 70 professional.
          { title: `${year}年度专业科目培训班`, activity: training(`${year}-06-20`, 4, 'professional') },
        ],
      });
      continue;
    }
    const theme = year === 2023 ? '数字化建设与发展' : undefined;
    const complete = ALWAYS_COMPLETE.has(person.id) || (year + personIndex) % 3 !== 0;
    const items: DemoActivity[] = [
      { title: `${year}年度公需科目网络学习`, activity: online(`${year}-04-15`, 30, theme) },
      { title: `${year}年度专业科目培训班`, activity: training(`${year}-06-20`, complete ? 5 : 3, 'professional') },
    ];
    if (complete)
      items.push({
        title: `${year}年度学术会议`,
        activity: { kind: 'academic_event', date: `${year}-10-12`, category: 'professional', days: 1, halfDays: 1 } as Activity,
      });
    if (year === last - 1 && personIndex % 2 === 0) {
      items.push({
        title: '核心期刊论文',
        activity: { kind: 'paper', date: `${year}-09-01`, authorRole: 'sole_or_first', domesticCN: true } as Activity,
      });
    }
    out.push({ year, items });
  }
  return out;
}

export async function seedDemoRecords(deps: ActivityDeps & BookDeps, now: Date): Promise<void> {
  // People in parallel, and each person's book computed once: start-up stays within seconds.
  await Promise.all(DEMO_PEOPLE.map((person, index) => seedPerson(deps, person, index, now)));
}

async function seedPerson(deps: ActivityDeps & BookDeps, person: (typeof DEMO_PEOPLE)[number], index: number, now: Date) {
  // A start interrupted part-way leaves the marker unwritten; people already done are not entered twice.
  if ((await deps.activities.listForPerson(person.id)).length > 0) return;
  const clerk: Principal = { userId: 'seed', name: '演示数据', role: 'unit_clerk', orgId: person.unitId, tenant: DEMO_TENANT };
  const reviewer: Principal = { ...clerk, role: 'unit_reviewer' };
  const years = yearsFor(person, index, now);
  const entries = years.flatMap((y) => y.items);
  // 张伟 2023: the same training entered twice, so the demo shows a probable duplicate.
  const dup = person.id === 'person-zhangwei' ? years.find((y) => y.year === 2023)?.items[1] : undefined;
  if (dup) entries.push(dup);
  const at = now.toISOString();
  for (const item of entries) {
    const record: ActivityRecord = {
      id: deps.newId(),
      personId: person.id,
      unitId: person.unitId,
      activity: { ...item.activity, title: item.title } as Activity,
      source: 'unit_entry',
      status: 'active',
      years: attributedYears(item.activity),
      version: 1,
      createdAt: at,
      createdBy: clerk.userId,
      updatedAt: at,
      updatedBy: clerk.userId,
    };
    await deps.activities.save(record, {
      audit: auditBy(deps, clerk, { entity: 'activity', entityId: record.id, action: 'create', to: 'active', after: record }),
      openYears: [],
    });
  }
  if (person.id === 'person-zhangwei') await seedOwnEntry(deps, person, now);
  await recomputeBooks(deps, person.id);
  // The oldest two years are signed off by the unit, as a running system would have them.
  for (const { year } of years.slice(0, 2)) {
    const book = await deps.books.get(person.id, year);
    if (book) await confirmYear(deps, reviewer, person.id, year, { version: book.version, reason: '演示数据：单位已确认' });
  }
}

/**
 * 张伟's own entry of this year, as he would add it in the site: pending, counting nothing until his
 * unit accepts it (rules §6), so the demo shows the unit's "待单位确认的本人填报".
 */
async function seedOwnEntry(deps: ActivityDeps, person: (typeof DEMO_PEOPLE)[number], now: Date) {
  const self: Principal = { userId: person.id, name: person.name, role: 'person', orgId: person.unitId, tenant: DEMO_TENANT };
  // Three weeks ago: a date that has happened, whatever day the demo starts.
  const date = new Date(now.getTime() - 21 * 86_400_000).toISOString().slice(0, 10);
  const activity = { kind: 'computer_exam', date, modules: 1, title: '本人填报：计算机应用能力考试' } as Activity;
  const at = now.toISOString();
  const record: ActivityRecord = {
    id: deps.newId(),
    personId: person.id,
    unitId: person.unitId,
    activity,
    source: 'person_entry',
    status: 'pending',
    years: attributedYears(activity),
    version: 1,
    createdAt: at,
    createdBy: self.userId,
    updatedAt: at,
    updatedBy: self.userId,
  };
  await deps.activities.save(record, {
    audit: auditBy(deps, self, { entity: 'activity', entityId: record.id, action: 'create', to: 'pending', after: record }),
    openYears: [],
  });
}
