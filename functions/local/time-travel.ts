import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Local time travel (issue 14 item 8): a demo user moves the stack's clock forward to watch a notice
 * close and the workflow go on, without waiting five working days. Only the domain clock moves (the
 * one every use-case reads); signing in keeps real time, so tokens stay valid. The offset is kept in
 * the data folder, so it survives a restart, and it only ever grows until reset: time in the demo
 * never runs backwards past records already written in its future.
 *
 * Local mode only: this module is imported by the local server alone, never by a Lambda entry.
 */
export interface TimeMachine {
  now(): Date;
  offsetDays(): number;
  advance(days: number): void;
  reset(): void;
}

const DAY_MS = 86_400_000;

export function createTimeMachine(file: string, base: () => Date = () => new Date()): TimeMachine {
  let offset = 0;
  if (existsSync(file)) {
    const kept = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(kept) && kept >= 0) offset = kept;
  }
  const keep = () => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, String(offset));
  };
  return {
    now: () => new Date(base().getTime() + offset * DAY_MS),
    offsetDays: () => offset,
    advance(days) {
      offset += days;
      keep();
    },
    reset() {
      offset = 0;
      keep();
    },
  };
}
