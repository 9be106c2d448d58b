/**
 * Bytes to text, before any CSV parsing (SPEC §6a: PapaParse's own file reading splits
 * multi-byte characters, and no U+FFFD may pass silently).
 *
 * Detection order when the caller does not force an encoding:
 * 1. a byte-order mark (UTF-8, UTF-16 LE/BE) decides, and is stripped;
 * 2. binary files (known magic numbers, or many control bytes in the first 8 KB) are refused;
 * 3. UTF-16 without a BOM (NULs at every other position) is decoded as such (`fallback`: a guess);
 * 4. strict UTF-8 (one native pass; the usual case ends here);
 * 5. mostly valid UTF-8 with a few broken bytes stays UTF-8 (`fallback`), replacements reported;
 * 6. `gb18030` when the multi-byte pairs look like Chinese text (`looks-like-gb18030`);
 * 7. windows-1252, which decodes any byte (`fallback`).
 */
import { findCharacterLines } from './find-character-lines.ts';
import { ImportError } from './import-error.ts';
import type { DecodedText, Encoding } from './types.ts';

/** How much of the file the binary and UTF-16 checks look at. */
const SAMPLE_BYTES = 8192;

/** Decodes a whole file; `encoding` forces one (detectedBy 'user'). Throws ImportError('binary-file'|'empty-file'). */
export function decodeBytes(bytes: Uint8Array, encoding?: Encoding): DecodedText {
  if (bytes.length === 0) throw new ImportError('empty-file', 'The file is empty.', undefined, { variant: 'no-bytes' });
  const decoded = encoding === undefined ? detectAndDecode(bytes) : { text: decodeAs(bytes, encoding), encoding, detectedBy: 'user' as const };
  let text = decoded.text;
  // Every decoder runs with ignoreBOM, so a mark (after one stripped by detection, or under a forced
  // encoding) is still in the text; it is never data.
  const bom = decoded.detectedBy === 'bom' || text.charCodeAt(0) === 0xfeff;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!/\S/.test(text)) throw new ImportError('empty-file', 'The file holds no text, only blank lines or spaces.', undefined, { variant: 'blank' });
  const replacements = findCharacterLines(text, '\uFFFD');
  return {
    text,
    encoding: decoded.encoding,
    bom,
    replacementCount: replacements.count,
    replacementLines: replacements.lines,
    detectedBy: decoded.detectedBy,
  };
}

function detectAndDecode(bytes: Uint8Array): { text: string; encoding: Encoding; detectedBy: DecodedText['detectedBy'] } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeAs(bytes.subarray(3), 'utf-8'), encoding: 'utf-8', detectedBy: 'bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decodeAs(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le', detectedBy: 'bom' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decodeAs(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be', detectedBy: 'bom' };
  }
  const magic = describeKnownBinary(bytes);
  if (magic !== null) throw new ImportError('binary-file', magic.message, undefined, { variant: magic.kind });
  const utf16 = guessUtf16WithoutBom(bytes);
  if (utf16 !== null) return { text: decodeAs(bytes, utf16), encoding: utf16, detectedBy: 'fallback' };
  if (hasManyControlBytes(bytes)) {
    throw new ImportError('binary-file', 'This file looks binary (many control bytes near the start), not text. Import a CSV or TSV file.', undefined, {
      variant: 'control-bytes',
    });
  }
  try {
    // One native pass validates and decodes; only invalid files are decoded a second time.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8', detectedBy: 'valid-utf-8' };
  } catch {
    // Not valid UTF-8: fall through to the guesses below.
  }
  const utf8 = countUtf8Sequences(bytes);
  if (utf8.valid >= 9 * utf8.invalid) return { text: decodeAs(bytes, 'utf-8'), encoding: 'utf-8', detectedBy: 'fallback' };
  if (looksLikeGb18030(bytes)) return { text: decodeAs(bytes, 'gb18030'), encoding: 'gb18030', detectedBy: 'looks-like-gb18030' };
  return { text: decodeAs(bytes, 'windows-1252'), encoding: 'windows-1252', detectedBy: 'fallback' };
}

/** Non-fatal decode: broken sequences become U+FFFD, which decodeBytes counts and reports. */
function decodeAs(bytes: Uint8Array, encoding: Encoding): string {
  // Always the `gb18030` label: it is a superset of GBK and maps ¥ and € the way Excel writes them.
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  // Node 20 decodes the `windows-1252` label as ISO-8859-1 (0x93 becomes the control U+0093, not
  // “); browsers follow the WHATWG table. Mapping the 0x80–0x9F range afterwards is right on both.
  return encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]) : text;
}

