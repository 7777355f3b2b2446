import type { Organisation } from '../../shared/organisation.js';

export interface OrganisationRepository {
  listAll(): Promise<Organisation[]>;
  put(org: Organisation): Promise<void>;
}
