import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { closeDueNotices } from '../../functions/use-cases/certification/notices.js';
import { signedInPage } from '../support/browser.js';
import { useBrowserStack } from '../support/stack.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The stack's clock runs with real time plus this offset, so the test can let the notice end. */
let offsetMs = 0;
const e2e = useBrowserStack({ clock: () => new Date(Date.now() + offsetMs) });

/** A page signed in as a demo account (its own browser context, so roles never share a session). */
async function signedIn(user: string): Promise<Page> {
  // Through the local OpenID provider, as a user signs in (issue 13).
  const page = await signedInPage(e2e.browser, e2e.stack.url, user);
  // 15 s: an antd button waits to be "stable" through its animations, which on a loaded 2-core machine took over 8 s.
  page.setDefaultTimeout(15_000);
  return page;
}

/** expect.poll with room for a loaded machine (its default gives up after 1 s). */
// 20 s: each step waits for the API behind it, which on a loaded 2-core machine can take several seconds.
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

/** antd puts a space between the two characters of a two-character button label (确 定). */
const button = (scope: Page | Locator, label: string) => scope.getByRole('button', { name: new RegExp(`^${[...label].join('\\s?')}$`) });

async function expectState(page: Page, label: string) {
  await eventually(() => page.getByTestId('application-state').textContent()).toBe(label);
}

