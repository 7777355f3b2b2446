import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { ContactSchema, objectionReceiptNo } from '../../../shared/contact.js';
import { noticeYear, type Application, type Notice, type NoticeEntry, type Objection } from '../../../shared/applications.js';
import { chinaDateOf, isNoticeOpen, noticeClosesAt } from '../../../shared/calendar.js';
import { noticeEndDate } from '../../../shared/working-days.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from '../../../shared/errors.js';
import { IsoDateSchema } from '../../../shared/iso-date.js';
import { maskResidentId } from '../../../shared/mask.js';
import type { Principal } from '../../auth/principal.js';
import type { ApplicationChange } from '../../ports/certification.js';
import { auditBy } from '../audit-event.js';
import { loadWorkingCalendar } from '../rules.js';
import { assertUnitInScope, loadScope, visibleOrganisation } from '../scope.js';
import { ReasonsSchema, assertVersion, planTransition, type CertificationDeps } from './context.js';

/**
 * A notice holds at most this many applications: its publication is one transaction of at most 100
 * items (3 each: the application, its audit event and its frozen entry; plus the notice, its event and
 * the unit's notice counter).
 */
export const MAX_NOTICE_APPLICATIONS = 32;
export const NOTICE_WORKING_DAYS = 5;

export const NewNoticeSchema = z
  .object({
    // Ids become DynamoDB keys (at most 1,024 bytes): bounded like the ids in paths.
    applicationIds: z.array(z.string().min(1).max(100)).min(1, '请选择要公示的申请').max(MAX_NOTICE_APPLICATIONS),
    startDate: IsoDateSchema,
    contact: z.string().trim().min(2, '请填写异议受理联系方式').max(200),
    title: z.string().trim().max(100).optional(),
    reasons: ReasonsSchema.optional(),
  })
  .meta({ id: 'NewNotice' });

/**
 * The unit reviewer publishes its own notice (在本单位公示) for approved applications. It lasts at
 * least five working days by the official calendar (rules §5); it cannot start in the past.
 */
export async function publishNotice(deps: CertificationDeps, principal: Principal, input: z.infer<typeof NewNoticeSchema>) {
  if (principal.role !== 'unit_reviewer') throw new ForbiddenError('role_not_allowed', '只有单位审核人可以发布公示');
  const scope = await loadScope(deps, principal);
  const unit = await assertUnitInScope(scope, scope.own.id);
  const today = chinaDateOf(deps.clock());
  if (input.startDate < today) {
    throw new ValidationError('start_in_past', '公示开始日期不能早于今天', [{ path: 'startDate', message: '不能早于今天' }]);
  }
  const ids = [...new Set(input.applicationIds)];
  const apps = await Promise.all(ids.map((id) => deps.certification.getApplication(id)));
  // The calendar in force now: a later correction of a year's arrangement never moves a published notice.
  const end = noticeEndDate(input.startDate, NOTICE_WORKING_DAYS, await loadWorkingCalendar(deps));
  const id = deps.newId();
  const changes = apps.map((app, i) => {
    if (!app || app.unitId !== unit.id) throw new NotFoundError('application_not_found', `申请 ${ids[i]} 不存在或不属于本单位`);
    return planTransition(deps, principal, app, 'publish', { extra: { noticeId: id }, reason: input.reasons?.[app.id] });
  });
  // Written in the publishing transaction from the very versions it moves, so the copy is exactly
  // what was published; the version conditions refuse it if any application changed meanwhile.
  const entries = changes.map(({ app }) => noticeEntryOf(id, app));
  const year = noticeYear({ startDate: input.startDate });
  for (let attempt = 0; attempt < 5; attempt++) {
    const previous = await deps.certification.currentNoticeNumber(unit.id, year);
    const batchNo = (previous ?? (await unnumberedNoticesIn(deps, unit.id, year))) + 1;
    const notice: Notice = {
      id,
      unitId: unit.id,
      unitName: unit.name,
      title: input.title ?? `${unit.name}专业技术人员继续教育学时核认公示`,
      startDate: input.startDate,
      endDate: end.endDate,
      calendarComplete: end.calendarComplete,
      contact: input.contact,
      applicationIds: ids,
      status: 'open',
      batchNo,
      createdAt: deps.clock().toISOString(),
      createdBy: principal.userId,
    };
    const audit = auditBy(deps, principal, {
      entity: 'notice',
      entityId: id,
      action: 'publish',
      to: 'open',
      after: { applicationIds: ids, batchNo },
    });
    try {
      await deps.certification.publishNotice(notice, entries, changes, audit, previous);
      return notice;
    } catch (err) {
      // Another notice of the unit took this number: number again. Anything else (an application
      // that moved meanwhile) is final.
      if (!(err instanceof ConflictError) || (await deps.certification.currentNoticeNumber(unit.id, year)) === previous) throw err;
    }
  }
  throw new ConflictError('notice_number_busy', '公示批次编号分配繁忙，请稍后重试');
}

