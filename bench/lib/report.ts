/**
 * The benchmarks' reports: markdown tables whose rows carry each figure beside the baseline or ceiling
 * it is judged by (measured in the same run: on a shared machine a figure alone says little), a ratio
 * column, the machine the run was on, and the file under bench/results/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');

export interface Column<T> {
  head: string;
  /** right-aligned (figures) */
  right?: boolean;
  cell(row: T): string | number;
}

/** A markdown table: one line per row. */
export function table<T>(columns: readonly Column<T>[], rows: readonly T[]): string[] {
  return [
    `| ${columns.map((c) => c.head).join(' | ')} |`,
    `|${columns.map((c) => (c.right ? '---:' : '---')).join('|')}|`,
    ...rows.map((r) => `| ${columns.map((c) => c.cell(r)).join(' | ')} |`),
  ];
}

/** figure / baseline to two decimals; '–' when either is missing or the baseline is 0. */
export function ratio(figure: number | undefined, baseline: number | undefined): string {
  if (figure === undefined || baseline === undefined || !baseline || Number.isNaN(figure)) return '–';
  return (figure / baseline).toFixed(2);
}

/** A target's verdict. */
export const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

/** When a run started and how loaded the machine was: every report's first line. */
export interface RunStart {
  started: Date;
  loadAtStart: number[];
}

export const runStart = (): RunStart => ({ started: new Date(), loadAtStart: os.loadavg() });

/** The title, and the machine and time of the run. */
export function heading(title: string, run: RunStart): string[] {
  const cpu = os.cpus();
  return [
    `# ${title}`,
    '',
    `${run.started.toISOString()} · Node ${process.version} · ${cpu.length} × ${cpu[0]?.model ?? 'CPU'} · ` +
      `load average at start ${run.loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
    '',
  ];
}

/** A '## Notes' list, or nothing. */
export function notesSection(notes: readonly string[], title = 'Notes'): string[] {
  return notes.length ? [`## ${title}`, '', ...notes.map((n) => `- ${n}`), ''] : [];
}

/** Prints the document and writes it to bench/results/<file>. */
export function writeResults(file: string, lines: readonly string[]): void {
  const doc = lines.join('\n');
  console.log(`\n${doc}`);
  const out = path.join(RESULTS, file);
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(out, doc);
  console.log(`written to ${path.relative(process.cwd(), out)}`);
}
