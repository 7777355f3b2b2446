/** The hours rules engine (rules §3) and its public contract (rules §7). */
export * from './schemas';
export * from './notes';
export * from './rules';
export { computeHours, type ComputeHoursInput } from './engine';
