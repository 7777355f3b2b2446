import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { APPLICATION_STATES } from '../../shared/workflow.js';
import { signIn } from '../support/browser.js';
import { stackCaller } from '../support/requests.js';
import { useBrowserStack } from '../support/stack.js';

/**
 * The mid-level 合格证明 in the site (issue 18, rules §3 "mid-level titles"): a clerk applies for 中级
 * for a master's-degree holder, the span is three years, the certificate prints under the tenant's own
 * title and verifies on the public page. The review steps between are taken through the API by the
 * accounts whose turn it is (the certification browser test walks those screens).
 *
 * Set XUESHI_SCREENSHOT_DIR to keep screenshots of the new screens for a visual check.
 */
const e2e = useBrowserStack();

const SCREENSHOTS = process.env.XUESHI_SCREENSHOT_DIR;
const TITLE = '长沙市专业技术人员继续教育合格证明';
/** expect.poll with room for a loaded 2-core machine (its default gives up after 1 s). */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

async function screenshot(page: Page, name: string) {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function newPage(): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

/** One API step as a demo account (the dev token route of the local stack), expecting a 2xx. */
const { ok: api } = stackCaller(() => e2e.stack.url);

describe('the mid-level 合格证明 in the site', () => {
  it("a clerk applies for 中级 for a master's-degree holder: 3 years, printed under the tenant's title, verified publicly", async () => {
    // 1. The clerk applies for 张伟 (硕士) for next year's 中级 (this year's applications are the demo's).
    const applicationYear = new Date().getFullYear() + 1;
    const clerk = await newPage();
    await signIn(clerk, e2e.stack.url, '周敏（医院经办人）');
    await clerk.goto(`${e2e.stack.url}/applications`);
    await clerk.getByRole('button', { name: '发起核认申请' }).click();
    const form = clerk.getByRole('dialog', { name: '发起学时核认申请' });
    await form.getByRole('combobox', { name: '申报人' }).click();
    await clerk.locator('.ant-select-item-option', { hasText: '张伟' }).click();
    await form.getByLabel('申报年度').fill(String(applicationYear));
    await form.getByRole('radio', { name: '中级（合格证明）' }).check();
    await eventually(() => form.getByTestId('span-hint').textContent()).toContain('硕士研究生及以上学历为前三年');
    await screenshot(clerk, 'mid-level-apply');
    await form.getByRole('button', { name: '创建草稿' }).click();
    await clerk.waitForURL(/\/applications\/[^/]+$/);
    const applicationUrl = clerk.url();
    const id = decodeURIComponent(applicationUrl.split('/').pop()!);

    // The span is three years (Y−3 … Y−1), the certificate a 合格证明, the route without a notice.
    await eventually(() => clerk.getByTestId('application-span').textContent()).toBe(`${applicationYear - 3}—${applicationYear - 1}年`);
    expect(await clerk.getByTestId('application-kind').textContent()).toBe('合格证明');
    expect(await clerk.getByText('单位初审 → 主管部门复审 → 人社部门备案', { exact: true }).count()).toBe(1);
    await screenshot(clerk, 'mid-level-application');
    await clerk.getByRole('button', { name: '提交审核' }).click();
    await eventually(() => clerk.getByTestId('application-state').textContent()).toBe('已提交');

    // 2. The unit approves and the department re-reviews straight after (no notice on this route),
    // sends it in a batch, and the hr office accepts the batch.
    let app = (await api('reviewer-hospital', 'GET', `/v1/applications/${id}`)).application;
    // 张伟 has no evidence files: each step forward gives its written reason (issue 14).
    const reason = 'E2E：佐证材料纸质件已核对';
    app = await api('reviewer-hospital', 'POST', `/v1/applications/${id}/review`, { version: app.version, decision: 'approve', reason });
    app = await api('reviewer-health', 'POST', `/v1/applications/${id}/review`, { version: app.version, decision: 'approve', reason });
    const batch = await api('reviewer-health', 'POST', '/v1/batches', { applicationIds: [id], sealReference: 'E2E-SEAL-Z001' });
    expect(batch.kinds).toEqual(['mid_level']);
    await api('hr-officer', 'POST', `/v1/batches/${batch.id}/accept`, { reasons: { [id]: reason } });

    // 3. A second hr officer issues it in the site: a 合格证明, numbered HN-…-Z…, under the tenant's title.
    const hr = await newPage();
    await signIn(hr, e2e.stack.url, '马骏（市人社局专技科，出具认定单）');
    await hr.goto(applicationUrl);
    await eventually(() => hr.getByTestId('application-state').textContent()).toBe('已备案');
    await hr.getByRole('button', { name: '出具合格证明' }).click();
    const ask = hr.getByRole('dialog', { name: '出具合格证明：须说明继续办理的理由' });
    await ask.getByRole('textbox').fill('E2E：如实出具');
    await ask.getByRole('button', { name: '出具合格证明' }).click();
    await hr.waitForURL(/\/certificates\/HN-/);
    const number = (await hr.getByTestId('certificate-number').textContent())!.trim();
    const code = (await hr.getByTestId('verification-code').textContent())!.trim();
    expect(number).toMatch(/^HN-430100-\d{4}-Z\d{6}$/);
    expect(await hr.getByTestId('certificate-title').textContent()).toBe(TITLE);
    const sheet = hr.getByRole('article', { name: `合格证明 ${number}` });
    const text = await sheet.innerText();
    expect(text).toContain('中级职称');
    expect(text).toContain(`${applicationYear - 3}年—${applicationYear - 1}年`);
    expect(text).not.toContain('学时认定单');
    // Never "继续教育合格" over years that fall short or lack evidence: the conclusion says which.
    expect(await hr.getByTestId('certificate-conclusion').innerText()).not.toContain('继续教育合格');
    await screenshot(hr, 'mid-level-certificate');
    await hr.emulateMedia({ media: 'print' });
    expect(await hr.getByRole('button', { name: /^打\s?印$/ }).isVisible()).toBe(false);

    // 4. Anyone, signed out, verifies it on the same public page.
    const visitor = await newPage();
    await visitor.goto(`${e2e.stack.url}/verify/${encodeURIComponent(number)}?code=${encodeURIComponent(code)}`);
    await eventually(() => visitor.getByText('合格证明真实有效', { exact: true }).count()).toBe(1);
    expect(await visitor.getByTestId('verified-title').textContent()).toBe(TITLE);
    expect(await visitor.getByText('张*', { exact: true }).count()).toBe(1);
    await screenshot(visitor, 'mid-level-verify');
  }, 90_000);

  it('the demo holds an issued 合格证明, a 2025 short on public hours only, and every workflow state', async () => {
    for (const state of APPLICATION_STATES) {
      expect((await api('auditor', 'GET', `/v1/applications?state=${state}`)).items.length, state).toBeGreaterThan(0);
    }
    const certificates = (await api('hr-officer', 'GET', '/v1/applications?state=certified&kind=mid_level')).items;
    expect(certificates.map((a: any) => a.personName)).toContain('许晴');
    const books = (await api('hr-officer', 'GET', '/v1/people/person-liuyang/books')).items;
    // The demo's last year: 2025 on a 2026 clock.
    const y2025 = books.find((b: any) => b.year === new Date().getFullYear() - 1);
    expect(y2025.result).toMatchObject({ publicHours: 20, professionalHours: 70, totalHours: 90, compliant: false });
    expect(y2025.result.warnings.map((w: any) => w.message)).toEqual([expect.stringMatching(/^公需科目不足30学时/)]);
  });
});
