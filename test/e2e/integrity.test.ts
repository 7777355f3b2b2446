import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import { chooseOption } from '../support/antd.js';
import { signIn as signInAs } from '../support/browser.js';
import { stackCaller } from '../support/requests.js';
import { useBrowserStack } from '../support/stack.js';

/**
 * Issue 12's screens: what the integrity rules send to people, resolved in the portal. A registration
 * of a person of another unit becomes a transfer request the person's unit decides on; a unit-level
 * base is registered for its units, and its record for anyone else waits until the hr office checks it.
 */
const e2e = useBrowserStack();

const signIn = (page: Page, account: string) => signInAs(page, e2e.stack.url, account);
const WANG_FANG = { idNumber: '430121198211034029', name: '王芳' };
const ZHANG_WEI = { idNumber: '430102198503122013', name: '张伟' };
const CODE_17 = '91430100MA4L1TGR1';

const { call: asUser } = stackCaller(() => e2e.stack.url);

describe('integrity in the portal', () => {
  it('the person’s unit sees a transfer request by names, and declines it with a reason', async () => {
    // The school's clerk registers 张伟, who works at the hospital: told only that the hr office handles it.
    const registered = await asUser('clerk-school', 'POST', '/v1/people', { ...ZHANG_WEI, unitId: 'unit-school' });
    expect(registered.status).toBe(202);
    expect(JSON.stringify(registered.body)).not.toContain('长沙市中心医院');

    const page = await e2e.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(15_000);
    await signIn(page, '吴刚（医院审核人）');
    await page.getByRole('menu', { name: '主菜单' }).getByText('人员名单').click();
    const requests = page.getByRole('table', { name: '调入申请' });
    const row = requests.getByRole('row').filter({ hasText: '张伟' });
    await row.waitFor();
    expect(await row.innerText()).toContain('长沙市中心医院');
    expect(await row.innerText()).toContain('长沙市第一中学');
    expect(await row.innerText()).not.toMatch(/unit-|person-/);
    await row.getByRole('button', { name: '处理申请' }).click();
    const dialog = page.getByRole('dialog', { name: '处理调入申请 · 张伟' });
    await dialog.getByText('拒绝', { exact: true }).click();
    await dialog.getByRole('button', { name: '提交处理' }).click();
    await dialog.getByText('请填写理由（至少2个字）').waitFor();
    await dialog.getByLabel('理由').fill('经核实，该同志仍在本院工作，未办理调动');
    await dialog.getByRole('button', { name: '提交处理' }).click();
    await page.getByText('已拒绝该调入申请').waitFor();
    await requests.waitFor({ state: 'detached' });
    expect((await asUser('hr-officer', 'GET', '/v1/transfer-requests')).body.items).toEqual([]);
    await page.close();
  }, 90_000);

  it('the hr office registers a unit-level base for its units, and credits its waiting record after checking it', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(15_000);
    await signIn(page, '黄静（市人社局专技科）');
    await page.getByRole('menu', { name: '主菜单' }).getByText('施教机构').click();
    await page.getByRole('button', { name: '登记施教机构' }).click();
    const register = page.getByRole('dialog', { name: '登记施教机构' });
    await register.getByLabel('机构名称').fill('长沙市中心医院继续教育中心');
    await register.getByLabel('统一社会信用代码').fill(CODE_17 + creditCodeCheckChar(CODE_17));
    await chooseOption(page, '基地级别', '单位级');
    await register.getByLabel('联系人').fill('何老师');
    await register.getByLabel('联系电话').fill('0731-84512399');
    await register.getByRole('button', { name: '登记并签发密钥' }).click();
    await register.getByText('请选择单位级基地所属的单位').waitFor();
    await chooseOption(page, '所属单位', '长沙市中心医院');
    await register.getByRole('button', { name: '登记并签发密钥' }).click();

    const shown = page.getByRole('dialog', { name: '新的 API 密钥（只显示这一次）' });
    const key = (await shown.getByTestId('new-api-key').innerText()).trim();
    await shown.getByRole('checkbox', { name: '我已复制并妥善保存该密钥' }).check();
    await shown.getByRole('button', { name: '我已保存，关闭' }).click();
    await page.getByRole('heading', { name: '长沙市中心医院继续教育中心' }).waitFor();
    await page.getByText('所属单位').waitFor();
    expect(await page.getByRole('main').innerText()).toContain('长沙市中心医院');

    // Its record for a teacher of the school waits, answered like an unknown ID.
    const year = new Date().getUTCFullYear() - 1;
    const posted = await fetch(`${e2e.stack.url}/v1/base/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': 'unit-base-1', 'content-type': 'application/json' },
      body: JSON.stringify({
        records: [
          {
            externalId: 'ZX-1',
            ...WANG_FANG,
            kind: 'training',
            courseTitle: '院感防控培训',
            category: 'professional',
            startDate: `${year}-06-01`,
            endDate: `${year}-06-01`,
            days: 1,
            assessment: 'passed',
          },
        ],
      }),
    });
    expect(((await posted.json()) as any).results[0].status).toBe('unmatched');

    await page.reload();
    const postings = page.getByRole('table', { name: '报送记录' });
    const row = postings.getByRole('row').filter({ hasText: 'ZX-1' });
    await row.getByText('非本基地所属单位人员').waitFor();
    await row.getByRole('button', { name: '核实计入' }).click();
    const dialog = page.getByRole('dialog', { name: '核实后计入' });
    await dialog.getByLabel('核实情况').fill('该同志受派在医院轮训，经两单位确认');
    await dialog.getByRole('button', { name: '确认计入' }).click();
    await page.getByText('已核实并计入该人员的学时').waitFor();
    await postings.getByRole('row').filter({ hasText: 'ZX-1' }).getByText('已记录').waitFor();
    await page.screenshot({ path: '.test-data/unit-level-base.png', fullPage: true });
    await page.close();
  }, 90_000);
});
