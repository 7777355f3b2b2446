import ExcelJS from 'exceljs';
import type { Download } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../functions/local/demo-data.js';
import { maskResidentId } from '../../shared/mask.js';
import { chooseOption } from '../support/antd.js';
import { signedInPage } from '../support/browser.js';
import { useBrowserStack } from '../support/stack.js';

const e2e = useBrowserStack();

/** The first sheet of a downloaded workbook, as rows of cell values (header first). */
async function sheetOf(download: Download): Promise<{ name: string; rows: string[][] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk as Uint8Array));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  const ws = workbook.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
  return { name: ws.name, rows };
}

describe('Excel导出', () => {
  it('the hr office exports the whole city’s yearly summary as a background job, watches it finish, and downloads a real .xlsx', async () => {
    const page = await signedInPage(e2e.browser, e2e.stack.url, 'hr-officer', { viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(20_000);
    await page.getByRole('menu', { name: '主菜单' }).getByText('Excel导出').click();
    await page.getByRole('heading', { name: 'Excel导出' }).waitFor();

    // The city as a whole is offered first, by name (no internal codes).
    await page.getByTitle('长沙市人力资源和社会保障局（全部单位）').waitFor();
    await chooseOption(page, '年度', '2025年');
    await page.getByRole('button', { name: '开始导出 Excel' }).click();

    // The job shows up with its progress, and reads 已完成 with every unit counted once it is written.
    const table = page.getByRole('table', { name: '最近的导出' });
    const row = table.getByRole('row').filter({ hasText: '长沙市人力资源和社会保障局 2025年度年度学时汇总' });
    await row.getByRole('progressbar').waitFor();
    await row.getByText('已完成').waitFor();
    expect(await row.innerText()).toMatch(/4 \/ 4 个单位，\d+ 行/);
    expect(await row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: '下载 Excel' }).click()]);
    expect(download.suggestedFilename()).toBe('长沙市人力资源和社会保障局2025年度年度学时汇总.xlsx');
    const sheet = await sheetOf(download);
    expect(sheet.name).toBe('2025年度学时汇总');
    expect(sheet.rows[0]).toEqual(['单位', '姓名', '身份证号码', '公需学时', '专业学时', '合计学时', '是否达标', '确认状态']);
    const people = sheet.rows.slice(1);
    // Everyone of the demo city once, IDs masked, never in full.
    expect(people.map((r) => r[1]).sort()).toEqual(DEMO_PEOPLE.map((p) => p.name).sort());
    for (const p of DEMO_PEOPLE) {
      expect(people.find((r) => r[1] === p.name)![2]).toBe(maskResidentId(p.idNumber));
      expect(people.flat()).not.toContain(p.idNumber);
    }
    await page.close();
  }, 120_000);

  it('a department’s reviewer exports its shortfall list; a clerk of another unit does not see that export', async () => {
    const reviewer = await signedInPage(e2e.browser, e2e.stack.url, 'reviewer-health');
    reviewer.setDefaultTimeout(20_000);
    await reviewer.goto(`${e2e.stack.url}/exports`);
    await reviewer.getByRole('radio', { name: '未达标人员名单' }).check();
    // This year's hours are still coming in: some of the hospital's people are short of them.
    const year = new Date().getFullYear();
    await chooseOption(reviewer, '年度', `${year}年`);
    await reviewer.getByRole('button', { name: '开始导出 Excel' }).click();
    const row = reviewer
      .getByRole('table', { name: '最近的导出' })
      .getByRole('row')
      .filter({ hasText: `长沙市卫生健康委员会 ${year}年度未达标人员名单` });
    await row.getByText('已完成').waitFor();
    const [download] = await Promise.all([reviewer.waitForEvent('download'), row.getByRole('button', { name: '下载 Excel' }).click()]);
    const sheet = await sheetOf(download);
    expect(sheet.rows[0]).toEqual(['单位', '姓名', '身份证号码', '合计学时', '尚缺学时', '情况', '确认状态']);
    // The department's hospital only (nobody of the school or the construction group), and exactly its
    // people without a compliant book this year.
    const hospital = DEMO_PEOPLE.filter((p) => p.unitId === 'unit-hospital');
    const short = [];
    for (const p of hospital) if (!(await e2e.stack.deps.books.get(p.id, year))?.result.compliant) short.push(p.name);
    expect(short.length).toBeGreaterThan(0);
    expect(
      sheet.rows
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(short.sort());
    expect(new Set(sheet.rows.slice(1).map((r) => r[0]))).toEqual(new Set(['长沙市中心医院']));

    // The batch's 汇总人员名单 downloads as a real .xlsx too (no CSV anywhere), as the printed list shows it.
    const [batch] = await e2e.stack.deps.certification.listDepartmentBatches('dept-health');
    await reviewer.goto(`${e2e.stack.url}/batches/${batch!.id}/summary`);
    await reviewer.getByRole('table', { name: '汇总人员名单' }).waitFor();
    const [list] = await Promise.all([reviewer.waitForEvent('download'), reviewer.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(list.suggestedFilename()).toMatch(/^汇总人员名单-长沙市卫生健康委员会-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const listed = await sheetOf(list);
    expect(listed.rows[0]).toEqual(['序号', '姓名', '身份证号码', '工作单位', '申报级别', '证明类别', '核认年度', '各年度学时', '状态']);
    expect(listed.rows.length - 1).toBe(batch!.applicationIds.length);
    await reviewer.close();

    const clerk = await signedInPage(e2e.browser, e2e.stack.url, 'clerk-school');
    clerk.setDefaultTimeout(20_000);
    await clerk.goto(`${e2e.stack.url}/exports`);
    await clerk.getByRole('table', { name: '最近的导出' }).getByText('还没有导出').waitFor();
    await clerk.close();
  }, 120_000);
});
