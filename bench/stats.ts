// Small measuring tools for the benchmark: a seeded random source (the same workload every run),
// timers and percentiles.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** mulberry32: tiny, seeded, good enough to pick workload items reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i]!;
}

export interface Distribution { n: number; p50_ms: number; p95_ms: number; max_ms: number }

export function distribution(samplesMs: number[]): Distribution {
  const s = [...samplesMs].sort((a, b) => a - b);
  return { n: s.length, p50_ms: round(percentile(s, 50)), p95_ms: round(percentile(s, 95)), max_ms: round(s[s.length - 1] ?? Number.NaN) };
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function ratio(a: number, b: number): number {
  return b > 0 ? round(a / b, 2) : Number.NaN;
}

/** Times one call in milliseconds (sync or async). */
export async function timeIt(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export function timeSync(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export function machine() {
  const list = cpus();
  return {
    cpus: list.length, cpu_model: list[0]?.model.trim() ?? 'unknown', memory_gb: round(totalmem() / 2 ** 30, 1),
    platform: process.platform, arch: process.arch, node: process.version,
  };
}
