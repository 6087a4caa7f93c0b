import { describe, it, expect } from 'vitest';
import {
  getPreset,
  PolicyProfile,
  presetNames,
  presets,
  requestTypes,
} from '../../core/policy/index.ts';

describe('policy profile', () => {
  it('R50 both presets parse with the schema', () => {
    for (const name of presetNames) {
      expect(PolicyProfile.safeParse(presets[name]).success).toBe(true);
      expect(PolicyProfile.parse(getPreset(name))).toEqual(presets[name]);
    }
  });

  it('R34 the Factor Twee preset answers inzage and afschrift in 5 working days', () => {
    const p = getPreset('factor-twee');
    expect(p.terms.inzage).toEqual({ unit: 'workingDays', amount: 5 });
    expect(p.terms.afschrift).toEqual({ unit: 'workingDays', amount: 5 });
  });

  it('R23 R27 the Factor Twee preset decides correction and objection in 10 working days', () => {
    const p = getPreset('factor-twee');
    expect(p.terms.correctie).toEqual({ unit: 'workingDays', amount: 10 });
    expect(p.terms.verzet).toEqual({ unit: 'workingDays', amount: 10 });
    // The regulation names no other term: everything else is four calendar weeks.
    const others = requestTypes.filter((t) => !['inzage', 'afschrift', 'correctie', 'verzet'].includes(t));
    for (const t of others) expect(p.terms[t]).toEqual({ unit: 'calendarWeeks', amount: 4 });
  });

  it('R50 the MEE preset answers every request type in four calendar weeks', () => {
    const p = getPreset('mee');
    for (const t of requestTypes) expect(p.terms[t]).toEqual({ unit: 'calendarWeeks', amount: 4 });
  });

  it('R50 a profile carries the statutory maximum, retention and idle lock', () => {
    const p = getPreset('factor-twee');
    expect(p.statutoryMaximum).toEqual({ months: 1, maxExtensionMonths: 2 });
    expect(p.retention).toEqual({ uwvYears: 7, wmoYears: 15, defaultYearsAfterLastContact: 15, yearsAfterDeath: 1, fieldTerms: [], destructionWaitingDays: 7 });
    expect(p.idleLockMinutes).toBe(10);
  });

  it('R50 omitted statutory maximum, retention and idle lock get their defaults', () => {
    const { statutoryMaximum: _s, retention: _r, idleLockMinutes: _i, ...rest } = getPreset('mee');
    const p = PolicyProfile.parse({ ...rest, name: 'Eigen profiel' });
    expect(p.statutoryMaximum).toEqual({ months: 1, maxExtensionMonths: 2 });
    expect(p.retention).toEqual({ uwvYears: 7, wmoYears: 15, defaultYearsAfterLastContact: 15, yearsAfterDeath: 1, fieldTerms: [], destructionWaitingDays: 7 });
    expect(p.idleLockMinutes).toBe(10);
  });

  it('R34 the statutory maximum cannot be configured away', () => {
    const p = getPreset('mee');
    expect(PolicyProfile.safeParse({ ...p, statutoryMaximum: { months: 2, maxExtensionMonths: 2 } }).success).toBe(false);
    expect(PolicyProfile.safeParse({ ...p, statutoryMaximum: { months: 1, maxExtensionMonths: 6 } }).success).toBe(false);
  });

  it('R50 the schema refuses a missing request type, an unknown unit or a bad amount', () => {
    const p = getPreset('mee');
    const { klacht: _k, ...withoutKlacht } = p.terms;
    expect(PolicyProfile.safeParse({ ...p, terms: withoutKlacht }).success).toBe(false);
    expect(PolicyProfile.safeParse({ ...p, terms: { ...p.terms, inzage: { unit: 'months', amount: 1 } } }).success).toBe(false);
    expect(PolicyProfile.safeParse({ ...p, terms: { ...p.terms, inzage: { unit: 'workingDays', amount: 0 } } }).success).toBe(false);
    expect(PolicyProfile.safeParse({ ...p, terms: { ...p.terms, inzage: { unit: 'workingDays', amount: 2.5 } } }).success).toBe(false);
    expect(PolicyProfile.safeParse({ ...p, holidays: { liberationDay: 'never', goodFriday: false } }).success).toBe(false);
  });

  it('R50 getPreset returns a copy; the presets themselves cannot be changed', () => {
    const p = getPreset('factor-twee');
    p.terms.inzage.amount = 99;
    expect(getPreset('factor-twee').terms.inzage.amount).toBe(5);
    expect(Object.isFrozen(presets['factor-twee'].terms.inzage)).toBe(true);
  });
});
