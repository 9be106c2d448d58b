/**
 * Share links: a template (SPEC §7) carried in a URL fragment, `#template=<base64url>`. The
 * fragment never reaches a server, and a template holds definitions only, so no data ever travels
 * in a link.
 *
 * Encoding: the template as compact JSON with sorted keys (the same template always gives the same
 * link), deflated (raw DEFLATE, level 9), then base64url without padding.
 *
 * A link is someone else's text: decoding caps both the compressed size and the inflated size
 * (a few kilobytes can inflate to gigabytes), then validates everything with
 * readTemplateDefinition, which also removes any consent to render a hand-edited chart spec.
 */
import { deflateSync, Inflate } from 'fflate';
import { readTemplateDefinition, type ReadResult } from './read-definition.ts';
import { sortKeys } from './serialize-definition.ts';
import type { TemplateDefinition } from './workspace-definition.ts';

/** The largest compressed template a link may carry, in bytes (about 11 KB of fragment). */
export const SHARE_LINK_MAX_BYTES = 8192;
/** The fragment's key: `#template=<base64url>`. */
export const SHARE_FRAGMENT_KEY = 'template';
/** A link's template inflates to at most this many bytes; anything larger is refused as too large. */
const MAX_INFLATED_BYTES = 1_048_576;
/** Compressed bytes inflated at a time: at most about 1 MB of output each, so the cap is checked often enough. */
const INFLATE_CHUNK_BYTES = 1024;

export type ShareLinkErrorCode = 'too-large' | 'not-a-link' | 'bad-encoding' | 'bad-compression';

/** Why a template cannot be put into, or read from, a link; the UI translates `code` with `params`. */
export class ShareLinkError extends Error {
  override readonly name = 'ShareLinkError';
  constructor(
    readonly code: ShareLinkErrorCode,
    message: string,
    readonly params?: Record<string, number>,
  ) {
    super(message);
  }
}

/**
 * Returns the fragment (without '#') that carries `template`, and its compressed size in bytes.
 * Throws ShareLinkError('too-large', { bytes, max }) when it compresses to over SHARE_LINK_MAX_BYTES.
 */
export function encodeShareLink(template: TemplateDefinition): { fragment: string; compressedBytes: number } {
  const json = JSON.stringify(sortKeys(template));
  const compressed = deflateSync(new TextEncoder().encode(json), { level: 9 });
  if (compressed.length > SHARE_LINK_MAX_BYTES) {
    throw new ShareLinkError(
      'too-large',
      `The template is too large for a link: ${compressed.length.toLocaleString('en')} bytes compressed, at most ${SHARE_LINK_MAX_BYTES.toLocaleString('en')}. Save it as a file instead.`,
      { bytes: compressed.length, max: SHARE_LINK_MAX_BYTES },
    );
  }
  return { fragment: `${SHARE_FRAGMENT_KEY}=${toBase64Url(compressed)}`, compressedBytes: compressed.length };
}

/**
 * Reads the template a fragment carries (with or without its leading '#'; other `key=value` parts
 * are ignored). Returns the validated template or its problems (readTemplateDefinition's answer).
 * Throws ShareLinkError: 'not-a-link' without a `template=` part, 'bad-encoding' for text that is
 * not base64url or not UTF-8, 'bad-compression' for damaged DEFLATE data, 'too-large' when it is
 * over SHARE_LINK_MAX_BYTES compressed or 1 MB inflated.
 */
export function decodeShareLink(fragment: string): ReadResult<TemplateDefinition> {
  const encoded = findTemplatePart(fragment);
  if (encoded === null) throw new ShareLinkError('not-a-link', `The link carries no template (no "${SHARE_FRAGMENT_KEY}=" in its fragment).`);
  // Checked before decoding, so that a huge fragment is refused without being copied.
  if (encoded.length > Math.ceil((SHARE_LINK_MAX_BYTES * 4) / 3) + 2) throw tooLarge(Math.floor((encoded.length * 3) / 4));
  const compressed = fromBase64Url(encoded);
  if (compressed === null) throw new ShareLinkError('bad-encoding', 'The link is damaged: its template is not valid base64url text (it may have been cut short when copied).');
  if (compressed.length > SHARE_LINK_MAX_BYTES) throw tooLarge(compressed.length);
  let inflated: Uint8Array;
  try {
    inflated = inflateCapped(compressed);
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw new ShareLinkError('bad-compression', `The link is damaged: its template does not decompress (${error instanceof Error ? error.message : String(error)}).`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(inflated);
  } catch {
    throw new ShareLinkError('bad-encoding', 'The link is damaged: its template is not UTF-8 text.');
  }
  return readTemplateDefinition(text);
}

/** True when the fragment (with or without its leading '#') has a non-empty `template=` part. */
export function hasShareLink(fragment: string): boolean {
  const encoded = findTemplatePart(fragment);
  return encoded !== null && encoded !== '';
}

function tooLarge(bytes: number): ShareLinkError {
  const message = `The link's template is too large: ${bytes.toLocaleString('en')} bytes compressed, at most ${SHARE_LINK_MAX_BYTES.toLocaleString('en')}.`;
  return new ShareLinkError('too-large', message, { bytes, max: SHARE_LINK_MAX_BYTES });
}

function findTemplatePart(fragment: string): string | null {
  const prefix = `${SHARE_FRAGMENT_KEY}=`;
  for (const part of fragment.replace(/^#/, '').split('&')) {
    if (part.startsWith(prefix)) return part.slice(prefix.length);
  }
  return null;
}

/**
 * Inflates in small input chunks, counting the output as it comes: a bomb is stopped as soon as
 * its output passes the cap (after about a kilobyte of input, as DEFLATE expands at most ~1032×),
 * so memory and time stay bounded whatever the data claims.
 */
function inflateCapped(compressed: Uint8Array): Uint8Array {
  if (compressed.length === 0) throw new Error('no data');
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > MAX_INFLATED_BYTES) {
      throw new ShareLinkError('too-large', `The link's template is too large: it inflates to over ${MAX_INFLATED_BYTES.toLocaleString('en')} bytes.`, {
        max: MAX_INFLATED_BYTES,
      });
    }
    chunks.push(chunk);
    ended = final;
  });
  for (let start = 0; start < compressed.length; start += INFLATE_CHUNK_BYTES) {
    inflater.push(compressed.subarray(start, start + INFLATE_CHUNK_BYTES), start + INFLATE_CHUNK_BYTES >= compressed.length);
  }
  if (!ended) throw new Error('unexpected end of data');
  const inflated = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    inflated.set(chunk, at);
    at += chunk.length;
  }
  return inflated;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

// The engine has no `btoa`/`atob` (no DOM); base64url (RFC 4648 §5) is short enough to write out.
function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** The bytes of base64url text (padding allowed), or null when it is not base64url. */
function fromBase64Url(text: string): Uint8Array | null {
  const body = text.replace(/={1,2}$/, '');
  if (body.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < body.length; i += 4) {
    let n = 0;
    const chars = Math.min(4, body.length - i);
    for (let k = 0; k < 4; k++) {
      const v = k < chars ? INDEX.get(body[i + k]) : 0;
      if (v === undefined) return null;
      n = (n << 6) | v;
    }
    for (let k = 0; k < chars - 1; k++) out[o++] = (n >> (16 - 8 * k)) & 255;
  }
  return out;
}
