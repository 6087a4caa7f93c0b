// Anonymised statistics (R16). Only group counts leave this module: trajectories by type, status
// and start year; mandates by direction, how given and state today; disclosures by basis,
// recipient kind and year. A cell under the threshold is suppressed, so that no group is small
// enough to single a participant out, and where a row or column total would give such a cell back,
// a second cell of that row or column as well (suppress.ts); no special-category field is read.
// The suppression is decided on the whole table before the year filter, so that two queries over
// different years never hide different cells; the mandates table has no year and ignores the
// filter, because the difference of two year ranges would otherwise give back a small count.
import { mandateStateOn } from '../consent/index.ts';
import { loadPolicy } from '../requests/policy.ts';
import type { Ctx } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import type { z } from 'zod';
import type { Statistics, StatisticsInput, statisticsContract } from './contract.ts';
import { suppressCounts } from './suppress.ts';

type Stats = z.infer<typeof Statistics>;
type Input = z.output<typeof StatisticsInput>;

function inYears(year: number, input: Input): boolean {
  return (input.fromYear === undefined || year >= input.fromYear) && (input.toYear === undefined || year <= input.toYear);
}

export function statistics(ctx: Ctx, input: Input): Stats {
  // A caller may ask for a stricter threshold, never for a weaker one than the policy's.
  const threshold = Math.max(input.threshold ?? 0, loadPolicy(ctx.sqlite).profile.consent.statisticsThreshold);
  const trajectories = suppressCounts((ctx.sqlite.prepare(`SELECT type, status, CAST(substr(start_date, 1, 4) AS INTEGER) AS year, count(*) AS n
    FROM trajectories GROUP BY type, status, year ORDER BY year, type, status`).all() as { type: Stats['trajectories'][number]['type']; status: Stats['trajectories'][number]['status']; year: number; n: number }[]),
  (r) => [r.type, r.status, r.year], threshold).filter((r) => inYears(r.year, input));
  // The state of a mandate depends on today, so it is counted here from its dates only.
  const mandateCounts = new Map<string, { direction: Stats['mandates'][number]['direction']; givenHow: Stats['mandates'][number]['givenHow']; state: Stats['mandates'][number]['state']; n: number }>();
  for (const m of ctx.sqlite.prepare('SELECT direction, given_how AS givenHow, valid_from AS validFrom, valid_until AS validUntil, withdrawn_on AS withdrawnOn FROM mandates').all() as
    { direction: 'shareWith' | 'obtainFrom'; givenHow: 'signedForm' | 'oral'; validFrom: string; validUntil: string | null; withdrawnOn: string | null }[]) {
    const state = mandateStateOn(m, ctx.today);
    const key = `${m.direction}|${m.givenHow}|${state}`;
    const c = mandateCounts.get(key) ?? { direction: m.direction, givenHow: m.givenHow, state, n: 0 };
    c.n += 1;
    mandateCounts.set(key, c);
  }
  const mandates = suppressCounts([...mandateCounts.values()].sort((a, b) => `${a.direction}${a.givenHow}${a.state}`.localeCompare(`${b.direction}${b.givenHow}${b.state}`)),
    (r) => [r.direction, r.givenHow, r.state], threshold);
  const disclosures = suppressCounts((ctx.sqlite.prepare(`SELECT s.basis, r.kind AS recipientKind, CAST(substr(s.disclosed_on, 1, 4) AS INTEGER) AS year, count(*) AS n
    FROM disclosures s JOIN recipients r ON r.id = s.recipient_id GROUP BY s.basis, r.kind, year ORDER BY year, s.basis, r.kind`).all() as
    { basis: Stats['disclosures'][number]['basis']; recipientKind: Stats['disclosures'][number]['recipientKind']; year: number; n: number }[]),
  (r) => [r.basis, r.recipientKind, r.year], threshold).filter((r) => inYears(r.year, input));
  ctx.note.objects = { threshold };
  return { threshold, generatedOn: ctx.today, trajectories, mandates, disclosures };
}

/** One table, one row per cell; a suppressed cell (small, or hidden to protect a small one) reads "x". */
export function toCsv(s: Stats): string {
  const cell = (n: number | null) => (n === null ? 'x' : String(n));
  const lines = ['tabel;kenmerk 1;kenmerk 2;kenmerk 3;aantal'];
  for (const t of s.trajectories) lines.push(['trajecten', t.type, t.status, t.year, cell(t.count)].join(';'));
  for (const m of s.mandates) lines.push(['machtigingen', m.direction, m.givenHow, m.state, cell(m.count)].join(';'));
  for (const d of s.disclosures) lines.push(['verstrekkingen', d.basis, d.recipientKind, d.year, cell(d.count)].join(';'));
  return `${lines.join('\r\n')}\r\n`;
}

export const statisticsHandlers: Handlers<typeof statisticsContract> = {
  'statistics.get': (ctx: Ctx, input) => statistics(ctx, input),
  'statistics.csv': (ctx: Ctx, input) => {
    const s = statistics(ctx, input);
    return { fileName: `statistieken-${s.generatedOn}.csv`, csv: toCsv(s) };
  },
};
