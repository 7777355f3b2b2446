import dayjs, { type Dayjs } from 'dayjs';
import type * as z from 'zod';
import { ActivitySchema, type Activity, type ActivityKind } from '../../../../shared/hours/schemas.js';
import { isC1Kind } from './labels.js';

/**
 * The form's values while an activity is being entered. Dates are dayjs (the date picker's type),
 * booleans are 'yes' | 'no' radio choices, so "not chosen yet" stays distinguishable from "no".
 */
export interface ActivityDraft {
  kind?: ActivityKind;
  title?: string;
  provider?: string;
  date?: Dayjs | null;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  category?: 'public' | 'professional';
  theme?: string;
  days?: number | null;
  halfDays?: number | null;
  evenings?: number | null;
  hours?: number | null;
  sponsor?: string;
  role?: string;
  authorRole?: string;
  domesticCN?: YesNo;
  patentType?: string;
  inventorRole?: string;
  level?: string;
  rank?: number | null;
  modules?: number | null;
  assessmentPassed?: YesNo;
  provincialOrAbove?: YesNo;
  coursesPassed?: number | null;
  subjectsPassed?: number | null;
}
export type YesNo = 'yes' | 'no';
export type DraftField = Exclude<keyof ActivityDraft, 'kind'>;

const COMMON: DraftField[] = ['title', 'provider'];

/** The fields each kind asks for (rules §7), in form order; the form renders exactly these. */
export function fieldsOf(kind: ActivityKind): DraftField[] {
  if (isC1Kind(kind)) return ['date', 'category', 'theme', 'days', 'halfDays', 'evenings', ...COMMON];
  switch (kind) {
    case 'online_course':
      return ['date', 'category', 'theme', 'hours', ...COMMON];
    case 'research_project':
      return ['date', 'sponsor', 'role', ...COMMON];
    case 'book':
      return ['date', 'authorRole', ...COMMON];
    case 'paper':
      return ['date', 'authorRole', 'domesticCN', ...COMMON];
    case 'patent':
      return ['date', 'patentType', 'inventorRole', ...COMMON];
    case 'award':
      return ['date', 'level', 'rank', ...COMMON];
    case 'computer_exam':
      return ['date', 'modules', ...COMMON];
    case 'aid_assignment':
      return ['startDate', 'endDate', 'assessmentPassed', 'provincialOrAbove', ...COMMON];
    case 'degree_course':
      return ['date', 'coursesPassed', ...COMMON];
    case 'qualification_exam':
      return ['date', 'subjectsPassed', ...COMMON];
    default:
      return COMMON;
  }
}

const DATE_FIELDS = new Set<DraftField>(['date', 'startDate', 'endDate']);
const YES_NO_FIELDS = new Set<DraftField>(['domesticCN', 'assessmentPassed', 'provincialOrAbove']);

/** Draft → the JSON the API takes: only this kind's fields, empty ones left out. */
function toCandidate(draft: ActivityDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: draft.kind };
  if (!draft.kind) return out;
  for (const field of fieldsOf(draft.kind)) {
    const value = draft[field];
    if (value === undefined || value === null) continue;
    if (DATE_FIELDS.has(field)) out[field] = (value as Dayjs).format('YYYY-MM-DD');
    else if (YES_NO_FIELDS.has(field)) out[field] = value === 'yes';
    else if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed) out[field] = trimmed;
    } else out[field] = value;
  }
  // A theme only means something for a public item (rules §3 R2).
  if (out.category !== 'public') delete out.theme;
  return out;
}

/** Checks a draft against the shared contract: the browser refuses what the API would refuse. */
export function parseDraft(
  draft: ActivityDraft,
): { ok: true; activity: Activity } | { ok: false; issues: readonly z.core.$ZodIssue[]; candidate: unknown } {
  const candidate = toCandidate(draft);
  const parsed = ActivitySchema.safeParse(candidate);
  return parsed.success ? { ok: true, activity: parsed.data } : { ok: false, issues: parsed.error.issues, candidate };
}

/** Activity → draft, to edit a row of the list. */
export function toDraft(activity: Activity): ActivityDraft {
  const draft: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(activity)) {
    if (value === undefined) continue;
    if (DATE_FIELDS.has(key as DraftField)) draft[key] = dayjs(value as string);
    else if (YES_NO_FIELDS.has(key as DraftField)) draft[key] = value ? 'yes' : 'no';
    else draft[key] = value;
  }
  return draft as ActivityDraft;
}
