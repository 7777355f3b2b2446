import { nameSortKey } from '../../../shared/name-order.js';

/**
 * Keys of the single table (shared/contract.ts TABLE). Every access pattern is one function in the
 * repositories beside this file; this module only builds keys, purely.
 *
 * | entity        | PK                 | SK                | GSI1PK / GSI1SK | question it answers                      |
 * |---------------|--------------------|-------------------|-----------------|------------------------------------------|
 * | organisation  | ORG                | ORG#{id}          | ORGCHILDREN#{parentId} / {kind}#{name}#{id} | an organisation by id (Get/BatchGet, never the partition whole); the children of one, departments first |
 * | org below     | ORGUNDER#{ancestorId} | {path joined by /} | —            | a subtree, a page at a time in tree order (one item per proper ancestor: the tree is ≤ 4 deep) |
 * | org name      | ORGNAME#{first char} | {suffix of name}#{id} | —          | organisations whose name contains a text (one item per suffix, so "contains" is a prefix query; sharded by the suffix's first character) |
 * | org credit code | ORGCREDIT#{code} | ORGCREDIT         | —               | which organisation holds this 统一社会信用代码? (also keeps it unique) |
 * | local identity | LOCALUSER         | USER#{id}         | —               | the local OpenID provider's identities   |
 * | person        | PERSON#{id}        | PROFILE           | UNIT#{unitId} / PERSON#{nameSortKey(name)}#{id} | a person; the people of a unit, in pinyin order |
 * | unit history  | PERSON#{id}        | UNITHIST#{at}     | —               | which units has this person belonged to? |
 * | activity      | PERSON#{id}        | ACT#{activityId}  | GSI2 OWNENTRIES#{unitId} / {createdAt}#{personId}#{id} (a person's own entry, only while pending) | a person's activities (read all at once: a person has dozens); a unit's own entries to accept |
 * | evidence file | PERSON#{id}        | FILE#{fileId}     | —               | a file by the id in its S3 key; a person's files (dozens, read at once) |
 * | prior certificate | PERSON#{id}    | CERT#{number}     | —               | a person's 学时认定单 (a handful, read at every recompute) |
 * | certificate no. | CERTNO#{number}  | CERTNO            | —               | who holds this certificate number? (also keeps it unique) |
 * | paper year    | PERSON#{id}        | LEGACY#{year}     | —               | a person's paper-era yearly totals (read at every recompute) |
 * | import        | IMPORT#{id}        | STATUS            | IMPORTS#{orgId} / {createdAt}#{id} | an import's state and progress; an organisation's imports, newest first |
 * | export job    | EXPORT#{id}        | EXPORT            | ORGEXPORTS#{ownerOrgId} / {createdAt}#{id} | an export job's state and progress; an organisation's exports, newest first |
 * | import chunk  | IMPORT#{id}        | CHUNK#{index:5}   | —               | the validated rows of one chunk, for commit, resume and rollback |
 * | book          | PERSON#{id}        | BOOK#{year}       | UNITYEAR#{unitId}#{year} / {0|1}#{personId} | a person's years; a unit-year's people by compliance |
 * | aggregate     | AGG#{orgId}        | YEAR#{year} / PEOPLE | —             | an organisation's compliance counts per year and its people count, rolled up (read per organisation shown) |
 * | root shard    | AGG#{orgId}#S{n}   | YEAR#{year} / PEOPLE | —             | the hr office's share of the counts from the units hashed to shard n (summed on read) |
 * | audit event   | AUDIT#{entity}#{id}| {at}#{eventId}    | —               | the history of one entity, in time order |
 * | ID number     | IDNUMBER#{idNumber}| IDNUMBER          | —               | which person holds this resident ID? (also keeps it unique) |
 * | training base | BASE#{id}          | PROFILE           | —               | a registered base                         |
 * | base API key  | APIKEY#{prefix}    | KEY               | BASE#{id} / APIKEY#{prefix} | the key a request presents (by its visible prefix); a base's keys |
 * | account       | ACCOUNT#{id}       | ACCOUNT           | ORGACCOUNTS#{orgId} / {id} | an account we created; the accounts of an organisation |
 * | sign-in guard | ACCOUNTSIGNIN#{e-mail} | ACCOUNTSIGNIN | —               | one account per sign-in identity         |
 * | bound identity | ACCOUNTSUBJECT#{sub} | ACCOUNTSUBJECT | —              | which account has this provider identity? (read on every request; one account per identity) |
 * | invitation    | INVITATION#{sha256} | INVITATION       | —               | which account does this invitation code open? (the code itself is never stored) |
 * | application   | APP#{id}           | APP               | UNITAPPS#{unitId} / {createdAt}#{id}; GSI2 APPSTATE#{state} / {unitId}#{id}; GSI3 DEPTAPPS#{deptId}#{state} / {unitId}#{id} (routed through a department only) | an application; a unit's; the tenant's in one state; a department's in one state |
 * | app guard     | PERSON#{id}        | APPYEAR#{year}    | —               | does this person have a live application this year? |
 * | notice        | NOTICE#{id}        | NOTICE            | UNITNOTICES#{unitId} / {start}#{id}; GSI2 OPENNOTICES / {end}#{id} (open only) | a notice; a unit's; all open now |
 * | objection     | NOTICE#{id}        | OBJ#{objId}       | —               | a notice's objections                    |
 * | notice entry  | NOTICE#{id}        | ENTRY#{appId}     | —               | a notice's people and years as published (frozen) |
 * | batch         | BATCH#{id}         | BATCH             | DEPTBATCHES#{deptId} / {at}#{id}; GSI2 BATCHSTATE#{status} / {at}#{id} | a batch; a department's; the hr office's inbox |
 * | batch guard   | APP#{id}           | INBATCH           | —               | is this application in a batch already?  |
 * | certificate   | CERTIFICATE#{no}   | CERTIFICATE       | PERSONCERTS#{personId} / {no} | a certificate by number; a person's |
 * | cert counter  | COUNTER#CERT#{year} / COUNTER#CERTZ#{year} | COUNTER | — | the last serial issued in a year (gapless): 学时认定单 / 合格证明 |
 * | notice counter | COUNTER#NOTICE#{unitId}#{year} | COUNTER | — | the last 第N批 a unit numbered in a year (gapless) |
 * | filing exception | FILING          | EXCEPTION         | —               | is the hr office accepting filings outside the window? |
 * | yearly rules  | RULES              | CALENDAR#{year} / POLICY#{year} / TENANT | — | the official arrangements, year policies and tenant switches the hr office keeps (two items a year: read whole) |
 * | seed marker   | META               | SEED              | —               | has the local demo data been written?    |
 * | base by name  | BASE#{id}          | PROFILE           | BASES / {name}#{id} | every base of the tenant, by name (tens) |
 * | credit code   | BASECREDIT#{code}  | BASECREDIT        | —               | keeps a base's credit code unique in the tenant |
 * | posting       | BASEEXT#{baseId}#{externalId} | POSTING | BASEPOSTINGS#{baseId} / {postedAt}#{externalId}; GSI2 UNMATCHED#{idNumber} / {baseId}#{externalId} (only while unmatched) | is this externalId taken (forever)? a base's postings, newest first; a newly registered person's waiting records |
 * | submission    | BASE#{id}          | SUBMISSION#{at}#{id} | —            | a base's requests and their per-record results (the postings log) |
 * | idempotency   | IDEMPOTENCY#{baseId}#{key} | IDEMPOTENCY | —            | has this base sent this Idempotency-Key in the last 24 h? (TTL) |
 * | rate window   | RATE#{keyPrefix}#{windowStart} | RATE | —                | requests of one key in one minute (TTL)   |
 * | transfer req. | TRANSFER#{id}      | TRANSFER          | OPENTRANSFERS / {createdAt}#{id} (open only) | a clerk's registration of a person of another unit; the open ones |
 * | training filing | TFILING#{id}     | TFILING           | UNITTFILINGS#{unitId} / {filedAt}#{id}; GSI2 TFILINGINBOX#{orgId} / {status}#{filedAt}#{id} | a unit's filed training (W3); a unit's filings; a reviewer's inbox by status |
 * | attendee      | TFILING#{id}       | ATTENDEE#{personId} | —             | was this person credited for this training filing already? |
 */
