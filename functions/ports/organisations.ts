import type { Organisation, OrganisationKind } from '../../shared/organisation.js';
import type { Page } from './records.js';

/**
 * The tenant's organisation tree, read an item or a page at a time: a city holds tens of thousands of
 * organisations, so no request reads the tree whole (issue 19). Every question is one access pattern.
 */
export interface OrganisationRepository {
  /** One organisation by id. */
  get(id: string): Promise<Organisation | undefined>;
  /** Organisations by id (BatchGet); unknown ids are left out. */
  getMany(ids: string[]): Promise<Organisation[]>;
  /** The organisations directly under `parentId`, departments first, then by name. */
  listChildren(parentId: string, page: { limit: number; cursor?: string }): Promise<Page<Organisation>>;
  /** Everything below `ancestorId` (not itself), in tree order (by path): a whole subtree, a page at a time. */
  listBelow(ancestorId: string, page: { limit: number; cursor?: string }): Promise<Page<Organisation>>;
  /**
   * Organisations whose name contains `text`, optionally only those below `withinId` (or it itself)
   * and of one kind; at most `limit` a page. Answered from a name index, never by reading the tree.
   */
  searchByName(
    text: string,
    filter: { withinId?: string; kind?: OrganisationKind; limit: number; cursor?: string },
  ): Promise<Page<Organisation>>;
  /** The organisations named exactly `name` (names are unique in a tenant, so at most a few). */
  findByName(name: string): Promise<Organisation[]>;
  /** The organisation holding this 统一社会信用代码, if any. */
  findByCreditCode(creditCode: string): Promise<Organisation | undefined>;
  /** Writes an organisation with its indexes (children, ancestors, name, credit code) in one transaction. */
  put(org: Organisation): Promise<void>;
}
