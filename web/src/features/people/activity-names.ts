import { KIND_LABELS } from '../../../../shared/hours/notes.js';
import type { HoursItem } from '../../../../shared/hours/schemas.js';
import { activityLabel, type ActivityRecord } from '../../../../shared/records.js';

export { activityLabel };

/**
 * Engine results name activities by their record id; people know them by kind and title. Items of a
 * prior certificate or a paper-era year carry no record and are named by their kind.
 */
export function createActivityNamer(records: readonly Pick<ActivityRecord, 'id' | 'activity'>[]) {
  const labels = records.map((r) => activityLabel(r));
  // Probable duplicates share kind and title by definition: their record number tells them apart.
  const names = new Map(
    records.map((r, i) => [
      r.id,
      labels.indexOf(labels[i]!) === labels.lastIndexOf(labels[i]!) ? labels[i]! : `${labels[i]}（记录${r.id.slice(0, 6)}）`,
    ]),
  );
  const name = (activityId: string, item?: Pick<HoursItem, 'kind'>): string => {
    const known = names.get(activityId);
    if (known) return known;
    if (item?.kind === 'prior_certificate') return `学时认定单 ${activityId}`;
    return activityId;
  };
  /** Rewrites the ids inside an engine message (warnings, rejections) as names. */
  const rewrite = (message: string): string => {
    let out = message;
    for (const [id, label] of names) if (out.includes(id)) out = out.split(id).join(label);
    return out;
  };
  return { name, rewrite };
}
export type ActivityNamer = ReturnType<typeof createActivityNamer>;
