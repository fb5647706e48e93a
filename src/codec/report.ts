/**
 * hopcode/codec/report — what a decode did: the counts issue 5 asks for, every range of
 * original bytes that could not be restored (issue 14: all of them, merged into runs of
 * consecutive blocks so the list stays small even for a file cut in half), and notices
 * (an old format, trailing data after the container, a lost length).
 */

/** A run of consecutive blocks whose original bytes could not be recovered. */
export interface BadRange {
  /** First block of the run, and how many blocks it covers. */
  block: number;
  blocks: number;
  /** Byte range [start, end) in the original data. */
  start: number;
  end: number;
  /**
   * 'no-convergence': the dynamics did not reach a stored state; 'crc': it reached one
   * whose CRC-32C or padding is wrong (a wrong stored state, or a block of another
   * container); 'missing': the block's bytes are absent (truncated input, dropped page).
   */
  reason: 'no-convergence' | 'crc' | 'missing';
}

export interface DecodeReport {
  /** Container format version (1 or 2). */
  formatVersion: number;
  /** Blocks in the container. */
  blocksTotal: number;
  /** Blocks that arrived damaged and were restored (CRC-verified). */
  blocksCorrected: number;
  /** Bits flipped back in the restored blocks (stored-state bits, payload and redundancy). */
  bitsCorrected: number;
  /** Blocks that could not be restored. */
  blocksFailed: number;
  /** Of those: the dynamics reached a stored state whose CRC-32C or padding was wrong (caught). */
  blocksFailedCrc: number;
  /** Every failed block, as runs of consecutive blocks with one reason. */
  badRanges: BadRange[];
  /** Original payload length in bytes. */
  payloadLength: number;
  /** Header copies that were damaged (repaired by the other copies). */
  headerCopiesDamaged: number;
  /** Pages whose head was damaged, missing pages, duplicated pages skipped (format 2). */
  pagesDamaged: number;
  pagesMissing: number;
  pagesDuplicated: number;
  /** Bytes after the end of the container (ignored). */
  trailingBytes: number;
  /** True when the input ended before the container did. */
  truncated: boolean;
  /** Things the user should know that are not block failures. */
  notices: string[];
}

export function emptyReport(): DecodeReport {
  return {
    formatVersion: 0,
    blocksTotal: 0,
    blocksCorrected: 0,
    bitsCorrected: 0,
    blocksFailed: 0,
    blocksFailedCrc: 0,
    badRanges: [],
    payloadLength: 0,
    headerCopiesDamaged: 0,
    pagesDamaged: 0,
    pagesMissing: 0,
    pagesDuplicated: 0,
    trailingBytes: 0,
    truncated: false,
    notices: [],
  };
}

/** Record `count` failed blocks from `block` on (merged with the previous run when contiguous). */
export function addFailure(r: DecodeReport, block: number, count: number, p: number, length: number | null, reason: BadRange['reason']): void {
  if (count <= 0) return;
  r.blocksFailed += count;
  if (reason === 'crc') r.blocksFailedCrc += count;
  const start = block * p;
  const end = length === null ? (block + count) * p : Math.min((block + count) * p, length);
  const last = r.badRanges[r.badRanges.length - 1];
  if (last && last.reason === reason && last.block + last.blocks === block) {
    last.blocks += count;
    last.end = end;
  } else r.badRanges.push({ block, blocks: count, start, end, reason });
}

function describe(b: BadRange): string {
  const blocks = b.blocks === 1 ? `block ${b.block}` : `blocks ${b.block} … ${b.block + b.blocks - 1}`;
  return `${blocks} bytes [${b.start}, ${b.end}) ${b.reason}`;
}

/** Every bad range, one per line (for --bad-ranges FILE). */
export function formatBadRanges(r: DecodeReport): string {
  return r.badRanges.map((b) => `${b.start}\t${b.end}\t${b.block}\t${b.blocks}\t${b.reason}\n`).join('');
}

/** One line for humans (CLI stderr); at most `shown` ranges, then a count of the rest. */
export function formatReport(r: DecodeReport, shown = 10): string {
  const head = `${r.blocksTotal} blocks, ${r.blocksCorrected} corrected (${r.bitsCorrected} bits), ${r.blocksFailed} failed`;
  if (r.blocksFailed === 0) return head;
  const list = r.badRanges.slice(0, shown).map(describe);
  const more = r.badRanges.length > list.length ? `; … ${r.badRanges.length - list.length} more ranges` : '';
  return `${head} in ${r.badRanges.length} range${r.badRanges.length === 1 ? '' : 's'}: ${list.join('; ')}${more}`;
}
