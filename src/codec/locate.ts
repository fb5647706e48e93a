/**
 * hopcode/codec/locate — finding the header of a container from its first (and last)
 * bytes, and telling format versions apart.
 *
 * Version 2 (container.ts) has a header record in every page head (offsets 4096·k) and
 * in each of the 8 tail records (the last 640 bytes). The reader takes, in order:
 *  1. the first copy whose CRC-32C holds (page 0, the tail copies, then pages 1 …);
 *  2. else the bitwise majority of all copies seen, if its CRC holds;
 *  3. else any CRC-valid record at any byte offset of the bytes seen (a file whose
 *     first pages were shifted by a cut or an insertion).
 * Only then is the header refused: BAD_MAGIC (exit 2) when no copy even carries the
 * magic — the input is not a container of ours — else BAD_HEADER (exit 1).
 * Version 1 (container-v1.ts: 5 copies of a 48-byte record at offsets 0 … 192) is
 * recognised by its records' magic and version byte.
 */
import { CodecError } from './errors.js';
import { crc32c } from './crc32c.js';
import { readHeader as readHeaderV1 } from './container-v1.js';
import { majorityRecord, PAGE_BYTES, parseRecord, RECORD_BYTES, recordValid, TAIL_BYTES, TAIL_RECORD_BYTES, TAIL_COPIES, type Header } from './container.js';

/** Pages whose heads are used to find the header (the stream decoder buffers this much). */
export const LOCATE_PAGES = 16;
export const LOCATE_BYTES = LOCATE_PAGES * PAGE_BYTES;
const MAGIC = [0x48, 0x4f, 0x50, 0x43];

export interface Located {
  header: Header;
  /** The header record, as found. */
  rec: Uint8Array;
  /** Copies looked at, and how many of them differ from the record. */
  copiesSeen: number;
  copiesDamaged: number;
}

function magicVotes(b: Uint8Array, off: number): number {
  let v = 0;
  for (let i = 0; i < 4; i++) if (b[off + i] === MAGIC[i]) v++;
  return v;
}

/**
 * Is this (the start of) a version-1 container? Yes when one of its 5 record slots passes
 * the version-1 record CRC, or when at least 3 slots carry the magic and version 1 (a
 * damaged version-1 header, for its own majority repair). A single damaged format-2 page
 * head (version byte 2 flipped to 1) is therefore never taken for version 1.
 */
export function looksLikeV1(head: Uint8Array): boolean {
  let votes = 0;
  for (let c = 0; c < 5; c++) {
    const o = c * 48;
    if (o + 5 > head.length || magicVotes(head, o) < 3 || head[o + 4] !== 1) continue;
    if (o + 48 <= head.length && new DataView(head.buffer, head.byteOffset + o, 48).getUint32(44, true) === crc32c(head, 0, o, o + 44)) return true;
    votes++;
  }
  return votes >= 3 || (votes > 0 && head.length < 240);
}

/**
 * Find the header of a version-2 container.
 * @param head the first bytes (up to LOCATE_BYTES or the whole input)
 * @param tail the last bytes of the input when the input has ended (for the tail copies), else null
 * @param total input size when known (for the message about short inputs)
 */
export function locateHeader(head: Uint8Array, tail: Uint8Array | null, total: number | null): Located {
  const copies: { b: Uint8Array; off: number }[] = [];
  copies.push({ b: head, off: 0 });
  if (tail) for (let c = 0; c < TAIL_COPIES; c++) copies.push({ b: tail, off: tail.length - TAIL_BYTES + c * TAIL_RECORD_BYTES });
  // Page heads, not counting the tail again when `head` is the whole input.
  const pagesEnd = tail && total === head.length ? head.length - TAIL_BYTES : head.length;
  for (let k = 1; k * PAGE_BYTES + RECORD_BYTES <= pagesEnd && k < LOCATE_PAGES; k++) copies.push({ b: head, off: k * PAGE_BYTES });
  const seen = copies.filter((c) => c.off >= 0 && c.off + RECORD_BYTES <= c.b.length);
  let rec: Uint8Array | null = null;
  for (const c of seen) {
    if (recordValid(c.b, c.off)) {
      rec = c.b.slice(c.off, c.off + RECORD_BYTES);
      break;
    }
  }
  if (!rec && seen.length >= 3) {
    const all = new Uint8Array(seen.length * RECORD_BYTES);
    seen.forEach((c, i) => all.set(c.b.subarray(c.off, c.off + RECORD_BYTES), i * RECORD_BYTES));
    const maj = majorityRecord(all, seen.map((_, i) => i * RECORD_BYTES));
    if (recordValid(maj, 0)) rec = maj;
  }
  if (!rec) {
    for (const b of tail ? [head, tail] : [head]) {
      for (let o = 0; o + RECORD_BYTES <= b.length && !rec; o++) if (b[o] === 0x48 && b[o + 1] === 0x4f && b[o + 4] === 2 && recordValid(b, o)) rec = b.slice(o, o + RECORD_BYTES);
    }
  }
  if (!rec) {
    const size = total ?? head.length;
    const anyMagic = seen.some((c) => magicVotes(c.b, c.off) >= 3) || (head.length >= 4 && magicVotes(head, 0) === 4);
    const prefix = head.length > 0 && head.length < 4 && MAGIC.slice(0, head.length).every((m, i) => head[i] === m);
    if (!anyMagic && !prefix) throw new CodecError('BAD_MAGIC', `not a hopcode container: ${size} bytes and no "HOPC" header`);
    if (size < RECORD_BYTES) throw new CodecError('TRUNCATED', `the input is ${size} bytes: it starts like a hopcode container but ends inside its first header (${RECORD_BYTES} bytes)`);
    throw new CodecError('BAD_HEADER', `every copy of the header is damaged (${seen.length} copies seen; none, and not their bitwise majority, passes its CRC-32C)`);
  }
  const header = parseRecord(rec);
  let damaged = 0;
  for (const c of seen) {
    for (let i = 0; i < RECORD_BYTES; i++) {
      if (c.b[c.off + i] !== rec[i]) {
        damaged++;
        break;
      }
    }
  }
  return { header, rec, copiesSeen: seen.length, copiesDamaged: damaged };
}

/**
 * The header of a container of either format, from its first bytes (and, when the
 * input has ended, its last bytes): for `inspect` and library users.
 */
export function readHeader(head: Uint8Array, tail: Uint8Array | null = null, total: number | null = null): { header: Header; damagedCopies: number } {
  if (looksLikeV1(head)) return readHeaderV1(head);
  const loc = locateHeader(head, tail, total);
  return { header: loc.header, damagedCopies: loc.copiesDamaged };
}
