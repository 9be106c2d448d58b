// A share link carries a template and nothing else: what comes out is validated like a file, and hostile links fail fast.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { defaultParameters, demoNotebook, readWorkspaceDefinition, type Cell } from '../../../src/engine/index.ts';
import {
  decodeShareLink,
  encodeShareLink,
  hasShareLink,
  SHARE_LINK_MAX_BYTES,
  ShareLinkError,
  toTemplate,
  type ShareLinkErrorCode,
  type TemplateDefinition,
} from '../../../src/engine/workspace/index.ts';
import { workspaceArbitrary } from './workspace-arbitraries.ts';

const fixture = readWorkspaceDefinition(readFileSync(join(import.meta.dirname, 'fixtures/workspace-v1.json'), 'utf8'));
if ('problems' in fixture) throw new Error(JSON.stringify(fixture.problems));
const fixtureTemplate = toTemplate(fixture.definition);
const demoTemplate = toTemplate({ format: 'tagbook-workspace', version: 1, name: 'Demo shop', cells: demoNotebook('en'), parameters: defaultParameters() });

/** A fragment carrying `value` (any JSON, valid template or not) the way encodeShareLink writes one. */
function linkOf(value: unknown): string {
  return `template=${toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(value)), { level: 9 }))}`;
}

function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** The ShareLinkError `run` throws. */
function errorOf(run: () => unknown): ShareLinkError {
  try {
    run();
  } catch (error) {
    if (error instanceof ShareLinkError) return error;
    throw error;
  }
  throw new Error('expected a ShareLinkError');
}

function expectCode(run: () => unknown, code: ShareLinkErrorCode): ShareLinkError {
  const error = errorOf(run);
  expect(error.code).toBe(code);
  return error;
}

