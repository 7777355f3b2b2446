import type { Application } from '../../../../shared/applications.js';
import { APPLICATION_STATES, type ApplicationState } from '../../../../shared/workflow.js';
import { certificationApi, type ApplicationsQuery } from '../../api/endpoints.js';

/** Pages of 200 followed up to this many items per query; beyond it the counts say “at least”. */
export const LOAD_CAP = 1000;

export interface ApplicationSet {
  items: Application[];
  /** States whose list stopped at the cap (their count is a lower bound). */
  truncated: ApplicationState[];
}

async function loadAll(query: ApplicationsQuery): Promise<{ items: Application[]; truncated: boolean }> {
  const items: Application[] = [];
  let cursor: string | undefined;
  do {
    const page = await certificationApi.applications({ ...query, cursor, limit: 200 });
    items.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor && items.length < LOAD_CAP);
  return { items, truncated: cursor !== undefined };
}

/**
 * The applications an inbox counts and filters: one unit's (a unit's own staff, or a chosen unit),
 * or — for a department, the hr office and auditors without a unit chosen — every state's list,
 * which the API scopes to the organisations under the user.
 */
export async function loadApplicationSet(unitId: string | undefined): Promise<ApplicationSet> {
  if (unitId) {
    const { items, truncated } = await loadAll({ unitId });
    return { items, truncated: truncated ? [...APPLICATION_STATES] : [] };
  }
  const lists = await Promise.all(APPLICATION_STATES.map((state) => loadAll({ state })));
  return {
    items: lists.flatMap((l) => l.items),
    truncated: APPLICATION_STATES.filter((_, i) => lists[i]!.truncated),
  };
}

export interface ItemResult {
  id: string;
  name: string;
  outcome: 'success' | 'conflict' | 'error';
  message: string;
}

/**
 * Runs `step` for each application, a few at a time, and reports each one on its own: 成功, 冲突
 * (409: someone else moved it first) or the error's reason. One failure never stops the rest.
 */
export async function runForEach<T extends Pick<Application, 'id' | 'personName'>>(
  apps: readonly T[],
  step: (app: T) => Promise<unknown>,
  describe: (err: unknown) => { conflict: boolean; message: string },
  concurrency = 4,
): Promise<ItemResult[]> {
  const results: ItemResult[] = new Array(apps.length);
  let next = 0;
  const worker = async () => {
    while (next < apps.length) {
      const i = next++;
      const app = apps[i]!;
      try {
        await step(app);
        results[i] = { id: app.id, name: app.personName, outcome: 'success', message: '成功' };
      } catch (err) {
        const { conflict, message } = describe(err);
        results[i] = { id: app.id, name: app.personName, outcome: conflict ? 'conflict' : 'error', message };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, apps.length) }, worker));
  return results;
}
