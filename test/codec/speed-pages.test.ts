/**
 * The page reader's fast path (an exact head of page e taken without the tolerant checks,
 * issue 12) against the reader without it, its naive twin: same page data, holes and
 * statistics on containers with flipped bits, damaged heads, dropped, duplicated and cut
 * pages, fed whole and in odd chunks; and pushRuns (runs of exact pages as one view) against it. And the page writer's in-place heads against pageHead.
 */
import { describe, expect, it } from 'vitest';
import { PageReader, PageWriter } from '../../src/codec/pages.js';
import { containerBytes, pageHead, PAGE_BYTES, writeRecord, type Header } from '../../src/codec/container.js';
import { Rng } from '../../src/util/rng.js';

const header: Header = { version: 2, preset: 'parity10-d5', n: 4000, seed: 1, interleave: 2048, hHash: 0x12345678, fileId: '0011223344556677', payloadLength: 200_000 };
const rec = writeRecord(header);
const rng = Rng.stream(31);
const s = Uint8Array.from({ length: 190_000 }, () => rng.next() & 255);
const w = new PageWriter(rec);
const parts = [...w.push(s.subarray(0, 70_001)), ...w.push(s.subarray(70_001)), ...w.finish(200_000)];
const clean = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
parts.reduce((o, p) => (clean.set(p, o), o + p.length), 0);

function read(input: Uint8Array, fast: boolean, chunk: number, pages: number | null): { data: number[]; holes: string; stats: string } {
  const r = new PageReader(rec, pages, 0, fast);
  const out: number[] = [];
  const take = (ds: Uint8Array[]): void => ds.forEach((d) => out.push(...d.subarray(0, 8), d.length));
  for (let o = 0; o < input.length; o += chunk) take(r.push(input.subarray(o, Math.min(input.length, o + chunk))));
  take(r.finish());
  return { data: out, holes: JSON.stringify(r.holes), stats: JSON.stringify({ ...r.stats, tail: r.tail() }) };
}

/** The whole input through pushRuns (runs of exact pages as one view each), then finish. */
function readRuns(input: Uint8Array, pages: number | null): { data: number[]; holes: string; stats: string } {
  const r = new PageReader(rec, pages, 0, true);
  const out: number[] = [];
  const take = (ds: Uint8Array[]): void => ds.forEach((d) => out.push(...d.subarray(0, 8), d.length));
  for (const x of r.pushRuns(input)) {
    if (Array.isArray(x)) take(x);
    else for (let j = 0; j < x.pages; j++) take([x.view.subarray(j * PAGE_BYTES + 64, (j + 1) * PAGE_BYTES)]);
  }
  take(r.finish());
  return { data: out, holes: JSON.stringify(r.holes), stats: JSON.stringify({ ...r.stats, tail: r.tail() }) };
}

describe('page writer', () => {
  it('writes every page head exactly as pageHead does', () => {
    const pages = containerBytes(190_000).pages;
    for (let i = 0; i < pages; i++) expect(Array.from(clean.subarray(i * PAGE_BYTES, i * PAGE_BYTES + 64))).toEqual(Array.from(pageHead(rec, i)));
  });
});

describe('page reader fast path', () => {
  it('reads exactly what the tolerant path reads, on damaged containers', () => {
    const pages = containerBytes(190_000).pages;
    const cases: Uint8Array[] = [clean];
    const flipped = clean.slice();
    for (let i = 0; i < 400; i++) flipped[rng.next() % flipped.length]! ^= 1 << (rng.next() & 7);
    cases.push(flipped);
    const head = clean.slice();
    head[3 * PAGE_BYTES + 10]! ^= 4; // a damaged record
    head[5 * PAGE_BYTES + 57]! ^= 1; // a damaged index
    cases.push(head);
    const drop = new Uint8Array(clean.length - PAGE_BYTES);
    drop.set(clean.subarray(0, 7 * PAGE_BYTES));
    drop.set(clean.subarray(8 * PAGE_BYTES), 7 * PAGE_BYTES);
    cases.push(drop);
    const dup = new Uint8Array(clean.length + PAGE_BYTES);
    dup.set(clean.subarray(0, 9 * PAGE_BYTES));
    dup.set(clean.subarray(8 * PAGE_BYTES), 9 * PAGE_BYTES);
    cases.push(dup);
    cases.push(clean.subarray(0, 20 * PAGE_BYTES + 1000));
    const cut = new Uint8Array(clean.length - 1500);
    cut.set(clean.subarray(0, 12 * PAGE_BYTES + 700));
    cut.set(clean.subarray(12 * PAGE_BYTES + 2200), 12 * PAGE_BYTES + 700);
    cases.push(cut);
    for (const input of cases) {
      for (const [chunk, total] of [[input.length, pages], [5000, pages], [3333, null]] as const) {
        expect(read(input, true, chunk, total)).toEqual(read(input, false, chunk, total));
      }
      // Runs of exact pages (the pooled decode of a shared input), word-aligned and not.
      const odd = new Uint8Array(input.length + 1).subarray(1);
      odd.set(input);
      for (const b of [input, odd]) for (const total of [pages, null]) expect(readRuns(b, total)).toEqual(read(input, false, input.length, total));
    }
  });
});