/** WHATWG windows-1252 for bytes 0x80–0x9F (https://encoding.spec.whatwg.org/index-windows-1252.txt). */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Returns a message for file types users mistake for CSV (by their magic number), or null. */
function describeKnownBinary(bytes: Uint8Array): { kind: string; message: string } | null {
  const startsWith = (...signature: number[]): boolean => signature.every((byte, i) => bytes[i] === byte);
  const advice = 'Export or save the data as CSV, then import that file.';
  if (startsWith(0x50, 0x4b, 0x03, 0x04) || startsWith(0x50, 0x4b, 0x05, 0x06)) {
    return { kind: 'zip', message: `This is a ZIP archive (an Excel .xlsx workbook is one), not a CSV file. ${advice}` };
  }
  if (startsWith(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
    return { kind: 'xls', message: `This is an Excel .xls workbook (or another Office file), not a CSV file. ${advice}` };
  }
  if (startsWith(0x25, 0x50, 0x44, 0x46, 0x2d)) return { kind: 'pdf', message: `This is a PDF document, not a CSV file. ${advice}` };
  if (startsWith(0x89, 0x50, 0x4e, 0x47)) return { kind: 'png', message: `This is a PNG image, not a CSV file. ${advice}` };
  if (startsWith(0xff, 0xd8, 0xff)) return { kind: 'jpeg', message: `This is a JPEG image, not a CSV file. ${advice}` };
  if (startsWith(0x47, 0x49, 0x46, 0x38)) return { kind: 'gif', message: `This is a GIF image, not a CSV file. ${advice}` };
  if (startsWith(0x1f, 0x8b)) return { kind: 'gzip', message: `This is a gzip-compressed file; decompress it first.` };
  if (startsWith(0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66)) return { kind: 'sqlite', message: `This is an SQLite database, not a CSV file. ${advice}` };
  return null;
}

/**
 * Returns 'utf-16le' or 'utf-16be' when the sample has NULs at (nearly) every odd or every even
 * position and almost none at the other: ASCII characters in UTF-16 without a BOM.
 */
function guessUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.min(bytes.length, SAMPLE_BYTES) >> 1;
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenNul++;
    if (bytes[2 * i + 1] === 0) oddNul++;
  }
  // Text that is mostly CJK has fewer NULs, so 25 % suffices; binaries have NULs on both sides.
  if (oddNul >= pairs * 0.25 && evenNul <= pairs * 0.02) return 'utf-16le';
  if (evenNul >= pairs * 0.25 && oddNul <= pairs * 0.02) return 'utf-16be';
  return null;
}

/**
 * True when the sample holds enough control bytes to call the file binary: at least 4 and more
 * than 5 % of the sample. Tab, LF, VT, FF, CR, SUB (an old end-of-file mark) and ESC occur in
 * text; a stray NUL or two (csvkit null_byte.csv) does not make a file binary.
 */
function hasManyControlBytes(bytes: Uint8Array): boolean {
  const length = Math.min(bytes.length, SAMPLE_BYTES);
  let count = 0;
  for (let i = 0; i < length; i++) {
    const b = bytes[i];
    if (b < 0x20 && (b < 0x09 || b > 0x0d) && b !== 0x1a && b !== 0x1b) count++;
  }
  return count >= 4 && count > length * 0.05;
}

/** Counts well-formed UTF-8 multi-byte sequences and stray bytes (to tell a damaged UTF-8 file from another encoding). */
function countUtf8Sequences(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += length - 1;
    } else {
      invalid++;
    }
  }
  return { valid, invalid };
}

/**
 * True when the non-ASCII bytes read as GB18030 with at most 1 % broken sequences, and at least
 * 60 % of the characters are GB2312 pairs (lead and trail byte both 0xA1–0xFE: the common Chinese
 * characters and full-width punctuation such as ￥) or four-byte sequences (¥ is 81 30 84 36).
 * Latin-1 text fails: an accented letter is followed by an ASCII byte, which is never such a pair.
 */
function looksLikeGb18030(bytes: Uint8Array): boolean {
  let common = 0;
  let other = 0;
  let broken = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const b2 = i + 1 < bytes.length ? bytes[i + 1] : -1;
    if (b === 0x80 || b === 0xff) {
      broken++;
    } else if (b2 >= 0x30 && b2 <= 0x39) {
      const b3 = i + 2 < bytes.length ? bytes[i + 2] : -1;
      const b4 = i + 3 < bytes.length ? bytes[i + 3] : -1;
      if (b3 >= 0x81 && b3 <= 0xfe && b4 >= 0x30 && b4 <= 0x39) {
        common++;
        i += 3;
      } else {
        broken++;
      }
    } else if ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe)) {
      if (b >= 0xa1 && b <= 0xf7 && b2 >= 0xa1) common++;
      else other++;
      i++;
    } else {
      broken++;
    }
  }
  const total = common + other + broken;
  return total > 0 && broken <= total * 0.01 && common >= (common + other) * 0.6;
}
