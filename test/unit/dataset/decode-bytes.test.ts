// Invariant: bytes become text before any CSV parsing, in the right encoding, and nothing is lost
// silently — a stripped BOM is flagged, every U+FFFD is counted with its lines, binary files
// and empty files are refused with a clear ImportError.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../src/engine/dataset/decode-bytes.ts';
import { isImportError } from '../../../src/engine/dataset/import-error.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const hex = (text: string): Uint8Array => new Uint8Array(text.trim().split(/\s+/).map((pair) => parseInt(pair, 16)));

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let at = 0;
  if (bom) {
    view.setUint16(0, 0xfeff, littleEndian);
    at = 2;
  }
  for (let i = 0; i < text.length; i++, at += 2) view.setUint16(at, text.charCodeAt(i), littleEndian);
  return out;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isImportError(error) ? error.code : `not an ImportError: ${String(error)}`;
  }
  return undefined;
}

// '客户,金额\n张三,"¥1,234.50"\n' encoded with `iconv -f utf-8 -t gb18030`: ¥ (U+00A5) is the
// four-byte sequence 81 30 84 36, which the WHATWG `gbk` decoder maps elsewhere.
const GB18030_YEN = hex('bf cd bb a7 2c bd f0 b6 ee 0a d5 c5 c8 fd 2c 22 81 30 84 36 31 2c 32 33 34 2e 35 30 22 0a');