function aggregatePk(orgId: string, shard?: number): string {
  return shard === undefined ? `AGG#${orgId}` : `AGG#${orgId}#S${shard}`;
}

export const keys = {
  organisation: (id: string) => ({ PK: 'ORG', SK: `ORG#${id}` }),
  organisationsPartition: () => 'ORG',
  organisationChild: (org: { parentId?: string; kind: string; name: string; id: string }) =>
    org.parentId ? { GSI1PK: `ORGCHILDREN#${org.parentId}`, GSI1SK: `${org.kind}#${org.name}#${org.id}` } : {},
  organisationChildrenPartition: (parentId: string) => `ORGCHILDREN#${parentId}`,
  organisationBelow: (ancestorId: string, path: readonly string[]) => ({ PK: `ORGUNDER#${ancestorId}`, SK: path.join('/') }),
  organisationsBelowPartition: (ancestorId: string) => `ORGUNDER#${ancestorId}`,
  // The suffix is lower-cased (Latin letters in names) and keyed by its first character, so a search
  // reads one small partition and the name index has no single hot key.
  organisationName: (suffix: string, id: string) => ({ PK: `ORGNAME#${Array.from(suffix)[0]}`, SK: `${suffix}#${id}` }),
  organisationNamePartition: (text: string) => `ORGNAME#${Array.from(text)[0]}`,
  organisationCreditCode: (code: string) => ({ PK: `ORGCREDIT#${code}`, SK: 'ORGCREDIT' }),
  localUser: (id: string) => ({ PK: 'LOCALUSER', SK: `USER#${id}` }),
  localUsersPartition: () => 'LOCALUSER',
  person: (id: string) => ({ PK: `PERSON#${id}`, SK: 'PROFILE' }),
  // The sort key, not the name itself: the index then lists a unit's people in pinyin order (issue 14).
  personByUnit: (unitId: string, name: string, personId: string) => ({
    GSI1PK: `UNIT#${unitId}`,
    GSI1SK: `PERSON#${nameSortKey(name)}#${personId}`,
  }),
  unitPeoplePartition: (unitId: string) => `UNIT#${unitId}`,
  unitHistory: (personId: string, at: string) => ({ PK: `PERSON#${personId}`, SK: `UNITHIST#${at}` }),
  personPartition: (personId: string) => `PERSON#${personId}`,
  activity: (personId: string, activityId: string) => ({ PK: `PERSON#${personId}`, SK: `ACT#${activityId}` }),
  ownEntriesPartition: (unitId: string) => `OWNENTRIES#${unitId}`,
  evidenceFile: (personId: string, fileId: string) => ({ PK: `PERSON#${personId}`, SK: `FILE#${fileId}` }),
  book: (personId: string, year: number) => ({ PK: `PERSON#${personId}`, SK: `BOOK#${year}` }),
  bookByUnitYear: (unitId: string, year: number, compliant: boolean, personId: string) => ({
    GSI1PK: `UNITYEAR#${unitId}#${year}`,
    GSI1SK: `${compliant ? 1 : 0}#${personId}`,
  }),
  unitYearPartition: (unitId: string, year: number) => `UNITYEAR#${unitId}#${year}`,
  // `shard`: the hr office's counters live in ROOT_COUNTER_SHARDS partitions of their own (shared/aggregates.ts),
  // so the city's writes spread over that many partitions; the unsharded partition still holds corrections.
  aggregateYear: (orgId: string, year: number, shard?: number) => ({ PK: aggregatePk(orgId, shard), SK: `YEAR#${year}` }),
  aggregatePeople: (orgId: string, shard?: number) => ({ PK: aggregatePk(orgId, shard), SK: 'PEOPLE' }),
  aggregatePartition: (orgId: string, shard?: number) => aggregatePk(orgId, shard),
  audit: (entity: string, entityId: string, at: string, eventId: string) => ({
    PK: `AUDIT#${entity}#${entityId}`,
    SK: `${at}#${eventId}`,
  }),
  auditPartition: (entity: string, entityId: string) => `AUDIT#${entity}#${entityId}`,
  idNumber: (idNumber: string) => ({ PK: `IDNUMBER#${idNumber}`, SK: 'IDNUMBER' }),
  base: (id: string) => ({ PK: `BASE#${id}`, SK: 'PROFILE' }),
  apiKey: (prefix: string) => ({ PK: `APIKEY#${prefix}`, SK: 'KEY' }),
  apiKeyByBase: (baseId: string, prefix: string) => ({ GSI1PK: `BASE#${baseId}`, GSI1SK: `APIKEY#${prefix}` }),
  account: (id: string) => ({ PK: `ACCOUNT#${id}`, SK: 'ACCOUNT' }),
  accountByOrg: (orgId: string, id: string) => ({ GSI1PK: `ORGACCOUNTS#${orgId}`, GSI1SK: id }),
  /** Keeps a sign-in identity (e-mail) to one account across the directory. */
  accountSignIn: (email: string) => ({ PK: `ACCOUNTSIGNIN#${email}`, SK: 'ACCOUNTSIGNIN' }),
  /** The provider subject bound to an account at its first sign-in. */
  accountSubject: (subject: string) => ({ PK: `ACCOUNTSUBJECT#${subject}`, SK: 'ACCOUNTSUBJECT' }),
  /** An invitation by the SHA-256 of its code. */
  invitation: (codeHash: string) => ({ PK: `INVITATION#${codeHash}`, SK: 'INVITATION' }),
  priorCertificate: (personId: string, number: string) => ({ PK: `PERSON#${personId}`, SK: `CERT#${number}` }),
  certificateNumber: (number: string) => ({ PK: `CERTNO#${number}`, SK: 'CERTNO' }),
  legacyYear: (personId: string, year: number) => ({ PK: `PERSON#${personId}`, SK: `LEGACY#${year}` }),
  importStatus: (id: string) => ({ PK: `IMPORT#${id}`, SK: 'STATUS' }),
  importByOrg: (orgId: string, createdAt: string, id: string) => ({ GSI1PK: `IMPORTS#${orgId}`, GSI1SK: `${createdAt}#${id}` }),
  importsOfOrgPartition: (orgId: string) => `IMPORTS#${orgId}`,
  exportJob: (id: string) => ({ PK: `EXPORT#${id}`, SK: 'EXPORT' }),
  exportByOrg: (orgId: string, createdAt: string, id: string) => ({ GSI1PK: `ORGEXPORTS#${orgId}`, GSI1SK: `${createdAt}#${id}` }),
  exportsOfOrgPartition: (orgId: string) => `ORGEXPORTS#${orgId}`,
  // Zero-padded so chunks sort in order (at most 10,000 rows: far fewer than 100,000 chunks).
  importChunk: (id: string, index: number) => ({ PK: `IMPORT#${id}`, SK: `CHUNK#${String(index).padStart(5, '0')}` }),
  application: (id: string) => ({ PK: `APP#${id}`, SK: 'APP' }),
  applicationIndexes: (app: { id: string; unitId: string; state: string; createdAt: string; route: { departmentId?: string } }) => ({
    GSI1PK: `UNITAPPS#${app.unitId}`,
    GSI1SK: `${app.createdAt}#${app.id}`,
    GSI2PK: `APPSTATE#${app.state}`,
    GSI2SK: `${app.unitId}#${app.id}`,
    // The department that re-reviews it (its route's): a department's inbox reads its own partition,
    // never the city's applications in that state.
    ...(app.route.departmentId ? { GSI3PK: `DEPTAPPS#${app.route.departmentId}#${app.state}`, GSI3SK: `${app.unitId}#${app.id}` } : {}),
  }),
  departmentApplicationsPartition: (departmentId: string, state: string) => `DEPTAPPS#${departmentId}#${state}`,
  unitApplicationsPartition: (unitId: string) => `UNITAPPS#${unitId}`,
  applicationStatePartition: (state: string) => `APPSTATE#${state}`,
  applicationGuard: (personId: string, year: number) => ({ PK: `PERSON#${personId}`, SK: `APPYEAR#${year}` }),
  notice: (id: string) => ({ PK: `NOTICE#${id}`, SK: 'NOTICE' }),
  noticeByUnit: (unitId: string, startDate: string, id: string) => ({ GSI1PK: `UNITNOTICES#${unitId}`, GSI1SK: `${startDate}#${id}` }),
  unitNoticesPartition: (unitId: string) => `UNITNOTICES#${unitId}`,
  openNotice: (endDate: string, id: string) => ({ GSI2PK: 'OPENNOTICES', GSI2SK: `${endDate}#${id}` }),
  openNoticesPartition: () => 'OPENNOTICES',
  objection: (noticeId: string, id: string) => ({ PK: `NOTICE#${noticeId}`, SK: `OBJ#${id}` }),
  noticeEntry: (noticeId: string, applicationId: string) => ({ PK: `NOTICE#${noticeId}`, SK: `ENTRY#${applicationId}` }),
  batch: (id: string) => ({ PK: `BATCH#${id}`, SK: 'BATCH' }),
  batchByDepartment: (deptId: string, at: string, id: string) => ({ GSI1PK: `DEPTBATCHES#${deptId}`, GSI1SK: `${at}#${id}` }),
  departmentBatchesPartition: (deptId: string) => `DEPTBATCHES#${deptId}`,
  batchByState: (status: string, at: string, id: string) => ({ GSI2PK: `BATCHSTATE#${status}`, GSI2SK: `${at}#${id}` }),
  batchStatePartition: (status: string) => `BATCHSTATE#${status}`,
  batchGuard: (applicationId: string) => ({ PK: `APP#${applicationId}`, SK: 'INBATCH' }),
  certificate: (number: string) => ({ PK: `CERTIFICATE#${number}`, SK: 'CERTIFICATE' }),
  certificateByPerson: (personId: string, number: string) => ({ GSI1PK: `PERSONCERTS#${personId}`, GSI1SK: number }),
  /** The 学时认定单's counter keeps its key; the 合格证明 (mid_level) counts on its own. */
  certificateCounter: (year: number, kind: 'senior' | 'mid_level' = 'senior') => ({
    PK: kind === 'mid_level' ? `COUNTER#CERTZ#${year}` : `COUNTER#CERT#${year}`,
    SK: 'COUNTER',
  }),
  noticeCounter: (unitId: string, year: number) => ({ PK: `COUNTER#NOTICE#${unitId}#${year}`, SK: 'COUNTER' }),
  filingException: () => ({ PK: 'FILING', SK: 'EXCEPTION' }),
  calendarYear: (year: number) => ({ PK: 'RULES', SK: `CALENDAR#${year}` }),
  yearPolicy: (year: number) => ({ PK: 'RULES', SK: `POLICY#${year}` }),
  tenantPolicy: () => ({ PK: 'RULES', SK: 'TENANT' }),
  rulesPartition: () => 'RULES',
  seedMarker: () => ({ PK: 'META', SK: 'SEED' }),
  baseByName: (name: string, id: string) => ({ GSI1PK: 'BASES', GSI1SK: `${name}#${id}` }),
  basesPartition: () => 'BASES',
  baseCreditCode: (creditCode: string) => ({ PK: `BASECREDIT#${creditCode}`, SK: 'BASECREDIT' }),
  apiKeysOfBase: (baseId: string) => `BASE#${baseId}`,
  // One item per (base, externalId), keyed by both: its conditional put is what makes the pair unique forever.
  posting: (baseId: string, externalId: string) => ({ PK: `BASEEXT#${baseId}#${externalId}`, SK: 'POSTING' }),
  postingByBase: (baseId: string, postedAt: string, externalId: string) => ({
    GSI1PK: `BASEPOSTINGS#${baseId}`,
    GSI1SK: `${postedAt}#${externalId}`,
  }),
  postingsPartition: (baseId: string) => `BASEPOSTINGS#${baseId}`,
  unmatchedByIdNumber: (idNumber: string, baseId: string, externalId: string) => ({
    GSI2PK: `UNMATCHED#${idNumber}`,
    GSI2SK: `${baseId}#${externalId}`,
  }),
  unmatchedPartition: (idNumber: string) => `UNMATCHED#${idNumber}`,
  submission: (baseId: string, at: string, id: string) => ({ PK: `BASE#${baseId}`, SK: `SUBMISSION#${at}#${id}` }),
  idempotency: (baseId: string, key: string) => ({ PK: `IDEMPOTENCY#${baseId}#${key}`, SK: 'IDEMPOTENCY' }),
  rateWindow: (bucket: string, windowStart: number) => ({ PK: `RATE#${bucket}#${windowStart}`, SK: 'RATE' }),
  transferRequest: (id: string) => ({ PK: `TRANSFER#${id}`, SK: 'TRANSFER' }),
  openTransferRequest: (createdAt: string, id: string) => ({ GSI1PK: 'OPENTRANSFERS', GSI1SK: `${createdAt}#${id}` }),
  trainingFiling: (id: string) => ({ PK: `TFILING#${id}`, SK: 'TFILING' }),
  trainingFilingByUnit: (unitId: string, filedAt: string, id: string) => ({ GSI1PK: `UNITTFILINGS#${unitId}`, GSI1SK: `${filedAt}#${id}` }),
  unitTrainingFilingsPartition: (unitId: string) => `UNITTFILINGS#${unitId}`,
  trainingFilingInbox: (orgId: string, status: string, filedAt: string, id: string) => ({
    GSI2PK: `TFILINGINBOX#${orgId}`,
    GSI2SK: `${status}#${filedAt}#${id}`,
  }),
  trainingFilingInboxPartition: (orgId: string) => `TFILINGINBOX#${orgId}`,
  trainingFilingAttendee: (filingId: string, personId: string) => ({ PK: `TFILING#${filingId}`, SK: `ATTENDEE#${personId}` }),
};
