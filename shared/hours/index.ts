/** The hours rules engine (SPEC §3) and its public contract (SPEC §7). */
export * from './schemas';
export * from './notes';
export * from './rules';
export { computeHours, type ComputeHoursInput } from './engine';
