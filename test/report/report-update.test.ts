/** bench:paper --update: sections replaced in place (by marker or heading) or appended; summary keys merged by owner. */
import { describe, expect, it } from 'vitest';
import { mergeSummary, replaceSections, sectionMarker } from '../../src/report/report-update.js';

const OWNERS = { capacity: ['capacity'], thresholds: ['thresholds'], beyond: ['thresholds', 'best'], dynamics: ['dynamics'] };

const README = [
  '# report',
  'intro text',
  '- command: x',
  '- run time: 1 s',
  '',
  '## Not measured yet',
  '',
  '- something',
  '',
  '## Claim 1 — capacity',
  '',
  'old capacity text',
  '',
  '## Beyond',
  '',
  'beyond text',
  '',
].join('\n');

describe('report update', () => {
  it('replaces only the keys of the sections run; refuses a shared key without all its owners', () => {
    const old = { generated: 'g0', mode: 'full', seed: 1, capacity: [1], thresholds: [2], best: { a: 1 } };
    const merged = mergeSummary(old, { generated: 'g1', dynamics: [{ code: 'c' }] }, ['dynamics'], OWNERS);
    expect(merged).toEqual({ ...old, dynamics: [{ code: 'c' }] });
    expect(mergeSummary(old, { capacity: [9] }, ['capacity'], OWNERS).capacity).toEqual([9]);
    expect(mergeSummary(old, {}, ['capacity'], OWNERS)).not.toHaveProperty('capacity');
    expect(() => mergeSummary(old, {}, ['beyond'], OWNERS)).toThrow(/summary\.thresholds is written by thresholds and beyond: --update must run thresholds too/);
    expect(mergeSummary(old, { thresholds: [5], best: { b: 2 } }, ['beyond', 'thresholds'], OWNERS)).toMatchObject({ thresholds: [5], best: { b: 2 }, capacity: [1] });
  });

  it('replaces a section found by its heading, appends a new one, adds the updated line; a second update finds the markers', () => {
    const cap = { id: 'capacity', title: 'Claim 1 — capacity', markdown: '## Claim 1 — capacity\n\nnew capacity text' };
    const dyn = { id: 'dynamics', title: 'Dynamics', markdown: '## Dynamics\n\ndynamics v1' };
    const once = replaceSections(README, [cap, dyn], '- updated now: capacity, dynamics');
    expect(once).not.toContain('old capacity text');
    expect(once).toContain('new capacity text');
    expect(once).toContain('beyond text');
    expect(once.indexOf('new capacity text')).toBeLessThan(once.indexOf('## Beyond'));
    expect(once.trimEnd().endsWith('dynamics v1')).toBe(true);
    expect(once).toContain(`${sectionMarker('dynamics')}\n## Dynamics`);
    expect(once.split('\n').indexOf('- updated now: capacity, dynamics')).toBe(4);
    const twice = replaceSections(once, [{ ...dyn, markdown: '## Dynamics\n\ndynamics v2' }], '- updated later: dynamics');
    expect(twice).not.toContain('dynamics v1');
    expect(twice).toContain('dynamics v2');
    expect(twice.match(/## Dynamics/g)).toHaveLength(1);
    expect(twice.match(/<!-- section: dynamics -->/g)).toHaveLength(1);
    expect(twice).toContain('new capacity text');
    expect(twice).toContain('- updated now: capacity, dynamics\n- updated later: dynamics');
  });
});
