import type { ApplicationState } from '../../shared/workflow.js';

/**
 * The workbench's to-do counts (issue 14 item 2), each one bounded query on an index that already
 * holds exactly that work (a state, a unit's waiting entries, an organisation's imports) — never a
 * read of the people or a scan.
 */
export interface WorkbenchCounts {
  /** Applications in a state, of the given units (all of the tenant when omitted). */
  applicationsInState(state: ApplicationState, unitIds?: readonly string[]): Promise<number>;
  /** A unit's own entries (by its people) waiting to be accepted. */
  pendingOwnEntries(unitId: string): Promise<number>;
  /** Department batches waiting for the hr office. */
  submittedBatches(): Promise<number>;
  /** An organisation's imports that failed and wait to be resumed or rolled back. */
  failedImports(orgId: string): Promise<number>;
  /** A unit's open notices ending on or before a China date (a unit's own notices, not the city's open ones). */
  openNoticesEndingBy(unitId: string, endDate: string): Promise<number>;
}
