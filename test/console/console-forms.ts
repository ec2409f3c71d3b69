import type { Page } from 'playwright-core';
import { SCREENSHOTS } from './console-harness';

// Filling the forms the console generates from the API's JSON schema, the way a person does:
// fields are found by the ids the form library gives them (root_<field>, root_<field>_<index>).

const field = (page: Page, name: string) => page.locator(`.ant-modal-body #root_${name}, .ant-card #root_${name}`).first();

/** Types into a text field or text area. */
export async function type(page: Page, name: string, value: string): Promise<void> {
  await field(page, name).fill(value);
}

/** Picks an option of a select by the words it shows. */
export async function choose(page: Page, name: string, label: string): Promise<void> {
  await field(page, name).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

/** Ticks a checkbox. */
export async function tick(page: Page, name: string): Promise<void> {
  await field(page, name).check();
}

/** Enters a date and time, in Beijing time as the form asks. */
export async function dateTime(page: Page, name: string, value: Date): Promise<void> {
  const text = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(value);
  await field(page, name).fill(text.replace(' ', 'T'));
}

/** Fills a list of texts, adding entries as needed (a list with a minimum starts with one empty entry). */
export async function list(page: Page, name: string, values: string[]): Promise<void> {
  for (const [i, value] of values.entries()) {
    const item = page.locator(`#root_${name}_${i}`);
    if (!(await item.count())) await page.locator(`#root_${name}__add`).click();
    await item.fill(value);
  }
}

/** Fills a list of objects (meeting attendees, advisers' opinions…), adding entries as needed: text fields by name, choices by the words they show. */
export async function entries(page: Page, name: string, rows: Record<string, string | { choose: string }>[]): Promise<void> {
  for (const [i, row] of rows.entries()) {
    if (!(await page.locator(`[id^=root_${name}_${i}_]`).count())) await page.locator(`#root_${name}__add`).click();
    for (const [key, value] of Object.entries(row)) {
      if (typeof value === 'string') await type(page, `${name}_${i}_${key}`, value);
      else await choose(page, `${name}_${i}_${key}`, value.choose);
    }
  }
}

/** Opens the form of an event by its button (the API listed it in allowedEvents). */
export async function openEvent(page: Page, eventType: string): Promise<void> {
  await page.locator(`[data-testid=actions] button[data-event=${eventType}]:not([disabled])`).click();
  await page.locator('.ant-modal-body form').waitFor();
}

/** Submits the open form and waits until the API accepted it (the dialog closes). */
export async function submit(page: Page): Promise<void> {
  await page.locator('.ant-modal-body button[type=submit]').click();
  try {
    await page.locator('.ant-modal-body form').waitFor({ state: 'detached', timeout: 30_000 });
  } catch (error) {
    await page.screenshot({ path: `${SCREENSHOTS}/refused-form.png` }).catch(() => undefined);
    const text = await page.locator('.ant-modal-body').innerText().catch(() => '(gone)');
    const sending = await page.locator('.ant-modal-body button[type=submit]').isDisabled().catch(() => false);
    throw new Error(`the form was not accepted (${sending ? 'its request is still unanswered' : 'nothing was sent'}); the dialog says: ${text}`, { cause: error });
  }
}

/** Sends an event without fields (its form is only the submit button). */
export async function sendEmpty(page: Page, eventType: string): Promise<void> {
  await openEvent(page, eventType);
  await submit(page);
}
