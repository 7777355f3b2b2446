import type { Principal } from '../auth/principal.js';
import type { AppDeps } from '../deps.js';
import { createApplication, reviewApplication, submitApplication, withdrawApplication } from '../use-cases/certification/applications.js';
import { acceptBatch, cancelBatch, fileApplication, issueCertificate, submitBatch } from '../use-cases/certification/filing.js';
import { closeDueNotices, lodgeObjection, publishNotice } from '../use-cases/certification/notices.js';
import type { Application } from '../../shared/applications.js';
import { chinaDateOf } from '../../shared/calendar.js';
import { flaggedYears } from '../../shared/certification-check.js';
import { addPriorCertificate } from '../use-cases/history.js';
import { DEMO_TENANT } from './demo-data.js';

/**
 * Applications in every state of W2, one notice open now, and two certificates already issued (a
 * 学时认定单 and a mid-level 合格证明), all
 * made through the real use-cases. Steps that need a finished notice run on a clock three weeks back,
 * so the notices they publish have ended by today. Every step is taken by an account that has taken no
 * other step of that application (separation of duties, rules §6).
 */
const as = (userId: string, role: Principal['role'], orgId: string): Principal => ({
  userId,
  name: '演示数据',
  role,
  orgId,
  tenant: DEMO_TENANT,
});

const hospitalClerk = as('clerk-hospital', 'unit_clerk', 'unit-hospital');
const hospitalReviewer = as('reviewer-hospital', 'unit_reviewer', 'unit-hospital');
// Separation of duties (rules §6): a second account publishes, a second hr officer issues.
const hospitalPublisher = as('reviewer2-hospital', 'unit_reviewer', 'unit-hospital');
const schoolClerk = as('clerk-school', 'unit_clerk', 'unit-school');
const constructionClerk = as('seed-clerk-construction', 'unit_clerk', 'unit-construction');
const constructionReviewer = as('seed-reviewer-construction', 'unit_reviewer', 'unit-construction');
const constructionPublisher = as('seed-publisher-construction', 'unit_reviewer', 'unit-construction');
const agencyClerk = as('seed-clerk-agency', 'unit_clerk', 'unit-talent-agency');
const agencyReviewer = as('seed-reviewer-agency', 'unit_reviewer', 'unit-talent-agency');
const healthReviewer = as('reviewer-health', 'dept_reviewer', 'dept-health');
const hrOfficer = as('hr-officer', 'hr_officer', 'hr-430100');
const hrIssuer = as('hr-officer2', 'hr_officer', 'hr-430100');

/**
 * The demo's people have no evidence files (uploads would slow `npm start`), so every application is
 * flagged and each step forward needs a written reason (issue 14), as it would in the portal. The demo
 * gives one that says what was flagged; a compliant application with its evidence would need none.
 */
function demoReason(app: Application): string | undefined {
  const flagged = flaggedYears(app.years);
  if (flagged.length === 0) return undefined;
  const short = flagged.filter((y) => !y.compliant).map((y) => y.year);
  return (
    '演示数据：' +
    [
      short.length ? `${short.join('、')}年度未达标，如实报送，由评审委员会按规定把握` : '',
      flagged.some((y) => !y.evidenceComplete) ? '佐证材料纸质原件已由单位人事部门核对，电子件待补传' : '',
    ]
      .filter(Boolean)
      .join('；')
  );
}

/** The reasons of several applications moved on at once (a notice, a batch). */
const demoReasons = (apps: Application[]) => Object.fromEntries(apps.flatMap((a) => (demoReason(a) ? [[a.id, demoReason(a)!]] : [])));

