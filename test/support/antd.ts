import type { Page } from 'playwright-core';

/**
 * antd's Select draws its options apart from its aria listbox; the drawn one carries the label as its title.
 * A click that lands while the page re-renders (data arriving) can close the dropdown again, or the option is
 * still sliding in: open, click with a short timeout, and check the choice took, a few times over.
 */
export async function chooseOption(page: Page, combobox: string, option: string): Promise<void> {
  const box = page.getByRole('combobox', { name: combobox });
  const select = page.locator('.ant-select').filter({ has: box }).first();
  const item = page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true });
  let lastError: unknown;
  for (let attempt = 0; attempt < 6; attempt++) {
    try {
      if (!(await item.isVisible())) await box.click({ timeout: 5_000 });
      await item.click({ timeout: 5_000 });
    } catch (error) {
      lastError = error;
      continue;
    }
    if ((await select.innerText()).includes(option)) return;
  }
  throw new Error(`could not choose 「${option}」 in 「${combobox}」: ${String(lastError ?? 'the choice did not show')}`);
}
