/**
 * Typed column arrays as the raw little-endian bytes kept in `tagbook_columns.data`. Every
 * platform Tagbook runs on is little-endian, so the bytes are copied as they are; the DataView
 * path only keeps the format exact on a big-endian machine.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Returns the array's bytes, little-endian (a view of the array itself on little-endian machines). */
export function toLittleEndianBytes(array: Int32Array | Float64Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const out = new Uint8Array(array.byteLength);
  const view = new DataView(out.buffer);
  if (array instanceof Int32Array) array.forEach((v, i) => view.setInt32(i * 4, v, true));
  else array.forEach((v, i) => view.setFloat64(i * 8, v, true));
  return out;
}

/** Returns a new Int32Array read from little-endian bytes (whose length the caller checked: a multiple of 4). */
export function int32FromBytes(bytes: Uint8Array): Int32Array {
  const out = new Int32Array(bytes.byteLength / 4);
  // A copy into a fresh buffer: the blob may sit at any offset, and typed arrays need alignment.
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes);
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4, true);
  }
  return out;
}

/** Returns a new Float64Array read from little-endian bytes (whose length the caller checked: a multiple of 8). */
export function float64FromBytes(bytes: Uint8Array): Float64Array {
  const out = new Float64Array(bytes.byteLength / 8);
  if (LITTLE_ENDIAN) new Uint8Array(out.buffer).set(bytes);
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  }
  return out;
}
