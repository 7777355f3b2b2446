import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** antd's Select draws its options apart from its aria listbox; the drawn one carries the label as its title. */
export async function chooseOption(page: Page, combobox: string, option: string): Promise<void> {
  const box = page.getByRole('combobox', { name: combobox });
  const item = page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true });
  // A click that lands while the page re-renders (data arriving) can close the dropdown again.
  await expect
    .poll(async () => {
      if (!(await item.isVisible())) await box.click();
      return item.isVisible();
    })
    .toBe(true);
  await item.click();
}
