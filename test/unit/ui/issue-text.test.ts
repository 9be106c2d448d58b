// Invariant: every issue and import error the engine produces reads in both languages. The
// English template, filled from the issue's params, says exactly what the engine's English
// message says (so the templates cannot drift from the engine), and the zh-CN sentence is
// Chinese with every placeholder filled.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildColumnIssues, type ColumnFindings } from '../../../src/engine/dataset/build-column-issues.ts';
import { buildNumericColumn } from '../../../src/engine/dataset/build-numeric-column.ts';
import { checkImportSize } from '../../../src/engine/dataset/check-import-size.ts';
import { decodeBytes } from '../../../src/engine/dataset/decode-bytes.ts';
import { isImportError } from '../../../src/engine/dataset/import-error.ts';
import { inferCellKinds } from '../../../src/engine/dataset/infer-cell-kinds.ts';
import { inferColumnType } from '../../../src/engine/dataset/infer-column-type.ts';
import { loadCsv, type LoadCsvOptions } from '../../../src/engine/dataset/load-csv.ts';
import { loadXlsx } from '../../../src/engine/dataset/load-xlsx.ts';
import type { ColumnSpec, IssueCode, ImportIssue } from '../../../src/engine/dataset/types.ts';
import { issueText, issueTextKey, issueTextNamesLine, type IssueSentence } from '../../../src/ui/format/issue-text.ts';
import { I18n } from '../../../src/ui/i18n/i18n.svelte.ts';
import { enIssues, zhIssues } from '../../../src/ui/i18n/messages-issues.ts';
import { en as messages, placeholdersOf } from '../../../src/ui/i18n/messages.ts';
import { toTagbookError } from '../../../src/worker/client.ts';
import { readFile } from '../../../src/worker/read-file.ts';
import { makeXlsx } from '../../helpers/xlsx.ts';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const TZ = { timeZone: 'UTC' };

/** The issues of importing `csv` with `options`. */
function issuesOf(csv: string | Uint8Array, options: LoadCsvOptions = {}): ImportIssue[] {
  return loadCsv(typeof csv === 'string' ? encode(csv) : csv, { ...TZ, ...options }).issues;
}

/** The ImportError thrown by `run` (sync or async), as the sentence the UI gets. */
async function errorOf(run: () => unknown): Promise<IssueSentence & { line?: number }> {
  try {
    await run();
  } catch (error) {
    if (!isImportError(error)) throw error;
    return { code: error.code, message: error.message, params: error.params, line: error.line };
  }
  throw new Error('expected an ImportError');
}

/** The findings of one column named `header` (as in build-column-issues.test.ts). */
function columnIssues(cells: string[], spec: ColumnSpec | null, header = 'c'): ImportIssue[] {
  const inference = inferColumnType(cells, [header]);
  const used = spec ?? inference.spec;
  const scan = used.type === 'text' ? null : inferCellKinds(cells, { decimalSeparator: '.', dateOrder: used.dateOrder ?? 'mdy', dateFormat: used.dateFormat ?? 'auto' }, false);
  const findings: ColumnFindings = {
    name: header,
    spec: used,
    inference,
    numeric: scan && used.type !== 'text' ? { scan, built: buildNumericColumn(scan, used.type, 'UTC') } : null,
    userChoseDateOrder: false,
    timeZone: 'UTC',
    cellAt: (i) => cells[i],
    lineOf: (i) => i + 2,
  };
  return buildColumnIssues(findings);
}

/** A ZIP archive holding `files` (XML text), for workbooks that are broken on purpose. */
function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, encode(text)])));
}

const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const NO_SHEETS = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>';

/** Picks the issue with `code` (and `variant`) out of `issues`. */
function pick(issues: ImportIssue[], code: IssueCode, variant?: string): ImportIssue {
  const found = issues.find((issue) => issue.code === code && issue.params?.variant === variant);
  if (!found) throw new Error(`no ${code}${variant ? `.${variant}` : ''} among ${issues.map((i) => i.code).join(', ')}`);
  return found;
}

/** A file that is not quite UTF-8: one byte cannot be decoded. */
const BROKEN_UTF8 = new Uint8Array([...encode('name,n\nAnna,1\nBob,2\nCara,3\nDan,4\nEve,5\nFay,'), 0xff, ...encode('6\n')]);

