// The number an anonymised dossier gets (R29): random, not sequential, no year, nothing of the old
// one. One definition for the service that gives it, the ledger that lists it, and the screens that
// show an anonymised dossier's reduced dates as what they are (a year, not a day). No Node imports:
// the renderer uses it too.
export const ANONYMOUS_NUMBER = /^AN-[0-9A-F]{16}$/;

export const isAnonymousNumber = (dossierNumber: string | null | undefined): boolean => ANONYMOUS_NUMBER.test(dossierNumber ?? '');