describe('decodeBytes(bytes, encoding?): DecodedText', () => {
  it.each([
    ['UTF-8 with BOM', bytes(0xef, 0xbb, 0xbf, ...utf8('客户,金额\n')), 'utf-8'],
    ['UTF-16 LE with BOM', utf16('客户,金额\n', true, true), 'utf-16le'],
    ['UTF-16 BE with BOM', utf16('客户,金额\n', false, true), 'utf-16be'],
  ] as const)('decodes %s by its byte-order mark and strips the mark', (_name, input, encoding) => {
    expect(decodeBytes(input)).toEqual({
      text: '客户,金额\n',
      encoding,
      bom: true,
      replacementCount: 0,
      replacementLines: [],
      detectedBy: 'bom',
    });
  });

  it('decodes valid UTF-8 without a BOM as utf-8 (valid-utf-8)', () => {
    const decoded = decodeBytes(utf8('订单号,客户\n2024031312345678901,张三\n'));
    expect(decoded).toMatchObject({ text: '订单号,客户\n2024031312345678901,张三\n', encoding: 'utf-8', bom: false, detectedBy: 'valid-utf-8', replacementCount: 0 });
  });

  it('decodes GB18030 bytes with the gb18030 label, ¥ included', () => {
    const decoded = decodeBytes(GB18030_YEN);
    expect(decoded).toMatchObject({ text: '客户,金额\n张三,"¥1,234.50"\n', encoding: 'gb18030', detectedBy: 'looks-like-gb18030', replacementCount: 0 });
  });

  it('decodes the full-width ￥ (GB2312 A3 A4) and an Excel-style GB18030 export with title lines', () => {
    expect(decodeBytes(hex('bd f0 b6 ee 0a a3 a4 31 32 0a')).text).toBe('金额\n￥12\n');
    const decoded = decodeBytes(new Uint8Array(readFileSync(new URL('../../fixtures/orders-gb18030.csv', import.meta.url))));
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toBe(
      '订单报表\n导出时间: 2024-01-01\n订单号,客户,实付金额,状态\n2024031312345678901,张三,￥1234.50,已付款\n2024031312345678902,李四,"¥1,000.00",退款\n',
    );
  });

  it.each([
    ['café', hex('63 61 66 e9 0a'), 'café\n'],
    ['Müller,München / café,crème', hex('4d fc 6c 6c 65 72 2c 4d fc 6e 63 68 65 6e 0a 63 61 66 e9 2c 63 72 e8 6d 65 0a'), 'Müller,München\ncafé,crème\n'],
    ['curly quotes and €', hex('93 61 94 2c 80 35 0a'), '“a”,€5\n'],
  ])('falls back to windows-1252 for Latin-1 text (%s), flagged as a guess', (_name, input, text) => {
    expect(decodeBytes(input)).toMatchObject({ text, encoding: 'windows-1252', detectedBy: 'fallback', replacementCount: 0 });
  });

  it('keeps a UTF-8 file with a few broken bytes as UTF-8 and counts the U+FFFD with their lines', () => {
    const good = utf8('客户,城市,金额,备注\n张三,北京,100,老客户\n');
    const input = new Uint8Array([...good, ...utf8('李四,上海,200,'), 0xff, 0x0a, ...utf8('王五,广州,300,新客户\n赵六,深圳,'), 0xc3, 0x0a]);
    const decoded = decodeBytes(input);
    expect(decoded).toMatchObject({ encoding: 'utf-8', detectedBy: 'fallback', replacementCount: 2, replacementLines: [3, 5] });
  });

  it('reports at most ten replacement lines but counts every replacement', () => {
    const input = utf8(Array.from({ length: 12 }, (_, i) => `row ${i},\uFFFD\uFFFD`).join('\r\n'));
    const decoded = decodeBytes(input);
    expect(decoded.replacementCount).toBe(24);
    expect(decoded.replacementLines).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('honours a forced encoding (detectedBy user) and counts the replacements it causes', () => {
    const decoded = decodeBytes(hex('61 0a 63 61 66 e9 0a'), 'utf-8');
    expect(decoded).toMatchObject({ text: 'a\ncaf\uFFFD\n', encoding: 'utf-8', detectedBy: 'user', replacementCount: 1, replacementLines: [2] });
    expect(decodeBytes(GB18030_YEN, 'gb18030').text).toBe('客户,金额\n张三,"¥1,234.50"\n');
    expect(decodeBytes(hex('63 61 66 e9'), 'windows-1252')).toMatchObject({ text: 'café', detectedBy: 'user' });
  });

  it('strips a BOM that matches a forced encoding', () => {
    expect(decodeBytes(bytes(0xef, 0xbb, 0xbf, 0x61), 'utf-8')).toMatchObject({ text: 'a', bom: true, detectedBy: 'user' });
    expect(decodeBytes(utf16('a,b', true, true), 'utf-16le')).toMatchObject({ text: 'a,b', bom: true });
  });

  it.each([
    ['little-endian', true, 'utf-16le'],
    ['big-endian', false, 'utf-16be'],
  ] as const)('detects %s UTF-16 without a BOM from its NUL pattern, as a guess', (_name, littleEndian, encoding) => {
    const decoded = decodeBytes(utf16('customer,amount\nC001,12.50\n张三,8\n', littleEndian, false));
    expect(decoded).toMatchObject({ text: 'customer,amount\nC001,12.50\n张三,8\n', encoding, bom: false, detectedBy: 'fallback' });
  });

  it.each([
    ['a PNG image', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52), /PNG image/],
    ['a ZIP archive or .xlsx workbook', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8('[Content_Types].xml')]), /xlsx/],
    ['an old .xls workbook', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0), /\.xls workbook/],
    ['a PDF document', utf8('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n'), /PDF document/],
    ['a gzip file', bytes(0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0), /gzip/],
    ['unknown binary data', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)), /binary/],
    ['mostly NUL bytes', new Uint8Array([...utf8('id,name\n'), ...new Uint8Array(64)]), /binary/],
  ])('refuses %s as binary-file with a clear message', (_name, input, message) => {
    expect(codeOf(() => decodeBytes(input))).toBe('binary-file');
    expect(() => decodeBytes(input)).toThrow(message);
  });

  it('does not call a text file with a stray NUL or vertical tabs binary (csvkit null_byte.csv, test_header_newline.csv)', () => {
    expect(decodeBytes(utf8('a,b,c\n\0,2,3\n')).text).toBe('a,b,c\n\0,2,3\n');
    expect(decodeBytes(utf8('"\t\n\v\f\r start \t\n\v\f\r end \t\n\v\f\r",b,c\nd,e,f\n')).encoding).toBe('utf-8');
  });

  it.each([
    ['no bytes', new Uint8Array(0)],
    ['only a UTF-8 BOM', bytes(0xef, 0xbb, 0xbf)],
    ['only blank lines and spaces', utf8('\r\n \n\t\n')],
    ['only a UTF-16 BOM', bytes(0xff, 0xfe)],
  ])('throws empty-file for %s', (_name, input) => {
    expect(codeOf(() => decodeBytes(input))).toBe('empty-file');
  });
});
