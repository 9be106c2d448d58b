/**
 * Returns, for each group, how many distinct keys its rows hold: `counts[g]` = |{ keys[r] : groups[r] = g }|.
 * Rows with group -1 or key -1 (NULL) are skipped. Keys are non-negative integers below `keyCount`.
 *
 * One pass with an open-addressing hash set of (group, key) pairs packed into one float
 * (g · keyCount + k stays below 2^53 for any table that fits in memory): no per-row objects and
 * no string keys. A row whose key equals the previous key seen for its group is skipped before
 * hashing, which makes the common cases (lines of one order, orders of one day in time order) cheap;
 * rows already in key order within each group skip the hash set altogether.
 */
export function countDistinctPairs(groups: Int32Array, keys: Int32Array, groupCount: number, keyCount: number): Int32Array {
  return countAscendingKeys(groups, keys, groupCount) ?? countWithHashSet(groups, keys, groupCount, keyCount);
}

/**
 * The fast path for rows in key order within each group (days of an export sorted by time):
 * a distinct key is a change of key. Returns null at the first key that goes down.
 */
function countAscendingKeys(groups: Int32Array, keys: Int32Array, groupCount: number): Int32Array | null {
  const counts = new Int32Array(groupCount);
  const lastKey = new Int32Array(groupCount).fill(-1);
  for (let row = 0; row < groups.length; row++) {
    const g = groups[row];
    const k = keys[row];
    if (g < 0 || k < 0) continue;
    const last = lastKey[g];
    if (k > last) {
      lastKey[g] = k;
      counts[g]++;
    } else if (k < last) {
      return null;
    }
  }
  return counts;
}

function countWithHashSet(groups: Int32Array, keys: Int32Array, groupCount: number, keyCount: number): Int32Array {
  const counts = new Int32Array(groupCount);
  const lastKey = new Int32Array(groupCount).fill(-1);
  let bits = 4;
  while (1 << bits < groups.length * 2 && bits < 30) bits++;
  const capacity = 1 << bits;
  // Multiplicative hashing takes the product's high bits, which mix every input bit.
  const shift = 32 - bits;
  const slots = new Float64Array(capacity).fill(-1);
  const mask = capacity - 1;
  for (let row = 0; row < groups.length; row++) {
    const g = groups[row];
    const k = keys[row];
    if (g < 0 || k < 0 || lastKey[g] === k) continue;
    lastKey[g] = k;
    const pair = g * keyCount + k;
    let slot = Math.imul(g ^ Math.imul(k, 0x85ebca6b), 0x9e3779b1) >>> shift;
    for (;;) {
      const held = slots[slot];
      if (held === -1) {
        slots[slot] = pair;
        counts[g]++;
        break;
      }
      if (held === pair) break;
      slot = (slot + 1) & mask;
    }
  }
  return counts;
}
