import { describe, expect } from 'vitest';
import { test } from './app-test.ts';

/** 200 tags in one file: 194 good cuts, and six that each fail their own way. */
function twoHundredTags(): unknown[] {
  const good = Array.from({ length: 194 }, (_, i) => ({
    kind: 'cut',
    name: `spend_${i + 1}`,
    metric: 'revenue',
    thresholds: [10 * (i + 1)],
    segments: [{ label: 'under' }, { label: 'over' }],
  }));
  const bad = [
    { kind: 'flag', name: 'loop_a', when: "loop_b = 'yes'", whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } },
    { kind: 'flag', name: 'loop_b', when: "loop_a = 'yes'", whenTrue: { label: 'yes' }, whenFalse: { label: 'no' } },
    { kind: 'rules', name: 'empty_rules', rules: [] },
    { kind: 'cut', name: 'typo_metric', metric: 'revenu', thresholds: [100], segments: [{ label: 'a' }, { label: 'b' }] },
    { kind: 'cut', name: 'text_threshold', metric: 'revenue', thresholds: ['lots'], segments: [{ label: 'a' }, { label: 'b' }] },
    { kind: 'cut', name: 'lifecycle', metric: 'revenue', thresholds: [5], segments: [{ label: 'a' }, { label: 'b' }] },
  ];
  return [...good, ...bad];
}

describe('tags: bad input', () => {
  test('200 tags from a file: the broken ones say why, the others and the demo tags keep working; a bad file changes nothing', async ({ app }) => {
    const { page } = app;
    const lifecycle = page.getByRole('article', { name: 'Tag cell lifecycle' }).first();
    await lifecycle.getByText('5,050 customers in 4 segments').waitFor({ timeout: 60_000 });
    const tagCells = page.getByRole('article', { name: /^Tag cell / });
    const before = await tagCells.count();
    const picker = page.getByRole('toolbar', { name: 'Notebook tools' }).locator('input[type=file][accept*="json"]');

    // Not an array: a message, and no cell added.
    await picker.setInputFiles({ name: 'tags.json', mimeType: 'application/json', buffer: Buffer.from('{"kind":"cut"}') });
    await page.getByRole('alert').getByText('“tags.json” could not be read as tags: A tags file holds a JSON array of tag definitions.').waitFor();
    expect(await tagCells.count()).toBe(before);

    await picker.setInputFiles({ name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(twoHundredTags())) });
    await expect.poll(() => tagCells.count(), { timeout: 30_000 }).toBe(before + 200);

    const cell = (name: string) => page.getByRole('article', { name: `Tag cell ${name}` }).last();
    await cell('spend_194').getByText('5,050 customers in 2 segments').waitFor({ timeout: 60_000 });
    await cell('loop_a').getByRole('alert').getByText('These tags use each other in a circle: loop_a → loop_b → loop_a.').waitFor();
    await cell('loop_b').getByRole('alert').getByText(/These tags use each other in a circle/).waitFor();
    await cell('empty_rules').getByRole('alert').getByText(/has no rules yet/).waitFor();
    await cell('typo_metric').getByRole('alert').getByText(/revenu/).waitFor();
    await cell('text_threshold').getByRole('alert').getByText(/"lots"/).waitFor();
    await cell('lifecycle').getByRole('alert').getByText('Another tag is already named "lifecycle".').waitFor();

    // The demo's tags still have their segment tables, and a good tag from the file counts every customer.
    await lifecycle.getByText('5,050 customers in 4 segments').waitFor();
    const spend = cell('spend_1').getByRole('table', { name: 'Segments of spend_1' });
    const counts = await spend.evaluate((t) => [...(t as HTMLTableElement).tBodies[0].rows].map((r) => Number(r.cells[1].textContent?.replace(/,/g, ''))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5050);
  });

  test("a tag name with spaces or SQL, or another tag's name, is refused with a message and the name stays", async ({ app }) => {
    const { page } = app;
    const cell = page.getByRole('article', { name: 'Tag cell win_back' });
    await cell.getByText('5,050 customers in 2 segments').waitFor({ timeout: 60_000 });
    const name = cell.getByRole('textbox', { name: 'Name', exact: true });
    for (const [typed, message] of [
      ['win back', 'Use letters, digits and _ only, not starting with a digit.'],
      ['x; DROP TABLE t', 'Use letters, digits and _ only, not starting with a digit.'],
      ['Lifecycle', 'Another tag of this table is already named “Lifecycle”.'],
    ]) {
      await name.fill(typed);
      await name.press('Tab');
      await cell.getByRole('alert').getByText(message).waitFor();
      await expect.poll(() => name.inputValue()).toBe('win_back');
    }
    await name.fill('win_back_2');
    await name.press('Tab');
    await page.getByRole('article', { name: 'Tag cell win_back_2' }).waitFor();
  });
});
