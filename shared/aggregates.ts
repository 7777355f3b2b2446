import * as z from 'zod';
import type { YearResult } from './hours/schemas.js';
import { OrganisationKindSchema } from './organisation.js';

/**
 * Compliance as maintained counts (issue 19): per organisation and year, kept current with every
 * write of a registration book and rolled up to every ancestor, so the dashboard and the workbench
 * read a few items per organisation shown, never the people.
 *
 * Definitions (the same words are on the dashboard):
 * - 人员 `people`: people registered in the organisation now (a unit's, or every unit's under it).
 * - 达标 `compliant`: their book for the year is compliant (≥ the year's required hours, or deemed complete).
 * - 未达标 `short`: their book has counted items but is not compliant.
 * - 无学时记录 `noRecord`: the rest — no book that year, or a book with nothing counted (the same
 *   "无学时记录" the year's page shows). So 人员 = 达标 + 未达标 + 无学时记录, always.
 * - 有待处理记录 `pending`: books with items waiting for a confirmed year (counted among the above too).
 */

/** How one book counts: its standing and whether items wait for it. */
export type BookStanding = 'compliant' | 'short' | 'empty';

export function bookStanding(result: Pick<YearResult, 'compliant' | 'deemedComplete' | 'items'>): BookStanding {
  if (result.compliant) return 'compliant';
  // The year page's own test for "无学时记录" (web/src/features/people/year-book.tsx).
  return result.items.length === 0 && !result.deemedComplete ? 'empty' : 'short';
}

/** What a book is counted as: under which organisations (the unit's path), with which standing. */
export interface Counted {
  path: string[];
  standing: BookStanding;
  pending: boolean;
}

/** The counted state as one string, kept on the book: a write is conditional on the value it read. */
export function countedKey(c: Counted): string {
  return `${c.standing}|${c.pending ? 1 : 0}|${c.path.join('/')}`;
}

export function parseCountedKey(key: string): Counted | undefined {
  const [standing, pending, path] = key.split('|');
  if (standing !== 'compliant' && standing !== 'short' && standing !== 'empty') return undefined;
  if (!path) return undefined;
  return { standing, pending: pending === '1', path: path.split('/') };
}

/** The counters of one organisation-year that one book contributes to. */
export interface YearCounters {
  compliant: number;
  short: number;
  empty: number;
  pending: number;
}

export const ZERO_COUNTERS: YearCounters = { compliant: 0, short: 0, empty: 0, pending: 0 };

function contribution(c: Counted): YearCounters {
  return { ...ZERO_COUNTERS, [c.standing]: 1, pending: c.pending ? 1 : 0 };
}

/**
 * The tenant root's (the hr office's) counters take a write from every book and person change in the
 * city, so they are split over this many shards, each unit always writing the same one (by a hash of
 * its id) and the reader summing them: no single item takes the city's writes, and concurrent
 * transactions from different units rarely touch the same counter item. Arithmetic: docs/deploy.md §10b.
 * Departments and units are not sharded: their writes are their own units' share.
 */
export const ROOT_COUNTER_SHARDS = 8;

/** The shard a unit's writes to the root's counters go to: FNV-1a of its id, stable across releases. */
export function counterShard(unitId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < unitId.length; i++) {
    h ^= unitId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % ROOT_COUNTER_SHARDS;
}

/**
 * Where one organisation's share of a change is counted: the organisation's own counters, or, for the
 * root of a longer path, the root's shard of the path's unit. Encoded as the delta map's key.
 */
function counterKey(path: string[], i: number): string {
  const orgId = path[i]!;
  return i === 0 && path.length > 1 ? `${orgId}${SHARD_MARK}${counterShard(path[path.length - 1]!)}` : orgId;
}

// A character no organisation id holds, so a key never reads back as another organisation's.
const SHARD_MARK = '\u0001';