/** One case per template: a name, and the engine's sentence it must say. */
const CASES: [string, () => Promise<IssueSentence> | IssueSentence][] = [
  ['file-too-large', () => errorOf(() => checkImportSize(800 * 1024 * 1024))],
  ['binary-file.zip', () => errorOf(() => decodeBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2])))],
  ['binary-file.xls', () => errorOf(() => decodeBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])))],
  ['binary-file.pdf', () => errorOf(() => decodeBytes(encode('%PDF-1.7\n')))],
  ['binary-file.png', () => errorOf(() => decodeBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])))],
  ['binary-file.jpeg', () => errorOf(() => decodeBytes(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])))],
  ['binary-file.gif', () => errorOf(() => decodeBytes(encode('GIF89a')))],
  ['binary-file.gzip', () => errorOf(() => decodeBytes(new Uint8Array([0x1f, 0x8b, 8, 0])))],
  ['binary-file.sqlite', () => errorOf(() => decodeBytes(encode('SQLite format 3\0')))],
  ['binary-file.control-bytes', () => errorOf(() => decodeBytes(new Uint8Array(64).fill(3)))],
  ['empty-file.no-bytes', () => errorOf(() => decodeBytes(new Uint8Array(0)))],
  ['empty-file.blank', () => errorOf(() => decodeBytes(encode(' \n\n  ')))],
  ['no-columns', () => errorOf(async () => loadXlsx(await makeXlsx([{ name: 'S', rows: [[null]] }]), TZ))],
  ['bad-option.unknown-sheet', () => errorOf(async () => loadXlsx(await makeXlsx([{ name: '订单', rows: [['a'], ['1']] }]), { ...TZ, sheet: 'Sheet9' }))],
  ['bad-option.unknown-column', () => errorOf(() => loadCsv(encode('a,b\n1,2\n'), { ...TZ, columns: { c: { type: 'text' } } }))],
  ['bad-option.same-name', () => errorOf(() => loadCsv(encode('a,b\n1,2\n'), { ...TZ, renames: { a: 'b' } }))],
  ['bad-option.delimiter', () => errorOf(() => loadCsv(encode('a,b\n1,2\n'), { ...TZ, delimiter: '#' as never }))],
  ['bad-option.skip-lines', () => errorOf(() => loadCsv(encode('a,b\n1,2\n'), { ...TZ, skipLines: -1 }))],
  ['bad-option.column-option', () => errorOf(() => loadCsv(encode('a,b\n1,2\n'), { ...TZ, columns: { a: { type: 'money' as never } } }))],
  ['bad-option.time-zone', () => errorOf(() => loadCsv(encode('a,b\n1,2\n'), { timeZone: 'Mars/Olympus' }))],
  ['xlsx-unreadable.not-zip', () => errorOf(() => loadXlsx(encode('a,b\n1,2\n'), TZ))],
  ['xlsx-unreadable.archive', () => errorOf(async () => loadXlsx(zipOf({ 'xl/workbook.xml': NO_SHEETS }).slice(0, 40), TZ))],
  ['xlsx-unreadable.no-workbook', () => errorOf(() => loadXlsx(zipOf({ '[Content_Types].xml': CONTENT_TYPES }), TZ))],
  [
    'xlsx-unreadable.sheet',
    () => errorOf(() => loadXlsx(zipOf({ '[Content_Types].xml': CONTENT_TYPES, 'xl/workbook.xml': NO_SHEETS.replace('<sheets/>', '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>') }), TZ)),
  ],
  ['xlsx-unreadable.no-sheets', () => errorOf(() => loadXlsx(zipOf({ '[Content_Types].xml': CONTENT_TYPES, 'xl/workbook.xml': NO_SHEETS }), TZ))],
  ['unclosed-quote.never-ends', () => errorOf(() => loadCsv(encode('id,note\n1,a\n2,"never\nends\n3,x\n'), TZ))],
  ['unclosed-quote.runs-on', () => errorOf(() => loadCsv(encode('a,b\n"abc"x,1\n2,3\n"d",4\n'), TZ))],
  ['replacement-characters', () => pick(issuesOf(BROKEN_UTF8, { encoding: 'utf-8' }), 'replacement-characters')],
  ['encoding-guessed', () => pick(issuesOf(BROKEN_UTF8), 'encoding-guessed')],
  ['lines-skipped-above-header_other', () => pick(issuesOf('\n,\n订单号,客户,金额\n2024031312345678901,张三,12.50\n2024031312345678902,李四,8.00\n'), 'lines-skipped-above-header')],
  ['lines-skipped-above-header.titled_one', () => pick(issuesOf('订单报表\n订单号,客户,金额\n2024031312345678901,张三,12.50\n2024031312345678902,李四,8.00\n'), 'lines-skipped-above-header', 'titled')],
  [
    'lines-skipped-above-header.titled_other',
    () => pick(issuesOf('订单报表\n导出时间: 2024-01-01\n订单号,客户,金额\n2024031312345678901,张三,12.50\n2024031312345678902,李四,8.00\n'), 'lines-skipped-above-header', 'titled'),
  ],
  ['no-header', () => pick(issuesOf('   00004 00001 19970101  2  29.33\r\n   00004 00001 19970118  2  29.73\r\n'), 'no-header')],
  ['blank-lines_one', () => pick(issuesOf('a,b\n1,2\n\n3,4\n'), 'blank-lines')],
  ['blank-lines_other', () => pick(issuesOf('a,b\n1,2\n\n\n3,4\n'), 'blank-lines')],
  ['blank-lines.sheet_one', async () => pick((await loadXlsx(await makeXlsx([{ name: 'S', rows: [['id', 'n'], ['a', 1], [null], ['b', 2]] }]), TZ)).issues, 'blank-lines', 'sheet')],
  ['header-empty_one', () => pick(issuesOf('a,,c\n1,2,3\n'), 'header-empty')],
  ['header-empty_other', () => pick(issuesOf('a,,,d\n1,2,3,4\n'), 'header-empty')],
  ['header-duplicate', () => pick(issuesOf('a,a\n1,2\n'), 'header-duplicate')],
  ['header-duplicate.more', () => pick(issuesOf('a,a,a,a,a,a,a,a\n1,2,3,4,5,6,7,8\n'), 'header-duplicate', 'more')],
  ['header-control-characters_one', () => pick(issuesOf('"order\ndate",b\n1,2\n'), 'header-control-characters')],
  ['header-trimmed_other', () => pick(issuesOf(' a , b \n1,2\n'), 'header-trimmed')],
  ['unclosed-quote_one', () => pick(issuesOf('a,b\n"He said "hi" to me",2\n3,4\n'), 'unclosed-quote')],
  ['ragged-row-long_one', () => pick(issuesOf('a,b\n1,2,3\n4,5\n'), 'ragged-row-long')],
  ['ragged-row-long.sheet_one', async () => pick((await loadXlsx(await makeXlsx([{ name: 'S', rows: [['a', 'b'], ['1', '2', 'x'], ['3', '4']] }]), TZ)).issues, 'ragged-row-long', 'sheet')],
  ['ragged-row-short_other', () => pick(issuesOf('a,b,c\n1,2\n3,4\n5,6,7\n'), 'ragged-row-short')],
  ['rows-excluded', () => pick(issuesOf('a,b\n1,2,3\n4,5\n', { raggedRows: 'exclude' }), 'rows-excluded')],
  ['bad-cells', () => pick(issuesOf('n\n1\nx\n3\n', { columns: { n: { type: 'integer' } } }), 'bad-cells')],
  ['bad-cells.big-integer', () => pick(columnIssues(['1', '12345678901234567890'], { type: 'integer' }), 'bad-cells', 'big-integer')],
  ['id-decimal-artifact', () => pick(columnIssues(['17850.0', '1.7E+4'], null, 'CustomerID'), 'id-decimal-artifact')],
  ['id-scientific-notation', () => pick(columnIssues(['17850.0', '1.7E+4'], null, 'CustomerID'), 'id-scientific-notation')],
  ['id-kept-as-text (name)', () => pick(columnIssues(['17850', '17851'], null, 'CustomerID'), 'id-kept-as-text')],
  ['id-kept-as-text (name, leading zeros)', () => pick(issuesOf('客户编号,n\n00004,1\n00005,2\n'), 'id-kept-as-text')],
  ['id-kept-as-text (long numbers)', () => pick(issuesOf('order,n\n2019031234567890123,1\n2019031234567890124,2\n'), 'id-kept-as-text')],
  ['date-order-ambiguous', () => pick(issuesOf('d\n01/02/2019\n03/04/2019\n'), 'date-order-ambiguous')],
  ['date-yyyymmdd-suggested', () => pick(issuesOf('signup,n\n20240105,1\n20240229,2\n'), 'date-yyyymmdd-suggested')],
  ['date-zone-converted', () => pick(issuesOf('t\n2024-01-05T10:30:00+08:00\n2024-01-06T10:30:00+08:00\n'), 'date-zone-converted')],
  ['nul-characters_other', () => pick(issuesOf('a,b,c\n\0,2,3\n4,\u0000\u00005,6\n'), 'nul-characters')],
];

