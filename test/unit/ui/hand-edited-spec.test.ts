import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { checkExpression, parseHandEditedSpec } from '../../../src/ui/notebook/charts/hand-edited-spec.ts';

const BARS = {
  data: { name: 'table' },
  mark: 'bar',
  transform: [{ calculate: "format(datum.count, ',d') + ' customers'", as: 'countText' }],
  encoding: { y: { field: 'label', type: 'nominal' }, x: { field: 'count', type: 'quantitative' }, tooltip: { field: 'countText' } },
};

describe('hand-edited chart specs', () => {
  it('accepts a Vega-Lite spec over the named datasets, dropping usermeta', () => {
    const checked = parseHandEditedSpec(JSON.stringify({ ...BARS, usermeta: { embedOptions: { actions: true } } }));
    expect('spec' in checked && checked.spec.usermeta).toBeUndefined();
    expect('spec' in checked && checked.spec.mark).toBe('bar');
  });

  it('refuses text that is not a JSON object', () => {
    expect(parseHandEditedSpec('{"mark": ')).toMatchObject({ problem: { key: 'chart.specNotJson' } });
    expect(parseHandEditedSpec('[1, 2]')).toMatchObject({ problem: { key: 'chart.specNotObject' } });
  });

  it('refuses URLs anywhere: data, images, links', () => {
    expect(parseHandEditedSpec(JSON.stringify({ ...BARS, data: { url: 'https://evil.example/x.csv' } }))).toMatchObject({
      problem: { key: 'chart.specUrl', params: { where: 'data.url' } },
    });
    const layered = { layer: [BARS, { ...BARS, mark: 'image', encoding: { url: { value: 'https://evil.example/p.png' } } }] };
    expect(parseHandEditedSpec(JSON.stringify(layered))).toMatchObject({ problem: { key: 'chart.specUrl', params: { where: 'layer[1].encoding.url' } } });
    expect(parseHandEditedSpec(JSON.stringify({ ...BARS, encoding: { ...BARS.encoding, href: { field: 'label' } } }))).toMatchObject({ problem: { key: 'chart.specUrl' } });
  });

  it('allows only listed functions in expressions', () => {
    expect(checkExpression("format(datum.x, '.1f')", 'calculate')).toBeNull();
    expect(checkExpression('abs(datum.x) > 2 ? upper(datum.y) : lower(datum.y)', 'filter')).toBeNull();
    expect(checkExpression("httpRequest('x')", 'calculate')).toMatchObject({ key: 'chart.specInvalid' });
    expect(checkExpression('datum.a.constructor.constructor("alert(1)")()', 'calculate')).toMatchObject({ key: 'chart.specInvalid' });
    const hostile = { ...BARS, transform: [{ filter: "data('table') && sampleLogNormal()" }] };
    expect(parseHandEditedSpec(JSON.stringify(hostile))).toMatchObject({ problem: { key: 'chart.specInvalid' } });
    expect(parseHandEditedSpec(JSON.stringify({ ...BARS, params: [{ name: 'p', expr: 'windowSize()' }] }))).toMatchObject({ problem: { key: 'chart.specInvalid' } });
  });

  it('refuses a spec that Vega-Lite\'s JSON schema does not accept, saying where', () => {
    expect(parseHandEditedSpec(JSON.stringify({ data: { name: 'table' }, mark: 'no-such-mark' }))).toMatchObject({ problem: { key: 'chart.specSchema' } });
    // Vega-Lite's compiler lets an unknown property through; the schema does not.
    const unknown = { ...BARS, colour: 'red' };
    expect(() => compile(structuredClone(unknown) as never)).not.toThrow();
    expect(parseHandEditedSpec(JSON.stringify(unknown))).toEqual({ problem: { key: 'chart.specSchema', params: { message: 'colour: not a property Vega-Lite allows here' } } });
  });
});
