import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import { residentIdCheckChar } from '../../shared/id-number.js';
import { chooseOption } from '../support/antd.js';
import { signIn as signInAs } from '../support/browser.js';
import { stackCaller } from '../support/requests.js';
import { useBrowserStack } from '../support/stack.js';

const e2e = useBrowserStack();

/** A valid unified social credit code nobody in the demo data holds, and one with a wrong check character. */
const CODE_17 = '91430100MA4L0E2E1';
const CREDIT_CODE = CODE_17 + creditCodeCheckChar(CODE_17);
const WRONG_CREDIT_CODE = CODE_17 + (creditCodeCheckChar(CODE_17) === '0' ? '1' : '0');

/** 张伟 of 长沙市中心医院 (demo data), and a valid ID number nobody in the tenant has registered. */
const ZHANG_WEI = { personId: 'person-zhangwei', idNumber: '430102198503122013', name: '张伟' };
const UNKNOWN_17 = '43010219881111246';
const UNKNOWN_ID = UNKNOWN_17 + residentIdCheckChar(UNKNOWN_17);

/** The demo records leave last year open (the two oldest are confirmed): a record there is credited at once. */
const YEAR = new Date().getUTCFullYear() - 1;
const COURSE = '急诊急救能力提升培训班';

const signIn = (page: Page, account: string) => signInAs(page, e2e.stack.url, account);

/** The key in the show-once dialog, which closes only once the officer says it has been saved. */
async function takeShownKey(page: Page): Promise<string> {
  const dialog = page.getByRole('dialog', { name: '新的 API 密钥（只显示这一次）' });
  const key = (await dialog.getByTestId('new-api-key').innerText()).trim();
  expect(await dialog.innerText()).toContain('关闭此窗口后任何人都无法再查看完整密钥');
  const close = dialog.getByRole('button', { name: '我已保存，关闭' });
  expect(await close.isDisabled()).toBe(true);
  await dialog.getByRole('checkbox', { name: '我已复制并妥善保存该密钥' }).check();
  await close.click();
  await dialog.waitFor({ state: 'hidden' });
  return key;
}

