// Organisation policy profile (R50): the terms that differ per organisation are data, not code.
// Two presets mirror the seed organisations: Factor Twee's privacy regulation and MEE's statement.
import { z } from 'zod';
import { participantFieldNames, type ParticipantField } from '../api/categories.ts';

export const requestTypes = [
  'inzage',
  'afschrift',
  'correctie',
  'aanvulling',
  'afscherming',
  'verwijdering',
  'beperking',
  'verzet',
  'overdraagbaarheid',
  'intrekkingToestemming',
  'klacht',
] as const;
export const RequestType = z.enum(requestTypes);
export type RequestType = z.infer<typeof RequestType>;

export const termUnits = ['workingDays', 'calendarWeeks', 'calendarDays'] as const;
export const TermUnit = z.enum(termUnits);
export type TermUnit = z.infer<typeof TermUnit>;

// Bounded so that a typo cannot produce a term far beyond the statutory maximum anyway.
export const Term = z.object({
  unit: TermUnit,
  amount: z.number().int().min(1).max(366),
});
export type Term = z.infer<typeof Term>;

// AVG art. 12(3): answer within one month of receipt, extendable by at most two further months
// with notice to the data subject. This is law, so the schema fixes the values; the profile carries
// them so that a stored profile states which maximum it was checked against.
export const STATUTORY_MONTHS = 1;
export const STATUTORY_EXTENSION_MONTHS = 2;
export const StatutoryMaximum = z.object({
  months: z.literal(STATUTORY_MONTHS),
  maxExtensionMonths: z.literal(STATUTORY_EXTENSION_MONTHS),
});
export type StatutoryMaximum = z.infer<typeof StatutoryMaximum>;

// Bevrijdingsdag is a paid day off every year under some collective agreements and only in lustrum
// years (year % 5 === 0) under others; Goede Vrijdag is optional. Both are therefore settings.
export const HolidaySettings = z.object({
  liberationDay: z.enum(['every-year', 'lustrum-only']),
  goodFriday: z.boolean(),
});
export type HolidaySettings = z.infer<typeof HolidaySettings>;

// R43: a field with a shorter term than its dossier, counted in calendar days from when its value
// was recorded, from the end of the last trajectory (the procedure) or from the dossier's closing.
export const fieldTermStarts = ['recorded', 'trajectoryEnd', 'dossierClosed'] as const;
export const FieldTerm = z.object({
  field: z.enum(participantFieldNames as [ParticipantField, ...ParticipantField[]]),
  days: z.number().int().min(1).max(3650),
  from: z.enum(fieldTermStarts),
}).strict();
export type FieldTerm = z.infer<typeof FieldTerm>;

// R40: retention runs from the end of the trajectory; R41: deceased participants' dossiers within a
// year after death; R43: field-level terms; R45: the waiting period after a destruction batch is
// approved, during which it can still be cancelled. The computation is core/retention/schedule.ts.
export const Retention = z.object({
  uwvYears: z.number().int().min(1).max(100),
  wmoYears: z.number().int().min(1).max(100),
  defaultYearsAfterLastContact: z.number().int().min(1).max(100),
  yearsAfterDeath: z.number().int().min(0).max(100).default(1),
  fieldTerms: z.array(FieldTerm).max(50)
    .refine((list) => new Set(list.map((t) => t.field)).size === list.length, 'elk veld hoogstens één termijn')
    .default([]),
  destructionWaitingDays: z.number().int().min(1).max(90).default(7),
});
export type Retention = z.infer<typeof Retention>;

// R10, R12, R16: how consent may be given and recorded. Both seed organisations ask for a signed
// mandate (MEE 7: "een machtiging te ondertekenen"; FT 3.2: "schriftelijke toestemming"), so oral
// consent is off in both presets; an organisation whose rules allow it can switch it on.
export const ConsentSettings = z.object({
  oralConsentAllowed: z.boolean(),
  /** Minimum length of the written arguments for a disclosure without consent (R12). */
  exceptionMinArguments: z.number().int().min(20).max(2000),
  /** Cells of the statistics below this count are suppressed (R16). */
  statisticsThreshold: z.number().int().min(2).max(100),
});
export type ConsentSettings = z.infer<typeof ConsentSettings>;
const defaultConsent: ConsentSettings = { oralConsentAllowed: false, exceptionMinArguments: 50, statisticsThreshold: 5 };

