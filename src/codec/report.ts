/**
 * hopcode/codec/report — what a decode did: the counts issue 5 asks for.
 */

/** A range of original bytes that could not be recovered. */
export interface BadRange {
  block: number;
  /** Byte range [start, end) in the original data. */
  start: number;
  end: number;
  /** 'no-convergence': the dynamics did not reach a stored state; 'crc': it reached one whose CRC-32C or padding is wrong; 'missing': the block's bytes are absent (truncated input). */
  reason: 'no-convergence' | 'crc' | 'missing';
}

export interface DecodeReport {
  /** Blocks in the container. */
  blocksTotal: number;
  /** Blocks that arrived damaged and were restored (CRC-verified). */
  blocksCorrected: number;
  /** Bits flipped back in the restored blocks (stored-state bits, payload and redundancy). */
  bitsCorrected: number;
  /** Blocks that could not be restored. */
  blocksFailed: number;
  /** Of those: the dynamics reached a stored state whose CRC-32C or padding was wrong (a wrong stored state, caught). */
  blocksFailedCrc: number;
  /** The original byte ranges of the failed blocks (first 1000). */
  badRanges: BadRange[];
  /** Original payload length in bytes. */
  payloadLength: number;
  /** Header copies that were damaged (repaired by the other copies). */
  headerCopiesDamaged: number;
}

export const MAX_LISTED_RANGES = 1000;

export function emptyReport(): DecodeReport {
  return { blocksTotal: 0, blocksCorrected: 0, bitsCorrected: 0, blocksFailed: 0, blocksFailedCrc: 0, badRanges: [], payloadLength: 0, headerCopiesDamaged: 0 };
}

/** One line for humans (CLI stderr). */
export function formatReport(r: DecodeReport): string {
  const head = `${r.blocksTotal} blocks, ${r.blocksCorrected} corrected (${r.bitsCorrected} bits), ${r.blocksFailed} failed`;
  if (r.blocksFailed === 0) return head;
  const shown = r.badRanges.slice(0, 10).map((b) => `block ${b.block} bytes [${b.start}, ${b.end}) ${b.reason}`);
  const more = r.blocksFailed > shown.length ? `; … ${r.blocksFailed - shown.length} more` : '';
  return `${head}: ${shown.join('; ')}${more}`;
}
