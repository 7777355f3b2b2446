import type { Activity } from '../../../../shared/hours/schemas.js';
import { KIND_LABELS } from '../../../../shared/hours/notes.js';

/** 「第2项 论文「…」」: how results and errors point back at a row of the list. */
export function activityName(index: number, activity: Activity | undefined): string {
  if (!activity) return `第${index + 1}项`;
  const title = activity.title?.trim();
  return `第${index + 1}项 ${KIND_LABELS[activity.kind]}${title ? `「${title}」` : ''}`;
}

/**
 * The engine names activities by id, or `#N` (0-based) when there is none (rules §7); the page shows
 * the row number the person sees instead.
 */
export function indexOfActivityId(activityId: string, activities: readonly Activity[]): number {
  const byId = activities.findIndex((a) => a.id === activityId);
  if (byId >= 0) return byId;
  const m = /^#(\d+)$/.exec(activityId);
  return m ? Number(m[1]) : -1;
}

export function nameOfActivityId(activityId: string, activities: readonly Activity[]): string {
  const index = indexOfActivityId(activityId, activities);
  return index >= 0 ? activityName(index, activities[index]) : activityId;
}

/** Engine messages mention `#N`; rewrite them to the 1-based row numbers of the list. */
export function withRowNumbers(message: string): string {
  return message.replace(/#(\d+)/g, (_, n: string) => `第${Number(n) + 1}项`);
}