describe('certification in the site', () => {
  it('runs a non-compliant application from the clerk to a certificate, a written reason required at every step, that verifies as 有效 with its short year 未达标', async () => {
    // 1. The clerk creates a draft for 张伟 (正高级, next year: the demo data holds this year's) and submits it.
    const clerk = await signedIn('clerk-hospital');
    await clerk.goto(`${e2e.stack.url}/applications`);
    await clerk.getByRole('button', { name: '发起核认申请' }).click();
    const form = clerk.getByRole('dialog', { name: '发起学时核认申请' });
    await form.getByRole('combobox', { name: '申报人' }).click();
    await clerk.locator('.ant-select-item-option', { hasText: '张伟' }).click();
    await form.getByLabel('申报年度').fill(String(new Date().getFullYear() + 1));
    await form.getByRole('radio', { name: '正高级' }).check();
    await form.getByRole('button', { name: '创建草稿' }).click();
    await clerk.waitForURL(/\/applications\/[^/]+$/);
    const applicationUrl = clerk.url();
    await expectState(clerk, '草稿');
    await clerk.getByRole('button', { name: '提交审核' }).click();
    await expectState(clerk, '已提交');
    // The demo's 张伟 has no evidence files and no hours yet in the span's last year: the page says so
    // at the top, per year, and that every step forward needs a written reason (issue 14).
    const findings = await clerk.getByTestId('year-findings').innerText();
    expect(findings).toContain('继续办理的每一步须书面说明理由');
    expect(findings).toMatch(/未达标：全年不足90学时/);
    expect(findings).toContain('佐证材料不齐全');

    // 2. The unit reviewer approves it from the inbox (batch approve, one item) …
    const reviewer = await signedIn('reviewer-hospital');
    await reviewer.goto(`${e2e.stack.url}/applications`);
    const row = reviewer.getByRole('table', { name: '核认申请列表' }).getByRole('row', { name: /张伟/ });
    await row.getByRole('checkbox').check();
    await reviewer.getByRole('button', { name: /批量通过/ }).click();
    // Not without a reason: the dialog keeps it back until one is written.
    const ask = reviewer.getByRole('dialog', { name: '批量通过：须说明继续办理的理由' });
    await ask.getByRole('button', { name: '全部通过' }).click();
    await eventually(() => ask.getByText('请填写理由').count()).toBe(1);
    await ask.getByLabel('张伟 继续办理理由').fill('E2E 初审：未达标年度如实报送');
    await ask.getByRole('button', { name: '全部通过' }).click();
    const results = reviewer.getByRole('table', { name: '批量通过结果' });
    await eventually(() => results.getByRole('row').nth(1).innerText()).toMatch(/张伟\s+成功/);
    await reviewer.getByRole('button', { name: '知道了' }).click();

    // … and a second reviewer publishes the notice from the application (no account acts twice on one
    // application, rules §6), the end date shown before publishing.
    const publisher = await signedIn('reviewer2-hospital');
    await publisher.goto(applicationUrl);
    await expectState(publisher, '单位初审通过');
    await publisher.getByRole('button', { name: '发布公示' }).click();
    await publisher.waitForURL(/\/unit-notices\?select=/);
    await eventually(() => publisher.getByTestId('notice-end-date').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}（5个工作日）$/);
    await publisher.getByLabel('异议受理联系方式').fill('医院人事科 0731-8000 0002');
    // The hospital's demo notice is still open: this one is the unit's next batch (第N批).
    await publisher.getByRole('button', { name: /^发布第\d+批公示（1人）$/ }).click();
    const publishAsk = publisher.getByRole('dialog', { name: '发布公示：须说明继续办理的理由' });
    await publishAsk.getByRole('button', { name: '发布公示' }).click();
    await eventually(() => publishAsk.getByText('请填写理由').count()).toBe(1);
    await publishAsk.getByLabel('张伟 继续办理理由').fill('E2E 公示：如实公示');
    await publishAsk.getByRole('button', { name: '发布公示' }).click();
    await eventually(() =>
      publisher
        .getByRole('table', { name: '本单位公示' })
        .getByRole('row', { name: /公示中/ })
        .count(),
    ).toBeGreaterThan(0);
    await publisher.goto(applicationUrl);
    await expectState(publisher, '公示中');

    // 3. The notice's end passes (the stack's timer would close it within 30 s; the test runs it now).
    offsetMs = 20 * DAY_MS;
    await closeDueNotices(e2e.stack.deps);

    // 4. The department approves it and submits it in a sealed batch.
    const department = await signedIn('reviewer-health');
    await department.goto(applicationUrl);
    await expectState(department, '公示通过');
    // The reasons of the earlier steps are shown to the department, with who gave them.
    const earlier = await department.getByTestId('year-findings').innerText();
    expect(earlier).toContain('已记录的继续办理理由');
    expect(earlier).toContain('E2E 初审：未达标年度如实报送');
    expect(earlier).toContain('E2E 公示：如实公示');
    await department.getByRole('button', { name: '复审通过' }).click();
    const deptAsk = department.getByRole('dialog', { name: '复审通过：须说明继续办理的理由' });
    await button(deptAsk, '复审通过').click();
    await eventually(() => deptAsk.getByText('请填写理由').count()).toBe(1);
    await expectState(department, '公示通过');
    await deptAsk.getByRole('textbox').fill('E2E 复审：同意单位意见');
    await button(deptAsk, '复审通过').click();
    await expectState(department, '主管部门复审通过');
    await department.goto(`${e2e.stack.url}/batches`);
    // A batch sent with the wrong seal reference is cancelled before the hr office accepts it, and sent again.
    await department.getByRole('checkbox', { name: '选择 张伟' }).check();
    await department.getByLabel('电子印章编号').fill('E2E-SEAL-WRONG');
    await department.getByRole('button', { name: /报送人社部门/ }).click();
    await department.waitForURL(/\/batches\/[^/]+\/summary$/);
    await department.goto(`${e2e.stack.url}/batches`);
    await department
      .getByRole('table', { name: '待受理批次' })
      .getByRole('row', { name: /E2E-SEAL-WRONG/ })
      .getByRole('button', { name: /撤销/ })
      .click();
    await department.getByRole('dialog').getByLabel('理由').fill('电子印章编号填写有误');
    await button(department.getByRole('dialog'), '撤销批次').click();
    await eventually(() =>
      department
        .getByRole('table', { name: '已撤销批次' })
        .getByRole('row', { name: /E2E-SEAL-WRONG/ })
        .count(),
    ).toBe(1);
    await department.getByRole('checkbox', { name: '选择 张伟' }).check();
    await department.getByLabel('电子印章编号').fill('E2E-SEAL-0001');
    await department.getByRole('button', { name: /报送人社部门/ }).click();
    await department.waitForURL(/\/batches\/[^/]+\/summary$/);
    await eventually(() => department.getByRole('table', { name: '汇总人员名单' }).innerText()).toContain('张伟');
    const list = await department.getByRole('table', { name: '汇总人员名单' }).innerText();
    expect(list).toContain('公示期满无异议');
    expect(list).toContain('E2E 复审：同意单位意见');

    // 5. The hr office accepts the batch, and another officer issues the certificate.
    const filer = await signedIn('hr-officer');
    await filer.goto(`${e2e.stack.url}/batches`);
    await filer
      .getByRole('table', { name: '待受理批次' })
      .getByRole('row', { name: /E2E-SEAL-0001/ })
      .getByRole('button', { name: /受\s?理/ })
      .click();
    const acceptAsk = filer.getByRole('dialog', { name: /须说明继续办理的理由/ });
    await button(acceptAsk, '受理').click();
    await eventually(() => acceptAsk.getByText('请填写理由').count()).toBe(1);
    await acceptAsk.getByLabel('张伟 继续办理理由').fill('E2E 受理：按规定受理');
    await button(acceptAsk, '受理').click();
    await eventually(() =>
      filer
        .getByRole('table', { name: '已受理批次' })
        .getByRole('row', { name: /E2E-SEAL-0001/ })
        .count(),
    ).toBe(1);
    const hr = await signedIn('hr-officer2');
    await hr.goto(applicationUrl);
    await expectState(hr, '已备案');
    await hr.getByRole('button', { name: '出具学时认定单' }).click();
    const issueAsk = hr.getByRole('dialog', { name: '出具学时认定单：须说明继续办理的理由' });
    await issueAsk.getByRole('button', { name: '出具学时认定单' }).click();
    await eventually(() => issueAsk.getByText('请填写理由').count()).toBe(1);
    await expectState(hr, '已备案');
    await issueAsk.getByRole('textbox').fill('E2E 出具：如实出具');
    await issueAsk.getByRole('button', { name: '出具学时认定单' }).click();
    await hr.waitForURL(/\/certificates\/HN-/);

    // 6. The printed certificate: its number and code as printed, and no toolbar on paper.
    const number = (await hr.getByTestId('certificate-number').textContent())!.trim();
    const code = (await hr.getByTestId('verification-code').textContent())!.trim();
    expect(number).toMatch(/^HN-430100-\d{4}-\d{6}$/);
    expect(code).toMatch(/^[0-9A-F]{12}$/);
    const sheet = await hr.getByRole('article', { name: `学时认定单 ${number}` }).innerText();
    expect(sheet).toContain('湖南省专业技术人员继续教育学时认定单');
    // For the title committee: the full resident ID, each year's 达标 or 未达标, a conclusion that says
    // which years fall short, the reasons with who gave them — and no long address to break.
    expect(sheet).toContain('430102198503122013');
    const lastYear = new Date().getFullYear();
    expect(await hr.getByTestId(`certificate-verdict-${lastYear}`).innerText()).toMatch(/^未达标/);
    const conclusion = await hr.getByTestId('certificate-conclusion').innerText();
    expect(conclusion).toContain(`${lastYear}年度`);
    expect(conclusion).toContain('未达到规定要求');
    expect(conclusion).not.toContain('予以认定');
    for (const reason of ['E2E 初审', 'E2E 公示', 'E2E 复审', 'E2E 受理', 'E2E 出具']) expect(sheet).toContain(reason);
    expect(sheet).not.toContain('http');
    expect(await hr.getByTestId('verification-address').innerText()).toMatch(/^[\w.:-]+\/verify$/);
    await hr.emulateMedia({ media: 'print' });
    expect(await button(hr, '打印').isVisible()).toBe(false);

    // 7. Anyone, signed out, verifies it from the number and code on the paper.
    const visitor = await e2e.browser.newContext();
    const publicPage = await visitor.newPage();
    publicPage.setDefaultTimeout(8_000);
    await publicPage.goto(`${e2e.stack.url}/verify/${encodeURIComponent(number)}?code=${encodeURIComponent(code)}`);
    await eventually(() => publicPage.getByText('认定单真实有效', { exact: true }).count()).toBe(1);
    expect(await publicPage.getByText('有效', { exact: true }).count()).toBe(1);
    expect(await publicPage.getByText('张*', { exact: true }).count()).toBe(1);
    // The short year as on the certificate, and the conclusion in words; the ID is nowhere.
    expect(await publicPage.getByTestId(`verified-year-${lastYear}`).innerText()).toContain('未达标');
    expect(await publicPage.getByTestId('verified-conclusion').innerText()).toContain('未达到规定要求');
    expect(await publicPage.content()).not.toContain('430102198503122013');
    // A phone opens it from the QR code: nothing wider than its 390 px screen.
    await publicPage.setViewportSize({ width: 390, height: 844 });
    await eventually(() => publicPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // A wrong code answers like an unknown number.
    await publicPage.goto(`${e2e.stack.url}/verify/${encodeURIComponent(number)}?code=000000000000`);
    await eventually(() => publicPage.getByText('未查到该认定单').count()).toBe(1);
    await visitor.close();
  }, 180_000); // one flow through five roles' screens, each step asked for its reason: 50–90 s on a busy 2-core machine
});