/**
 * Where a unit's counter starts in a year it has no counter for: after the notices it published in
 * that year before notices were numbered, so the first numbered one is not a second 第1批.
 */
async function unnumberedNoticesIn(deps: CertificationDeps, unitId: string, year: number): Promise<number> {
  return (await deps.certification.listUnitNotices(unitId)).filter((n) => noticeYear(n) === year).length;
}

/** A notice as the public sees it: per person and year, content and hours; names and IDs masked. */
export interface PublicNotice {
  id: string;
  title: string;
  unitName: string;
  startDate: string;
  endDate: string;
  calendarComplete: boolean;
  contact: string;
  /** 第N批 of the unit in the start date's year; absent on notices published before numbering. */
  batchNo?: number;
  /** Open now (objections accepted) or ended; computed on the injected clock, not the browser's. */
  status: 'open' | 'closed';
  entries: {
    applicationId: string;
    name: string;
    idNumberMasked: string;
    titleLevel: Application['titleLevel'];
    kind: Application['kind'];
    span: Application['span'];
    years: NoticeEntry['years'];
  }[];
}

function noticeEntryOf(noticeId: string, a: Application): NoticeEntry {
  return {
    noticeId,
    applicationId: a.id,
    personId: a.personId,
    personName: a.personName,
    titleLevel: a.titleLevel,
    kind: a.kind,
    span: a.span,
    years: a.years.map(
      ({
        year,
        publicHours,
        professionalHours,
        totalHours,
        publicContent,
        professionalContent,
        deemedComplete,
        unverifiedCertificates,
      }) => ({
        year,
        publicHours,
        professionalHours,
        totalHours,
        publicContent,
        professionalContent,
        deemedComplete,
        ...(unverifiedCertificates?.length ? { unverifiedCertificates } : {}),
      }),
    ),
  };
}

/**
 * The notice's people as published (rules §5 frozen notices): the copy stored at publication, never the
 * applications' current figures. A notice published before copies were kept shows only the
 * applications it is still the current notice of, as they are.
 */
async function publishedEntries(deps: CertificationDeps, notice: Notice): Promise<NoticeEntry[]> {
  const stored = await deps.certification.listNoticeEntries(notice.id);
  if (stored.length) {
    const order = new Map(notice.applicationIds.map((id, i) => [id, i]));
    return stored.sort((a, b) => (order.get(a.applicationId) ?? 0) - (order.get(b.applicationId) ?? 0));
  }
  const apps = await Promise.all(notice.applicationIds.map((id) => deps.certification.getApplication(id)));
  return apps.filter((a): a is Application => !!a && a.noticeId === notice.id).map((a) => noticeEntryOf(notice.id, a));
}

async function toPublicNotice(deps: CertificationDeps, notice: Notice, open: boolean): Promise<PublicNotice> {
  const entries = await publishedEntries(deps, notice);
  const people = new Map((await deps.people.getMany(entries.map((a) => a.personId))).map((p) => [p.id, p]));
  return {
    id: notice.id,
    title: notice.title,
    unitName: notice.unitName,
    startDate: notice.startDate,
    endDate: notice.endDate,
    calendarComplete: notice.calendarComplete,
    contact: notice.contact,
    ...(notice.batchNo ? { batchNo: notice.batchNo } : {}),
    status: open ? 'open' : 'closed',
    entries: entries.map((a) => ({
      applicationId: a.applicationId,
      // 在本单位公示 names the person; the masked ID tells namesakes apart without exposing the number.
      name: a.personName,
      idNumberMasked: maskResidentId(people.get(a.personId)?.idNumber ?? ''),
      titleLevel: a.titleLevel,
      kind: a.kind,
      span: a.span,
      years: a.years,
    })),
  };
}