const en = new I18n('en');
const zh = new I18n('zh-CN');

/** Returns `text` without the values of `params` (names, examples, library details stay as written). */
function withoutParams(text: string, params: IssueSentence['params'] = {}): string {
  return Object.values(params).reduce<string>((rest, value) => rest.replaceAll(String(value), ''), text);
}

describe('issueText(i18n, sentence)', () => {
  it.each(CASES)('says %s in English exactly as the engine, and in Chinese', async (name, make) => {
    const sentence = await make();
    expect(issueTextKey(sentence), sentence.message).toBe(`issueText.${name.replace(/ \(.*\)$/, '')}`);
    // A template was used, not the message passed through.
    expect(issueText(en, { ...sentence, message: '' })).toBe(sentence.message);
    const chinese = issueText(zh, sentence);
    expect(chinese).not.toContain('{');
    expect(chinese).not.toBe(sentence.message);
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);
    // No English sentence left: at most a word or two of it (format names, “UTC”, “NUL”) besides the params.
    expect(withoutParams(chinese, sentence.params)).not.toMatch(/[A-Za-z]+[ ,]+[A-Za-z]+[ ,]+[A-Za-z]+/);
  });

  it('covers every issue code and every template but the other count form', async () => {
    const used = new Set((await Promise.all(CASES.map(([, make]) => make()))).map((sentence) => issueTextKey(sentence)?.replace(/_(one|other)$/, '')));
    const templates = Object.keys(enIssues).filter((key) => key.startsWith('issueText.'));
    for (const key of templates) expect(used, key).toContain(key.replace(/_(one|other)$/, ''));
    const codes = Object.keys(messages).filter((key) => key.startsWith('issue.'));
    for (const key of codes) expect(templates.some((t) => t.startsWith(`issueText.${key.slice('issue.'.length)}`)), key).toBe(true);
  });

  it('falls back to the English message without params, or when a placeholder has no value', () => {
    const message = 'Skipped 2 blank lines.';
    expect(issueText(zh, { code: 'blank-lines', message })).toBe(message);
    expect(issueText(zh, { code: 'bad-cells', message, params: { count: 2 } })).toBe(message);
    expect(issueText(zh, { code: 'no-such-code', message, params: {} })).toBe(message);
    expect(issueText(zh, { code: 'binary-file', message, params: { variant: 'tar' } })).toBe(message);
  });

  it('writes counts in the language’s number format and Chinese as Chinese', () => {
    expect(issueText(zh, { code: 'ragged-row-long', message: '', params: { count: 12000, width: 5 } })).toBe('有 12,000 行的字段数多于表头（5 个）。');
    expect(issueText(zh, { code: 'unclosed-quote', message: '', params: { line: 7, variant: 'never-ends' } })).toBe('第 7 行：有一个带引号的字段从这里开始，但始终没有结束。');
  });

  it('knows when the sentence already names the line of an error', async () => {
    const error = await errorOf(() => loadCsv(encode('id,note\n1,"never\nends\n'), TZ));
    expect(issueTextNamesLine(zh, error, 2)).toBe(true);
    expect(issueTextNamesLine(zh, { code: 'internal', message: 'boom' }, 2)).toBe(false);
    expect(issueTextNamesLine(zh, { code: 'internal', message: 'Line 2: boom' }, 2)).toBe(true);
  });
});

describe('an import error crossing the worker boundary', () => {
  it('keeps its params, so the page can say it in Chinese', async () => {
    let thrown: unknown = null;
    await readFile(encode('id,note\n1,"never\nends\n'), 'notes.csv', TZ).catch((error: unknown) => (thrown = structuredClone(error)));
    const error = toTagbookError(thrown);
    expect(error).toMatchObject({ code: 'unclosed-quote', line: 2, params: { line: 2, variant: 'never-ends' } });
    expect(issueText(zh, error)).toBe('第 2 行：有一个带引号的字段从这里开始，但始终没有结束。');
  });
});

describe('the issue sentences (messages-issues.ts)', () => {
  it('has the same keys and placeholders in English and Chinese', () => {
    expect(Object.keys(zhIssues).sort()).toEqual(Object.keys(enIssues).sort());
    for (const key of Object.keys(enIssues) as (keyof typeof enIssues)[]) {
      expect(placeholdersOf(zhIssues[key]), key).toEqual(placeholdersOf(enIssues[key]));
      expect(zhIssues[key], key).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
