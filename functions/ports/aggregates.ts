import type { Organisation } from '../../shared/organisation.js';
import type { YearCounters } from '../../shared/aggregates.js';

/** An organisation's stored counts: its people and, per year, its books by standing (shared/aggregates.ts). */
export interface StoredAggregates {
  orgId: string;
  people: number;
  years: Map<number, YearCounters>;
}

/**
 * The maintained compliance counts. They are written with the books and people themselves (book and
 * person repositories, in the same transaction); this port reads them and corrects drift.
 */
export interface AggregateRepository {
  /**
   * Every year's counts of one organisation: a few items, whatever its size. The path tells the tenant
   * root (path of one), whose counts are sharded and summed here.
   */
  forOrganisation(org: Pick<Organisation, 'id' | 'path'>): Promise<StoredAggregates>;
  /** Adds the differences a reconciliation found (people per organisation; per year, counters per organisation). */
  adjust(people: Map<string, number>, years: Map<number, Map<string, YearCounters>>): Promise<void>;
}
