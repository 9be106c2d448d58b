// columnMedian: what a playbook's suggestion reads (the median purchase cycle), against a sort in the test.
import { afterEach, describe, expect, it } from 'vitest';
import { DataApi } from '../../../src/worker/data-api.ts';
import { closeAllPorts, encode, importInto } from './pipes.ts';

afterEach(closeAllPorts);

describe('DataApi.columnMedian', () => {
  it('is the median of the non-NULL values, and null for text, missing columns or no values', async () => {
    const data = new DataApi();
    await importInto(data, encode('id,gap,empty,name\n1,30,,a\n2,7,,b\n3,,,c\n4,100,,d\n5,12.5,,e\n'), 't.csv');
    const gaps = [30, 7, 100, 12.5].sort((a, b) => a - b);
    expect(await data.columnMedian('t', 'gap')).toBe((gaps[1] + gaps[2]) / 2);
    await importInto(data, encode('id,gap\n1,3\n2,1\n3,2\n'), 'u.csv');
    expect(await data.columnMedian('u', 'gap')).toBe(2);
    expect(await data.columnMedian('t', 'name')).toBeNull();
    expect(await data.columnMedian('t', 'nope')).toBeNull();
    expect(await data.columnMedian('nope', 'gap')).toBeNull();
  });
});
