import { describe, expect, it } from 'vitest';
import { loadCsv } from '../../../src/engine/dataset/load-csv.ts';

const encode = (text: string) => new TextEncoder().encode(text);

describe('loadCsv(bytes, options)', () => {
  it('names the _extra column so it does not collide with a real one', () => {
    const result = loadCsv(encode('a,_extra\n1,2\n3,4,5\n'), { timeZone: 'UTC' });
    expect(result.columns.map((c) => c.name)).toEqual(['a', '_extra', '_extra_2']);
  });

  it('refuses a type override for a column that does not exist, naming the columns', () => {
    expect(() => loadCsv(encode('a,b\n1,2\n'), { columns: { c: { type: 'date' } } })).toThrow(/no column named “c”.*a, b/);
  });

  it('applies renames, and refuses two columns with the same name', () => {
    const renamed = loadCsv(encode('1,2\n3,4\n'), { hasHeader: false, renames: { column_1: 'id', column_2: 'amount' } });
    expect(renamed.columns.map((c) => c.name)).toEqual(['id', 'amount']);
    expect(() => loadCsv(encode('a,b\n1,2\n'), { renames: { b: 'a' } })).toThrow(/both be named “a”/);
  });

  it('reads columns named like Object members without finding overrides on the prototype', () => {
    const result = loadCsv(encode('__proto__,constructor,toString\n1,2024-01-02,x\n'), { timeZone: 'UTC', columns: { toString: { type: 'text' as const } } });
    expect(result.columns.map((c) => [c.name, c.spec.type])).toEqual([
      ['__proto__', 'integer'],
      ['constructor', 'date'],
      ['toString', 'text'],
    ]);
  });

  it('re-detects the header for a delimiter the user chose', () => {
    const result = loadCsv(encode('客户;金额\n00004;12,50\n00005;3,00\n'), { delimiter: ';' });
    expect(result.dialect).toEqual({ delimiter: ';', skipLines: 0, hasHeader: true });
    expect(result.columns.map((c) => [c.name, c.spec.type])).toEqual([
      ['客户', 'text'],
      ['金额', 'decimal'],
    ]);
  });

  it('reports an encoding it had to guess', () => {
    const latin1 = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]); // name\ncafé\n
    const result = loadCsv(latin1);
    expect(result.encoding).toBe('windows-1252');
    expect(result.issues.map((i) => i.code)).toContain('encoding-guessed');
  });

  it('reads with the encoding the user forces, counting replacement characters', () => {
    const result = loadCsv(encode('name\n张三\n'), { encoding: 'windows-1252' });
    expect(result.encodingDetectedBy).toBe('user');
    const forcedUtf8 = loadCsv(new Uint8Array([0x6e, 0x0a, 0xff, 0x0a]), { encoding: 'utf-8' });
    expect(forcedUtf8.issues.find((i) => i.code === 'replacement-characters')).toMatchObject({ count: 1, lines: [2] });
  });
});