describe('encodeShareLink(template) / decodeShareLink(fragment)', () => {
  it('round-trips the fixture workspace as its template', () => {
    const { fragment, compressedBytes } = encodeShareLink(fixtureTemplate);
    expect(fragment).toMatch(/^template=[A-Za-z0-9_-]+$/);
    expect(compressedBytes).toBeLessThanOrEqual(SHARE_LINK_MAX_BYTES);
    expect(decodeShareLink(fragment)).toEqual({ definition: fixtureTemplate });
    expect(decodeShareLink(`#${fragment}`)).toEqual({ definition: fixtureTemplate });
  });

  it('round-trips random templates that fit, whatever text their notes and labels hold', () => {
    fc.assert(
      fc.property(workspaceArbitrary, (workspace) => {
        const template = toTemplate(workspace);
        let encoded: { fragment: string };
        try {
          encoded = encodeShareLink(template);
        } catch (error) {
          if (error instanceof ShareLinkError && error.code === 'too-large') return;
          throw error;
        }
        expect(decodeShareLink(encoded.fragment)).toEqual({ definition: template });
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same link for the same template, whatever order its keys were built in', () => {
    const reordered = JSON.parse(JSON.stringify({ parameters: fixtureTemplate.parameters, cells: fixtureTemplate.cells, name: fixtureTemplate.name, version: 1, format: 'tagbook-template' })) as TemplateDefinition;
    expect(encodeShareLink(reordered).fragment).toBe(encodeShareLink(fixtureTemplate).fragment);
  });

  it('fits the demo notebook template in a link, in both languages', () => {
    // At the time of writing: 2,100 bytes compressed in English (a 2,809-character fragment), 2,337 in Chinese.
    for (const language of ['en', 'zh-CN']) {
      const template = toTemplate({ format: 'tagbook-workspace', version: 1, name: 'Demo shop', cells: demoNotebook(language), parameters: defaultParameters() });
      const { fragment, compressedBytes } = encodeShareLink(template);
      expect(compressedBytes).toBeLessThanOrEqual(SHARE_LINK_MAX_BYTES);
      expect(fragment.length).toBe('template='.length + Math.ceil((compressedBytes * 4) / 3));
      expect(decodeShareLink(fragment)).toEqual({ definition: template });
    }
  });
});

describe('encodeShareLink(template)', () => {
  it('refuses a template that compresses to over the limit, saying its size', () => {
    // Incompressible text: each note is random base64url.
    const random = fc.sample(fc.uint8Array({ minLength: 3000, maxLength: 3000 }), { numRuns: 5, seed: 7 });
    const cells: Cell[] = random.map((bytes, i) => ({ id: `note-${i}`, kind: 'note', collapsed: false, markdown: toBase64Url(bytes) }));
    const error = expectCode(() => encodeShareLink({ ...demoTemplate, cells: [...demoTemplate.cells, ...cells] }), 'too-large');
    expect(error.params).toEqual({ bytes: expect.any(Number), max: SHARE_LINK_MAX_BYTES });
    expect(error.params!.bytes).toBeGreaterThan(SHARE_LINK_MAX_BYTES);
    expect(error.message).toContain(error.params!.bytes.toLocaleString('en'));
  });
});

describe('decodeShareLink(fragment)', () => {
  it('finds the template among other fragment parts', () => {
    const { fragment } = encodeShareLink(fixtureTemplate);
    expect(decodeShareLink(`#view=1&${fragment}&lang=en`)).toEqual({ definition: fixtureTemplate });
  });

  it('refuses a fragment without a template', () => {
    expectCode(() => decodeShareLink(''), 'not-a-link');
    expectCode(() => decodeShareLink('#view=1&lang=en'), 'not-a-link');
  });

  it('refuses text that is not base64url', () => {
    expectCode(() => decodeShareLink('#template=abc$def'), 'bad-encoding');
    expectCode(() => decodeShareLink('#template=a b'), 'bad-encoding');
    expectCode(() => decodeShareLink('#template=abcde'), 'bad-encoding');
  });

  it('refuses data that is not DEFLATE, and a link cut short', () => {
    expectCode(() => decodeShareLink(`template=${toBase64Url(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))}`), 'bad-compression');
    const { fragment } = encodeShareLink(demoTemplate);
    expectCode(() => decodeShareLink(fragment.slice(0, fragment.length / 2)), 'bad-compression');
    expectCode(() => decodeShareLink('template='), 'bad-compression');
  });

  it('refuses inflated text that is not UTF-8', () => {
    expectCode(() => decodeShareLink(`template=${toBase64Url(deflateSync(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d])))}`), 'bad-encoding');
  });

  it('refuses a compressed template over the limit before decoding it', () => {
    const error = expectCode(() => decodeShareLink(`template=${'A'.repeat(20_000)}`), 'too-large');
    expect(error.params).toEqual({ bytes: 15_000, max: SHARE_LINK_MAX_BYTES });
  });

  it('refuses deflate bombs quickly, without inflating them', () => {
    // 50 MB of zeros deflate to about 49 KB: over the compressed limit.
    const bomb = deflateSync(new Uint8Array(50 * 1024 * 1024), { level: 9 });
    // 6 MB of zeros deflate to under 8 KB: within the compressed limit, over the inflated one.
    const smallBomb = deflateSync(new Uint8Array(6 * 1024 * 1024), { level: 9 });
    expect(smallBomb.length).toBeLessThanOrEqual(SHARE_LINK_MAX_BYTES);
    const started = performance.now();
    expectCode(() => decodeShareLink(`template=${toBase64Url(bomb)}`), 'too-large');
    expectCode(() => decodeShareLink(`template=${toBase64Url(smallBomb)}`), 'too-large');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('removes the consent to render a hand-edited chart spec', () => {
    const raw = JSON.parse(JSON.stringify(fixtureTemplate));
    const charts = raw.cells.filter((c: Cell) => c.kind === 'chart');
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      chart.chart.spec = '{"mark":"bar"}';
      chart.specAccepted = true;
    }
    const read = decodeShareLink(linkOf(raw));
    if ('problems' in read) throw new Error(JSON.stringify(read.problems));
    const decodedCharts = read.definition.cells.filter((c) => c.kind === 'chart');
    expect(decodedCharts.map((c) => c.chart.spec)).toEqual(charts.map(() => '{"mark":"bar"}'));
    expect(decodedCharts.every((c) => !('specAccepted' in c))).toBe(true);
  });

  it('returns a note holding HTML as text, with no problem (the notebook renders notes sanitised)', () => {
    const markdown = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const template: TemplateDefinition = { ...fixtureTemplate, cells: [{ id: 'note-x', kind: 'note', collapsed: false, markdown }, ...fixtureTemplate.cells] };
    const read = decodeShareLink(encodeShareLink(template).fragment);
    expect(read).toEqual({ definition: template });
  });

  it('gives problems for unknown fields, a newer version, or a workspace instead of a template', () => {
    const unknown = decodeShareLink(linkOf({ ...fixtureTemplate, data: [[1, 2]] }));
    expect(unknown).toEqual({ problems: [expect.objectContaining({ path: 'data' })] });
    const newer = decodeShareLink(linkOf({ ...fixtureTemplate, version: 2 }));
    expect(newer).toEqual({ problems: [{ path: 'version', message: expect.stringContaining('newer Tagbook') }] });
    const workspace = decodeShareLink(linkOf(fixture.definition));
    expect(workspace).toEqual({ problems: [{ path: 'format', message: expect.stringContaining('template') }] });
  });
});

describe('hasShareLink(fragment)', () => {
  it('is true for a fragment with a non-empty template part, wherever it is', () => {
    expect(hasShareLink('#template=abc')).toBe(true);
    expect(hasShareLink('template=abc')).toBe(true);
    expect(hasShareLink('#lang=en&template=abc')).toBe(true);
  });

  it('is false for an empty fragment, other parts, or an empty template', () => {
    expect(hasShareLink('')).toBe(false);
    expect(hasShareLink('#')).toBe(false);
    expect(hasShareLink('#lang=en')).toBe(false);
    expect(hasShareLink('#template=')).toBe(false);
    expect(hasShareLink('#templates=abc')).toBe(false);
  });
});

