import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LocalStack } from '../../functions/local/server.js';
import { useBrowserStack } from '../support/stack.js';

const e2e = useBrowserStack();

/** A page that fails in seconds, not at Playwright's 30 s default, when something never shows up. */
async function openPage(context: { newPage(): Promise<Page> } = e2e.browser): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(5_000);
  return page;
}

/** antd's date picker takes typed text; Enter commits it. */
async function typeDate(page: Page, label: string, date: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(date);
  await input.press('Enter');
}

async function expectResult2022(page: Page) {
  const summary = page.getByRole('table', { name: '各年度学时汇总' });
  await expect.poll(() => summary.getByRole('row').nth(1).innerText()).toMatch(/2022年\s+0学时\s+60学时\s+60 \/ 90学时\s+未达标/);
  const year = page.getByRole('region', { name: '2022年度' });
  const items = year.getByRole('table', { name: '2022年度计入的活动' });
  await expect.poll(() => items.getByRole('row').count()).toBe(3);
  const text = await year.innerText();
  expect(text).toContain('公需科目 0 学时 · 专业科目 60 学时 · 合计 60 学时');
  expect(text).toContain('未达标');
  expect(text).not.toContain('专业科目学时不足'); // 60 is exactly 2/3 of 90
  expect(text).toContain('本年度合计60学时，不足90学时（差30学时）');
  expect(text).toContain('培训3天：3×10=30学时');
  expect(await items.getByRole('row', { name: /第2项 论文「基层医疗数字化实践」/ }).innerText()).toMatch(/专业科目\s+30\s+C3b/);
  expect(text).toContain('C3b：附件第二部分第3条');
}

describe('public hours calculator', () => {
  it('computes a 3-day training and a first-author CN paper without a login, and its link reproduces the result', async () => {
    const page = await openPage();
    await page.goto(`${e2e.stack.url}/calculator`);
    await page.getByRole('button', { name: /登\s?录/ }).waitFor(); // signed out, in the site shell

    // 1. A 3-day professional training ending in 2022 (the form starts on 培训).
    expect(await page.getByRole('combobox', { name: '活动类型' }).getAttribute('aria-required')).toBe('true');
    await typeDate(page, '结束日期', '2022-05-20');
    await page.getByRole('radiogroup', { name: '科目类别' }).getByRole('radio', { name: '专业科目' }).check();
    await page.getByLabel('全天天数').fill('3');
    await page.getByRole('button', { name: '添加到列表' }).click();

    // 2. A first-author paper in a domestic CN journal, 2022: the fields change with the kind.
    const kind = page.getByRole('combobox', { name: '活动类型' });
    await kind.click();
    await kind.fill('论文');
    await kind.press('Enter');
    await typeDate(page, '发表日期', '2022-09-01');
    expect(await page.getByLabel('全天天数').count()).toBe(0);
    await page.getByRole('radiogroup', { name: '作者排名' }).getByRole('radio', { name: '独立或第一作者' }).check();
    await page.getByRole('radiogroup', { name: '刊物类型' }).getByRole('radio', { name: '国内统一刊号（CN）刊物' }).check();
    await page.getByLabel('名称', { exact: true }).fill('基层医疗数字化实践');
    await page.getByRole('button', { name: '添加到列表' }).click();

    const list = page.getByRole('table', { name: '已添加的活动' });
    await expect.poll(() => list.getByRole('row').count()).toBe(3);
    expect(await list.innerText()).toContain('专业科目 · 3天');

    await page.getByRole('button', { name: '计算学时' }).click();
    await expectResult2022(page);

    // 3. The address is the shared link: a fresh visitor opening it sees the same list and result.
    const link = page.url();
    expect(new URL(link).searchParams.get('q')).toBeTruthy();
    await page.close();
    const visitor = await e2e.browser.newContext();
    const again = await openPage(visitor);
    await again.goto(link);
    await expectResult2022(again);
    await expect.poll(() => again.getByRole('table', { name: '已添加的活动' }).getByRole('row').count()).toBe(3);
    await visitor.close();
  });

  it('explains a broken shared link in zh-CN and starts empty', async () => {
    const page = await openPage();
    const q = Buffer.from(JSON.stringify({ activities: [{ kind: 'paper', date: '2022-02-30' }] })).toString('base64url');
    await page.goto(`${e2e.stack.url}/calculator?q=${q}`);
    const alert = page.getByRole('alert').filter({ hasText: '链接中的计算数据不符合要求' });
    await expect.poll(() => alert.innerText()).toContain('第1项（论文） · 发表日期：日期不存在');
    expect(await alert.innerText()).toContain('第1项（论文） · 作者排名：请填写作者排名');
    expect(await page.getByRole('table', { name: '已添加的活动' }).innerText()).toContain('尚未添加活动');
    await expect.poll(() => new URL(page.url()).searchParams.has('q')).toBe(false);
    await page.close();
  });
});