async function postCompletions(key: string, idempotencyKey: string, records: unknown[]) {
  const res = await fetch(`${e2e.stack.url}/v1/base/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'idempotency-key': idempotencyKey, 'content-type': 'application/json' },
    body: JSON.stringify({ records }),
  });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), text: await res.text() };
}

const { ok } = stackCaller(() => e2e.stack.url);
const apiAs = (user: string, path: string): Promise<unknown> => ok(user, 'GET', path);

const record = (externalId: string, idNumber: string, name: string) => ({
  externalId,
  idNumber,
  name,
  kind: 'training',
  courseTitle: COURSE,
  category: 'professional',
  startDate: `${YEAR}-06-10`,
  endDate: `${YEAR}-06-12`,
  days: 3,
  assessment: 'passed',
  certificateNo: `E2E-${externalId}`,
});

describe('training bases in the site', () => {
  it('the hr office registers a base and issues a key; a batch posted with it shows in the postings log and in the person’s year', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(15_000);

    // 1. The hr office registers a base; the credit code is checked in the browser first.
    await signIn(page, '黄静（市人社局专技科）');
    await page.getByRole('menu', { name: '主菜单' }).getByText('施教机构').click();
    await page.getByRole('table', { name: '施教机构' }).getByRole('link', { name: '湖南省继续教育演示基地' }).waitFor();
    await page.getByRole('button', { name: '登记施教机构' }).click();
    const register = page.getByRole('dialog', { name: '登记施教机构' });
    await register.getByLabel('机构名称').fill('湘江医学继续教育学院');
    await register.getByLabel('统一社会信用代码').fill(WRONG_CREDIT_CODE.toLowerCase());
    await register.getByLabel('机构名称').click();
    await register.getByText('统一社会信用代码校验位不正确').waitFor();
    await register.getByLabel('统一社会信用代码').fill(CREDIT_CODE);
    await chooseOption(page, '基地级别', '省级');
    await register.getByLabel('联系人').fill('刘老师');
    await register.getByLabel('联系电话').fill('0731-84512345');
    await register.getByRole('button', { name: '登记并签发密钥' }).click();

    // 2. Registration issues the first key, shown once; then the base's page.
    const firstKey = await takeShownKey(page);
    expect(firstKey).toMatch(/^xsk_[a-z0-9]{8}_[A-Za-z0-9]+$/);
    await page.waitForURL(/\/bases\/[^/]+$/);
    await page.getByRole('heading', { name: '湘江医学继续教育学院' }).waitFor();
    const keys = page.getByRole('table', { name: 'API 密钥' });
    const firstPrefix = firstKey.split('_')[1]!;
    await keys.getByText(`xsk_${firstPrefix}_…`).waitFor();
    expect(await page.getByText(firstKey).count()).toBe(0); // listed by prefix only

    // 3. Rotation: a second key, then the first revoked (after a confirmation).
    await page.getByRole('button', { name: '签发新密钥' }).click();
    const ask = page.getByRole('dialog', { name: '签发新密钥' });
    await ask.getByLabel('备注').fill('报送系统正式密钥');
    await ask.getByRole('button', { name: /签\s?发/ }).click();
    const key = await takeShownKey(page);
    const prefix = key.split('_')[1]!;
    expect(prefix).not.toBe(firstPrefix);
    await keys.getByRole('row', { name: /报送系统正式密钥/ }).waitFor();
    await keys.getByRole('button', { name: `吊销 ${firstPrefix}` }).click();
    await page
      .getByRole('dialog', { name: `吊销密钥 ${firstPrefix}？` })
      .getByRole('button', { name: /吊\s?销/ })
      .click();
    await expect.poll(() => keys.getByRole('row', { name: new RegExp(firstPrefix) }).innerText()).toContain('已吊销');

    // 4. A script posts with the keys read from the page: the revoked one is refused at once.
    const refused = await postCompletions(firstKey, randomUUID(), [record('E2E-0', ZHANG_WEI.idNumber, ZHANG_WEI.name)]);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text).error.code).toBe('api_key_revoked');

    const before = (await apiAs('hr-officer', `/v1/people/${ZHANG_WEI.personId}/books`)) as {
      items: { year: number; result: { totalHours: number } }[];
    };
    const totalBefore = before.items.find((b) => b.year === YEAR)?.result.totalHours ?? 0;

    const batch = [record('E2E-1', ZHANG_WEI.idNumber, ZHANG_WEI.name), record('E2E-2', UNKNOWN_ID, '周新')];
    const idempotencyKey = randomUUID();
    const posted = await postCompletions(key, idempotencyKey, batch);
    expect(posted.status).toBe(200);
    const { results } = JSON.parse(posted.text) as { results: { externalId: string; status: string }[] };
    expect(results.map((r) => [r.externalId, r.status])).toEqual([
      ['E2E-1', 'recorded'],
      ['E2E-2', 'unmatched'],
    ]);
    // A retry with the same key and body replays the first answer, byte for byte.
    const retried = await postCompletions(key, idempotencyKey, batch);
    expect([retried.status, retried.replayed, retried.text]).toEqual([200, 'true', posted.text]);

    // 5. The postings log: 已记录 for 张伟, 待匹配 for the unknown ID; the key now has a last use.
    await page
      .getByRole('tabpanel', { name: '报送记录' })
      .getByRole('button', { name: /刷\s?新/ })
      .click();
    const postings = page.getByRole('table', { name: '报送记录' });
    const zhang = postings.getByRole('row', { name: /E2E-1/ });
    await expect.poll(() => zhang.innerText()).toMatch(/张伟[\s\S]*4301\*+201\*[\s\S]*已记录\s+已计入学时/);
    expect(await postings.getByRole('row', { name: /E2E-2/ }).innerText()).toMatch(/待匹配\s+待人员登记后计入/);
    expect(await page.getByText(UNKNOWN_ID).count()).toBe(0); // IDs masked in the log
    await page.getByRole('tab', { name: '报送日志（逐次请求）' }).click();
    const log = page.getByRole('table', { name: '报送日志' });
    await expect.poll(() => log.getByRole('row', { name: new RegExp(idempotencyKey) }).innerText()).toMatch(/已记录 1\s+待匹配 1/);
    await page.reload();
    await expect.poll(() => keys.getByRole('row', { name: /报送系统正式密钥/ }).innerText()).not.toContain('从未使用');

    // 6. 张伟's year in his person page: the base's training, 30 hours, on top of what he had.
    await page.goto(`${e2e.stack.url}/people/${ZHANG_WEI.personId}?year=${YEAR}`);
    const year = page.getByRole('region', { name: `${YEAR}年度` });
    const items = year.getByRole('table', { name: `${YEAR}年度计入的项目` });
    await expect.poll(() => items.getByRole('row', { name: new RegExp(COURSE) }).innerText()).toMatch(/专业科目\s+30\s+C1/);
    const hours = year.getByRole('table', { name: `${YEAR}年度学时` });
    expect(await hours.getByRole('row', { name: /合计/ }).innerText()).toMatch(new RegExp(`合计\\s+${totalBefore + 30}\\b`));
    await page.close();
  }, 90_000);
});
