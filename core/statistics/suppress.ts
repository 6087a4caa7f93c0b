// Statistical disclosure control for the count tables of R16. Primary suppression hides every
// cell under the threshold. That alone is not enough: whoever knows a row or column total (printed
// in an annual report, or simply the number of trajectories of a year) subtracts the published
// cells of that line and gets the hidden one back. Secondary suppression therefore also hides, in
// every line (the cells that differ in one characteristic only) that holds exactly one hidden
// cell, the smallest published cell of that line, and repeats until no line has a lone hidden
// cell. Cells absent from a table are zero and known to be zero; they protect nothing.

export interface KeyedCount { keys: readonly (string | number)[]; n: number }

/** For each cell (same order), whether it must be hidden. */
export function suppressionMask(cells: readonly KeyedCount[], threshold: number): boolean[] {
  const hidden = cells.map((c) => c.n < threshold);
  const dims = cells[0]?.keys.length ?? 0;
  const lines: number[][] = [];
  for (let d = 0; d < dims; d++) {
    const byLine = new Map<string, number[]>();
    cells.forEach((c, i) => {
      const key = JSON.stringify(c.keys.filter((_, j) => j !== d));
      const line = byLine.get(key);
      if (line) line.push(i); else byLine.set(key, [i]);
    });
    for (const line of byLine.values()) if (line.length > 1) lines.push(line);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.filter((i) => hidden[i]).length !== 1) continue;
      // The next-smallest published cell (first in table order on a tie) goes as well.
      const next = line.filter((i) => !hidden[i]).reduce((a, b) => (cells[b]!.n < cells[a]!.n ? b : a));
      hidden[next] = true;
      changed = true;
    }
  }
  return hidden;
}

/** The counts with every hidden cell as null. */
export function suppressCounts<T extends { n: number }>(rows: readonly T[], keys: (r: T) => readonly (string | number)[], threshold: number): (Omit<T, 'n'> & { count: number | null })[] {
  const mask = suppressionMask(rows.map((r) => ({ keys: keys(r), n: r.n })), threshold);
  return rows.map(({ n, ...r }, i) => ({ ...r, count: mask[i] ? null : n }));
}