// The participant's copy (issue 10): its access log says who acted by role and organisation; the
// names of staff members only when the organisation chooses so (default off).
export const CopySettings = z.object({
  staffNamesInAccessLog: z.boolean(),
});
export type CopySettings = z.infer<typeof CopySettings>;
const defaultCopies: CopySettings = { staffNamesInAccessLog: false };

export const Terms = z.object(
  Object.fromEntries(requestTypes.map((t) => [t, Term])) as Record<RequestType, typeof Term>,
);
export type Terms = z.infer<typeof Terms>;

export const PolicyProfile = z.object({
  name: z.string().trim().min(1).max(200),
  terms: Terms,
  statutoryMaximum: StatutoryMaximum.default({
    months: STATUTORY_MONTHS,
    maxExtensionMonths: STATUTORY_EXTENSION_MONTHS,
  }),
  holidays: HolidaySettings,
  retention: Retention.default({ uwvYears: 7, wmoYears: 15, defaultYearsAfterLastContact: 15, yearsAfterDeath: 1, fieldTerms: [], destructionWaitingDays: 7 }),
  // R09: the app locks itself after this many idle minutes.
  idleLockMinutes: z.number().int().min(1).max(240).default(10),
  // R08: every user must add a TOTP code to the password at sign-in (enrolment right after it).
  requireTotp: z.boolean().default(false),
  consent: ConsentSettings.default(defaultConsent),
  copies: CopySettings.default(defaultCopies),
});
export type PolicyProfile = z.infer<typeof PolicyProfile>;
/** What a caller may pass before defaults are filled in. */
export type PolicyProfileInput = z.input<typeof PolicyProfile>;

export const presetNames = ['factor-twee', 'mee'] as const;
export type PresetName = (typeof presetNames)[number];

const workingDays = (amount: number): Term => ({ unit: 'workingDays', amount });
const fourWeeks: Term = { unit: 'calendarWeeks', amount: 4 };

function allTypes(term: Term): Terms {
  return Object.fromEntries(requestTypes.map((t) => [t, { ...term }])) as Terms;
}

const defaultHolidays: HolidaySettings = { liberationDay: 'lustrum-only', goodFriday: false };
// Neither preset's participant fields have a shorter term of their own: the seeds' short terms
// concern applicants (MEE: four weeks after the procedure) and a screening tool's invitation
// e-mail (90 days); an organisation adds field terms to its profile (R43).
const defaultRetention: Retention = { uwvYears: 7, wmoYears: 15, defaultYearsAfterLastContact: 15, yearsAfterDeath: 1, fieldTerms: [], destructionWaitingDays: 7 };
const statutoryMaximum: StatutoryMaximum = {
  months: STATUTORY_MONTHS,
  maxExtensionMonths: STATUTORY_EXTENSION_MONTHS,
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// Frozen: a preset is shared, so an accidental edit would change every organisation using it.
export const presets: Readonly<Record<PresetName, PolicyProfile>> = deepFreeze({
  // Factor Twee privacy regulation: inzage/afschrift 5 working days (FT 4.4a, R34), correction and
  // objection 10 working days (FT 4.4b/c, R23, R27); the regulation names no other term, so four weeks.
  'factor-twee': {
    name: 'Factor Twee',
    terms: {
      ...allTypes(fourWeeks),
      inzage: workingDays(5),
      afschrift: workingDays(5),
      correctie: workingDays(10),
      verzet: workingDays(10),
    },
    statutoryMaximum,
    holidays: defaultHolidays,
    retention: defaultRetention,
    idleLockMinutes: 10,
    requireTotp: false,
    consent: defaultConsent,
    copies: defaultCopies,
  },
  // MEE Samen's privacy statement answers every request within four weeks.
  mee: {
    name: 'MEE',
    terms: allTypes(fourWeeks),
    statutoryMaximum,
    holidays: defaultHolidays,
    retention: defaultRetention,
    idleLockMinutes: 10,
    requireTotp: false,
    consent: defaultConsent,
    copies: defaultCopies,
  },
});

/** A fresh, validated copy of a preset, so that callers can adapt it without touching the original. */
export function getPreset(name: PresetName): PolicyProfile {
  const preset = presets[name];
  if (!preset) throw new Error(`Unknown policy preset: ${String(name)}`);
  return PolicyProfile.parse(structuredClone(preset));
}