export async function seedDemoCertification(deps: AppDeps, now: Date): Promise<void> {
  const past = new Date(now.getTime() - 21 * 86_400_000);
  const then = { ...deps, clock: () => past };
  const year = now.getUTCFullYear();
  const startPast = chinaDateOf(past);

  const draft = (d: AppDeps, clerk: Principal, personId: string, applicationYear = year) =>
    createApplication(d, clerk, { personId, applicationYear, titleLevel: 'associate_senior' });
  const submitAndApprove = async (d: AppDeps, clerk: Principal, reviewer: Principal, personId: string, applicationYear = year) => {
    let app = await draft(d, clerk, personId, applicationYear);
    app = await submitApplication(d, clerk, app.id, app.version);
    return reviewApplication(d, reviewer, app.id, { decision: 'approve', version: app.version, reason: demoReason(app) });
  };

  // Three weeks ago: notices that have ended by now.
  const zhaolei = await submitAndApprove(then, constructionClerk, constructionReviewer, 'person-zhaolei');
  const chenjie = await submitAndApprove(then, constructionClerk, constructionReviewer, 'person-chenjie');
  // Last year's application of 陈洁 stays where the notice left it: notice_passed, for the hr office to file.
  const chenjieEarlier = await submitAndApprove(then, constructionClerk, constructionReviewer, 'person-chenjie', year - 1);
  await publishNotice(then, constructionPublisher, {
    applicationIds: [zhaolei.id, chenjie.id, chenjieEarlier.id],
    reasons: demoReasons([zhaolei, chenjie, chenjieEarlier]),
    startDate: startPast,
    contact: '集团人力资源部 0731-8000 0001',
  });
  const zhangwei = await submitAndApprove(then, hospitalClerk, hospitalReviewer, 'person-zhangwei');
  await publishNotice(then, hospitalPublisher, {
    applicationIds: [zhangwei.id],
    reasons: demoReasons([zhangwei]),
    startDate: startPast,
    contact: '医院人事科 0731-8000 0002',
  });
  await closeDueNotices(deps);

  // notice_passed → filed → certified (no department above the enterprise).
  const zhaoleiPassed = (await deps.certification.getApplication(zhaolei.id))!;
  const zhaoleiFiled = await fileApplication(deps, hrOfficer, zhaolei.id, zhaoleiPassed.version, demoReason(zhaolei));
  await issueCertificate(deps, hrIssuer, zhaolei.id, zhaoleiFiled.version, demoReason(zhaolei));
  const chenjiePassed = (await deps.certification.getApplication(chenjie.id))!;
  await fileApplication(deps, hrOfficer, chenjie.id, chenjiePassed.version, demoReason(chenjie));

  // notice_passed → dept_approved, in a batch left for the hr office to accept in the demo.
  const zhangweiPassed = (await deps.certification.getApplication(zhangwei.id))!;
  await reviewApplication(deps, healthReviewer, zhangwei.id, {
    decision: 'approve',
    version: zhangweiPassed.version,
    reason: demoReason(zhangwei),
  });
  // First sent with a wrong seal reference and cancelled by the department (a `cancelled` batch), then sent again.
  const wrong = await submitBatch(deps, healthReviewer, { applicationIds: [zhangwei.id], sealReference: 'WJW-DZYZ-000X' });
  await cancelBatch(deps, healthReviewer, wrong.id, { reason: '演示数据：电子印章编号填写有误，撤销后重新报送' });
  await submitBatch(deps, healthReviewer, { applicationIds: [zhangwei.id], sealReference: 'WJW-DZYZ-0001' });

  // Today: a notice open now, one application in it under objection.
  const lina = await submitAndApprove(deps, hospitalClerk, hospitalReviewer, 'person-lina');
  const zhangweiEarlier = await submitAndApprove(deps, hospitalClerk, hospitalReviewer, 'person-zhangwei', year - 1);
  const notice = await publishNotice(deps, hospitalPublisher, {
    applicationIds: [lina.id, zhangweiEarlier.id],
    reasons: demoReasons([lina, zhangweiEarlier]),
    startDate: chinaDateOf(now),
    contact: '医院人事科 0731-8000 0002',
  });
  await lodgeObjection(deps, notice.id, {
    applicationId: zhangweiEarlier.id,
    contact: '0731-8000 9999',
    text: '该同志上一年度学术会议学时存疑，请核实。',
  });

  // The earlier states.
  await submitAndApprove(deps, agencyClerk, agencyReviewer, 'person-ouyangming'); // unit_approved
  const wangfang = await draft(deps, schoolClerk, 'person-wangfang');
  await submitApplication(deps, schoolClerk, wangfang.id, wangfang.version); // submitted
  // A paper-era 学时认定单 entered by the school's clerk, waiting for its scan and a reviewer's check:
  // 未核验, so it covers nothing, and the book, the draft application below and any notice say so.
  await addPriorCertificate(deps, schoolClerk, 'person-liuyang', {
    number: `长人社继认〔${year - 3}〕0815号`,
    years: [{ year: year - 3, publicHours: 30, professionalHours: 60 }],
  });
  await draft(deps, schoolClerk, 'person-liuyang'); // draft
  const withdrawn = await draft(deps, agencyClerk, 'person-ouyangming', year - 1);
  await withdrawApplication(deps, agencyClerk, withdrawn.id, { version: withdrawn.version, reason: '本人暂不申报' });

  await seedMidLevelCertificate(deps, year);
}

/**
 * The mid-level 合格证明 (rules §3 "mid-level titles"): 许晴, master's degree, applies for 中级 — a span of
 * three years. The tenant's default mid-level route has no notice: the unit approves, the department
 * re-reviews and sends it in its own batch, the hr office accepts it and a second officer issues the
 * certificate, numbered HN-430100-{year}-Z000001 under the tenant's title.
 */
async function seedMidLevelCertificate(deps: AppDeps, year: number) {
  let app = await createApplication(deps, hospitalClerk, { personId: 'person-xuqing', applicationYear: year, titleLevel: 'intermediate' });
  app = await submitApplication(deps, hospitalClerk, app.id, app.version);
  const reason = demoReason(app);
  app = await reviewApplication(deps, hospitalReviewer, app.id, { decision: 'approve', version: app.version, reason });
  app = await reviewApplication(deps, healthReviewer, app.id, { decision: 'approve', version: app.version, reason });
  const batch = await submitBatch(deps, healthReviewer, { applicationIds: [app.id], sealReference: 'WJW-DZYZ-Z001' });
  await acceptBatch(deps, hrOfficer, batch.id, { reasons: demoReasons([app]) });
  const filed = (await deps.certification.getApplication(app.id))!;
  await issueCertificate(deps, hrIssuer, app.id, filed.version, reason);
}
