/**
 * hopcode/report/report-update — update some sections of an existing bench report in place
 * (`node dist/bench/paper.js --only dynamics --update --out DIR`), so one section can be
 * measured again without rerunning the multi-hour full report.
 *
 * summary.json: the keys owned by the sections run are replaced (a key owned by several
 * sections, such as `thresholds`, only when all its owners run); every other key stays.
 * README.md: each section run replaces its old text — found by its marker comment
 * (`<!-- section: ID -->`, written since this module exists) or else by its `## title`
 * heading, up to the next `## ` heading — or is appended at the end; one "updated" line
 * joins the header bullets. Pure string / object functions: paper.ts does the files.
 */

/** The marker line written before a section's heading (invisible in rendered Markdown). */
export function sectionMarker(id: string): string {
  return `<!-- section: ${id} -->`;
}

/** Keys of summary.json each section writes (paper.ts SECTIONS). */
export type SectionKeys = Record<string, string[]>;

/**
 * The old summary with the keys of the sections run replaced by the new ones (a key absent
 * from the new summary is removed: the section measured nothing there). Throws, naming the
 * sections, when a key's owners are not all run.
 */
export function mergeSummary(old: Record<string, unknown>, fresh: Record<string, unknown>, ran: string[], owners: SectionKeys): Record<string, unknown> {
  const out: Record<string, unknown> = { ...old };
  for (const id of ran) {
    for (const key of owners[id] ?? []) {
      const all = Object.keys(owners).filter((s) => owners[s]!.includes(key));
      const missing = all.filter((s) => !ran.includes(s));
      if (missing.length) throw new Error(`hopcode/report-update: summary.${key} is written by ${all.join(' and ')}: --update must run ${missing.join(', ')} too`);
      if (fresh[key] === undefined) delete out[key];
      else out[key] = fresh[key];
    }
  }
  return out;
}

/** Line range [start, end) of a section in README lines: by marker, else by heading. */
function findSection(lines: string[], id: string, title: string): [number, number] | undefined {
  const boundary = (l: string): boolean => l.startsWith('## ') || l.startsWith('<!-- section: ');
  let start = lines.indexOf(sectionMarker(id));
  let from = start + 2; // the marker and its heading
  if (start < 0) {
    start = lines.indexOf(`## ${title}`);
    if (start < 0) return undefined;
    from = start + 1;
  }
  let end = Math.min(from, lines.length);
  while (end < lines.length && !boundary(lines[end]!)) end++;
  return [start, end];
}

/**
 * The README with each new section (markdown from markdownSection, with its id and title)
 * in place of its old text, or appended; `updated` (one bullet line) after the header bullets.
 */
export function replaceSections(readme: string, sections: { id: string; title: string; markdown: string }[], updated: string): string {
  let lines = readme.replace(/\n+$/, '').split('\n');
  for (const s of sections) {
    const block = [sectionMarker(s.id), ...s.markdown.replace(/\n+$/, '').split('\n'), ''];
    const at = findSection(lines, s.id, s.title);
    if (at) lines = [...lines.slice(0, at[0]), ...block, ...lines.slice(at[1])];
    else lines = [...lines, '', ...block];
  }
  // The header's bullets end at the first blank line after the first "- " line.
  const first = lines.findIndex((l) => l.startsWith('- '));
  if (first >= 0) {
    let k = first;
    while (k < lines.length && lines[k]!.startsWith('- ')) k++;
    lines.splice(k, 0, updated);
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').replace(/\n+$/, '')}\n`;
}
