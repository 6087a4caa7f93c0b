// What other modules may use: the schedule (copies and letters state the terms from it), and for
// the execution step (destroy.ts) the re-check at execution time and the register line.
export { retentionTerms, dossierTerm, trajectoryTerms, lastContact, isDue } from './schedule.ts';
export type { DossierTerm, RetentionBasis, TermCategory } from './schedule.ts';
export { termsOf, destructionList, dueFieldValues } from './list.ts';
export { activeHold } from './holds.ts';
export { dueForExecution, destructionLine, registerDestruction, finishBatch, RegisterLine } from './batches.ts';