/** Reads a delta map's key back: the organisation and, for the root's counters, the shard. */
export function counterTarget(key: string): { orgId: string; shard?: number } {
  const at = key.lastIndexOf(SHARD_MARK);
  if (at < 0) return { orgId: key };
  return { orgId: key.slice(0, at), shard: Number(key.slice(at + SHARD_MARK.length)) };
}

/**
 * The change to each organisation's counters when a book goes from `before` to `after` (either may be
 * absent): −1 under the old path, +1 under the new. Organisations on both paths net out, so a transfer
 * between two units of one department leaves the department as it was.
 */
export function counterDeltas(before: Counted | undefined, after: Counted | undefined): Map<string, YearCounters> {
  const out = new Map<string, YearCounters>();
  const add = (c: Counted, sign: 1 | -1) => {
    const part = contribution(c);
    for (let i = 0; i < c.path.length; i++) {
      const key = counterKey(c.path, i);
      const cur = out.get(key) ?? { ...ZERO_COUNTERS };
      out.set(key, {
        compliant: cur.compliant + sign * part.compliant,
        short: cur.short + sign * part.short,
        empty: cur.empty + sign * part.empty,
        pending: cur.pending + sign * part.pending,
      });
    }
  };
  if (before) add(before, -1);
  if (after) add(after, 1);
  for (const [orgId, d] of out) if (!d.compliant && !d.short && !d.empty && !d.pending) out.delete(orgId);
  return out;
}

/** People moving in (+1) or out (−1) of a unit change every organisation on its path (the root's shard of the unit). */
export function peopleDeltas(moves: { path: string[]; delta: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of moves) {
    for (let i = 0; i < m.path.length; i++) {
      const key = counterKey(m.path, i);
      out.set(key, (out.get(key) ?? 0) + m.delta);
    }
  }
  for (const [orgId, d] of out) if (d === 0) out.delete(orgId);
  return out;
}

export const ComplianceYearSchema = z
  .object({
    year: z.int(),
    people: z.int().meta({ description: '人员：目前登记在本组织（含下级单位）的专技人员' }),
    withBook: z.int().meta({ description: '有该年度登记手册的人数（含无计入学时项目的空手册）' }),
    compliant: z.int().meta({ description: '达标：该年度学时达到要求（或视同完成）' }),
    short: z.int().meta({ description: '未达标：有计入学时的项目但未达到要求' }),
    noRecord: z.int().meta({ description: '无学时记录：该年度没有登记手册，或手册中没有计入学时的项目' }),
    pending: z.int().meta({ description: '有待处理记录（年度确认后收到的记录）的人数' }),
    rate: z.number().nullable().meta({ description: '达标率：达标人数 ÷ 人员（0–1）；无人员时为 null' }),
  })
  .meta({ id: 'ComplianceYear' });
export type ComplianceYear = z.infer<typeof ComplianceYearSchema>;

/** An organisation's yearly counts as the dashboard reads them (GET /v1/statistics/compliance). */
export const OrganisationComplianceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: OrganisationKindSchema,
    people: z.int().meta({ description: '目前登记在本组织（含下级单位）的专技人员（各年度数字都以此为准）' }),
    years: z.array(ComplianceYearSchema),
  })
  .meta({ id: 'OrganisationCompliance' });
export type OrganisationCompliance = z.infer<typeof OrganisationComplianceSchema>;

/** A year's figures from the stored counters and the people count: the three parts always add up to 人员. */
export function complianceYear(year: number, people: number, c: YearCounters): ComplianceYear {
  const compliant = Math.max(0, c.compliant);
  const short = Math.max(0, c.short);
  // Transiently negative only between a person's move and their books' move (see docs/decisions.md).
  const noRecord = Math.max(0, people - compliant - short);
  return {
    year,
    people,
    withBook: Math.max(0, c.compliant + c.short + c.empty),
    compliant,
    short,
    noRecord,
    pending: Math.max(0, c.pending),
    rate: people > 0 ? Math.min(1, compliant / people) : null,
  };
}
