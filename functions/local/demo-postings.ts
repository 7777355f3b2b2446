import type { CompletionRecord } from '../../shared/bases.js';
import type { AppDeps } from '../deps.js';
import { postCompletions } from '../use-cases/base-completions.js';
import type { BaseCaller } from '../use-cases/bases.js';
import { DEMO_BASE, DEMO_BASE_KEY } from './demo-data.js';

/**
 * The demo base's postings log, posted through the real use-case: a first batch with recorded,
 * pending (a confirmed year), failed-assessment, unmatched and rejected records, and a second batch
 * that reposts one of them (duplicate). Two small requests: start-up stays fast.
 */
export async function seedDemoPostings(deps: AppDeps, now: Date): Promise<void> {
  const caller: BaseCaller = { baseId: DEMO_BASE.id, baseName: DEMO_BASE.name, keyPrefix: DEMO_BASE_KEY.split('_')[1]! };
  const last = now.getUTCFullYear() - 1;
  const oldest = last - 4; // signed off by the unit in the demo records: this one waits as pending
  const training = (externalId: string, idNumber: string, name: string, year: number, extra: Partial<CompletionRecord> = {}) => ({
    externalId,
    idNumber,
    name,
    kind: 'training',
    courseTitle: '医学影像新技术高级研修班',
    category: 'professional',
    startDate: `${year}-11-18`,
    endDate: `${year}-11-20`,
    days: 3,
    assessment: 'passed',
    certificateNo: `DEMO-${externalId}`,
    ...extra,
  });
  const first = [
    training('DEMO-0001', '430102198503122013', '张伟', last),
    {
      ...training('DEMO-0002', '430104199001153028', '李娜', last),
      kind: 'online_course',
      days: undefined,
      hours: 12.5,
      courseTitle: '数字化建设与发展专题网课',
      category: 'public',
      theme: '数字化建设与发展',
    },
    training('DEMO-0003', '430102198503122013', '张伟', oldest),
    training('DEMO-0004', '430121198211034029', '王芳', last, { assessment: 'failed' }),
    // Not registered yet: waits as unmatched until a unit registers 430102199205061237.
    training('DEMO-0005', '430102199205061237', '周晓明', last),
    // 刘洋's ID under another name: unmatched like an unknown ID, flagged for the hr office to resolve.
    training('DEMO-0006', '430111198809202717', '刘阳', last),
    // A typo in the ID number: rejected on its own, the rest still land.
    training('DEMO-0007', '430111198809202718', '刘洋', last),
  ];
  await postCompletions(deps, caller, { idempotencyKey: 'demo-batch-1', body: { records: first } });
  await postCompletions(deps, caller, {
    idempotencyKey: 'demo-batch-2',
    body: { records: [first[0], training('DEMO-0008', '430111198809202717', '刘洋', last)] },
  });
}
