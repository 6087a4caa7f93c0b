// What other modules may use: the mandate rows and their state on a date (R10, R17), and the
// upheld objections that block a recipient (R27).
export { loadMandate, mandatesOf, mandateStateOn, readCategories, type MandateRow } from './mandates.ts';
export { upheldObjection } from './objections.ts';