/**
 * Public: notices open now (rules §7), across the tenant, a page at a time, ending soonest first (issue
 * 19: a city in its filing window has thousands open). Notices not started yet are left out of the page,
 * so a page may hold fewer than `limit`; the cursor still moves on.
 */
export async function listPublicNotices(deps: CertificationDeps, query: { limit: number; cursor?: string }) {
  const now = deps.clock();
  const page = await deps.certification.listRunningNotices(chinaDateOf(now), query);
  const items = page.items
    .filter((n) => isNoticeOpen(n.startDate, n.endDate, now))
    .map(({ id, title, unitName, startDate, endDate, batchNo, applicationIds }) => ({
      id,
      title,
      unitName,
      startDate,
      endDate,
      ...(batchNo ? { batchNo } : {}),
      people: applicationIds.length,
    }));
  return { items, cursor: page.cursor };
}

/** Public while open; afterwards visible to signed-in users of the tenant only (rules §5). */
export async function getNotice(deps: CertificationDeps, principal: Principal | undefined, id: string): Promise<PublicNotice> {
  const notice = await deps.certification.getNotice(id);
  if (!notice) throw new NotFoundError('notice_not_found', '公示不存在');
  const open = notice.status === 'open' && isNoticeOpen(notice.startDate, notice.endDate, deps.clock());
  if (!open && !principal) throw new NotFoundError('notice_not_found', '公示不存在或已结束');
  return toPublicNotice(deps, notice, open);
}

export async function listUnitNotices(deps: CertificationDeps, principal: Principal, unitId: string) {
  const scope = await loadScope(deps, principal);
  await assertUnitInScope(scope, unitId);
  return deps.certification.listUnitNotices(unitId);
}

export const NewObjectionSchema = z
  .object({
    applicationId: z.string().min(1).max(100),
    name: z.string().trim().max(50).optional(),
    contact: ContactSchema,
    text: z.string().trim().min(5, '请写明异议内容（至少5个字）').max(2000),
  })
  .meta({ id: 'NewObjection' });

/** Anyone may object while the notice is open; the application then cannot move on until it is resolved. */
export async function lodgeObjection(deps: CertificationDeps, noticeId: string, input: z.infer<typeof NewObjectionSchema>) {
  const notice = await deps.certification.getNotice(noticeId);
  if (!notice || !(notice.status === 'open' && isNoticeOpen(notice.startDate, notice.endDate, deps.clock()))) {
    throw new NotFoundError('notice_not_found', '公示不存在或已结束');
  }
  if (!notice.applicationIds.includes(input.applicationId)) {
    throw new ValidationError('application_not_in_notice', '该人员不在本次公示中', [{ path: 'applicationId', message: '不在本次公示中' }]);
  }
  const app = await deps.certification.getApplication(input.applicationId);
  if (!app) throw new NotFoundError('application_not_found', '申请不存在');
  // An application that left this notice (an objection upheld, then published again) is objected to
  // through the notice it is in now. The version condition of the write keeps this check true.
  if (app.noticeId !== noticeId) {
    throw new ValidationError('application_not_in_notice', '该人员已不在本次公示中', [
      { path: 'applicationId', message: '已不在本次公示中' },
    ]);
  }
  const receiptNo = objectionReceiptNo(chinaDateOf(deps.clock()), randomBytes(6));
  const objection: Objection = {
    id: deps.newId(),
    receiptNo,
    noticeId,
    applicationId: app.id,
    ...(input.name ? { name: input.name } : {}),
    contact: input.contact,
    text: input.text,
    status: 'open',
    createdAt: deps.clock().toISOString(),
  };
  const publicActor = { userId: 'public', name: '公众', role: 'public' as const };
  // A second objection to an application already in `objection` just adds to the pile.
  const change = app.state === 'in_notice' ? planTransition(deps, publicActor, app, 'lodge_objection') : undefined;
  if (!change && app.state !== 'objection') throw new RuleViolationError('invalid_transition', '该申请当前不接受异议');
  await deps.certification.lodgeObjection(objection, change);
  return { id: objection.id, receiptNo, status: 'open' as const };
}

