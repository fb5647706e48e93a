/**
 * hopcode/decoders/flip-log — the inputs a decoder flipped in one lane, in order, and how
 * many of them end flipped (an odd number of times): the lane's Hamming distance from
 * the received word, without reading the received word back (serial-block-decoder.ts:
 * at BER 1e-3 a lane flips ~8 inputs, each re-read a cache miss in the group words).
 */
export class FlipLog {
  private log = new Int32Array(64);
  private n = 0;

  reset(): void {
    this.n = 0;
  }

  push(i: number): void {
    if (this.n === this.log.length) {
      const bigger = new Int32Array(2 * this.log.length);
      bigger.set(this.log);
      this.log = bigger;
    }
    this.log[this.n++] = i;
  }

  /** Entry k (0 ≤ k < length), in the order logged. */
  at(k: number): number {
    return this.log[k]!;
  }

  /** Entries logged since reset. */
  get length(): number {
    return this.n;
  }

  /** Distinct inputs logged an odd number of times (reorders the log). */
  oddCount(): number {
    const { n, log } = this;
    let odd = 0;
    if (n <= 48) {
      // Short logs (the usual case): count each input at its first entry, no sort.
      for (let a = 0; a < n; a++) {
        let times = 1;
        let first = true;
        for (let b = 0; b < n; b++) {
          if (b === a || log[b] !== log[a]) continue;
          if (b < a) first = false;
          times++;
        }
        if (first && (times & 1) === 1) odd++;
      }
      return odd;
    }
    const sorted = log.subarray(0, n).sort();
    for (let a = 0; a < n; ) {
      let b = a + 1;
      while (b < n && sorted[b] === sorted[a]) b++;
      if (((b - a) & 1) === 1) odd++;
      a = b;
    }
    return odd;
  }
}
