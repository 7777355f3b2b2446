import * as z from 'zod';
import { ComplianceYearSchema } from './aggregates.js';
import { OrganisationKindSchema } from './organisation.js';

/** The workbench's to-do cards (issue 14 item 2): the API counts them per role, the site labels and links them. */
export const WORKBENCH_CARDS = [
  'applications_draft',
  'applications_submitted',
  'applications_unit_approved',
  'applications_objection',
  'applications_notice_passed',
  'applications_dept_approved',
  'applications_filed',
  'notices_ending',
  'batches_submitted',
  'own_entries',
  'pending_records',
  'failed_imports',
  'shortfall',
] as const;
export type WorkbenchCard = (typeof WORKBENCH_CARDS)[number];

/** GET /v1/workbench: the role's to-do counts and this year's compliance of its organisation. */
export const WorkbenchSchema = z
  .object({
    year: z.int(),
    organisation: z.object({ id: z.string(), name: z.string(), kind: OrganisationKindSchema }),
    compliance: ComplianceYearSchema,
    cards: z.array(z.object({ card: z.enum(WORKBENCH_CARDS), count: z.int() })),
  })
  .meta({ id: 'Workbench' });
export type Workbench = z.infer<typeof WorkbenchSchema>;