/** The unit reviewer upholds (back to draft) or dismisses (back into the notice, or passed if it ended). */
export async function resolveObjection(
  deps: CertificationDeps,
  principal: Principal,
  applicationId: string,
  input: { decision: 'uphold' | 'dismiss'; reason: string; version: number },
) {
  const app = await deps.certification.getApplication(applicationId);
  const scope = await loadScope(deps, principal);
  if (!app || !(await visibleOrganisation(scope, app.unitId))) throw new NotFoundError('application_not_found', '申请不存在');
  assertVersion(app, input.version);
  const notice = app.noticeId ? await deps.certification.getNotice(app.noticeId) : undefined;
  if (!notice) throw new RuleViolationError('no_notice', '该申请没有公示');
  const ended = deps.clock().getTime() >= Date.parse(noticeClosesAt(notice.endDate));
  const open = (await deps.certification.listObjections(notice.id)).filter((o) => o.applicationId === app.id && o.status === 'open');
  const at = deps.clock().toISOString();
  const change: ApplicationChange = planTransition(
    deps,
    principal,
    app,
    input.decision === 'uphold' ? 'uphold_objection' : 'dismiss_objection',
    { reason: input.reason, noticeEnded: ended },
  );
  await deps.certification.resolveObjections(
    open.map((o) => ({ ...o, status: input.decision === 'uphold' ? 'upheld' : 'dismissed', resolvedAt: at, resolution: input.reason })),
    change,
  );
  return { ...app, ...change.next, version: app.version + 1 };
}

export async function listObjections(deps: CertificationDeps, principal: Principal, noticeId: string) {
  const notice = await deps.certification.getNotice(noticeId);
  const scope = await loadScope(deps, principal);
  if (!notice || !(await visibleOrganisation(scope, notice.unitId))) throw new NotFoundError('notice_not_found', '公示不存在');
  return deps.certification.listObjections(noticeId);
}

/**
 * Closes every notice whose end has passed (00:00 Asia/Shanghai after its end date): the
 * applications without an open objection move to `notice_passed`. Run by a schedule in AWS and a
 * timer locally, with the clock injected; closing twice is harmless (the second finds nothing open).
 */
export async function closeDueNotices(deps: CertificationDeps): Promise<{ closed: string[] }> {
  const now = deps.clock();
  const closed: string[] = [];
  // Only the notices whose end date has passed in China (issue 19): the read grows with what closes
  // now, not with every notice open in the city.
  for (const notice of await deps.certification.listDueNotices(chinaDateOf(now))) {
    if (now.getTime() < Date.parse(noticeClosesAt(notice.endDate))) continue;
    // Only the applications whose current notice this is: one that left it and was published again
    // waits for its new notice's full period (rules §5). The adapter repeats the check in the transaction.
    const apps = (await Promise.all(notice.applicationIds.map((id) => deps.certification.getApplication(id)))).filter(
      (a): a is Application => !!a && a.state === 'in_notice' && a.noticeId === notice.id,
    );
    const system = { userId: 'system', name: '系统', role: 'system' as const };
    const changes = apps.map((app) => planTransition(deps, system, app, 'notice_end'));
    try {
      await deps.certification.closeNotice(
        notice,
        changes,
        auditBy(deps, system as unknown as Principal, {
          entity: 'notice',
          entityId: notice.id,
          action: 'close',
          from: 'open',
          to: 'closed',
        }),
      );
    } catch (err) {
      // An application moved between the read and the write (an objection, a withdrawal): this notice
      // stays open and the next run closes it from a fresh read; the other notices still close now.
      if (err instanceof ConflictError) continue;
      throw err;
    }
    closed.push(notice.id);
  }
  return { closed };
}
