// Dutch texts a user reads (issue 13, "Dutch and layout"): singular and plural, a month in words,
// a greeting for the time of day, enum values in words. Pure functions with the renderer's own
// i18n files, and core's message filling.
import { describe, expect, it } from 'vitest';
import { domainError } from '../../core/api/errors.ts';
import { fieldValueNl } from '../../core/letters/templates.ts';
import { fieldText, formatMonth } from '../../renderer/components/format.ts';
import { dayPart, greetingKey } from '../../renderer/features/dashboard/greeting.ts';
import { rendererT } from '../support/i18n.ts';

describe('Dutch texts', () => {
  it('R09 the sign-in delay says "over 1 seconde" and "over 4 seconden", in English "1 second" and "4 seconds"', () => {
    const one = domainError('auth.rateLimited', { seconds: 1 }).toApiError();
    expect(one.message).toBe('Te veel mislukte pogingen. Probeer het over 1 seconde opnieuw.');
    expect(one.messageEn).toBe('Too many failed attempts. Try again in 1 second.');
    const four = domainError('auth.rateLimited', { seconds: 4 }).toApiError();
    expect(four.message).toContain('over 4 seconden opnieuw');
    expect(four.messageEn).toContain('in 4 seconds.');
  });

  it('R06 the access review caption names the month in words: "Toegang buiten de caseload in december 2026"', async () => {
    expect(formatMonth('2026-12', 'nl')).toBe('december 2026');
    expect(formatMonth('2026-03', 'en')).toBe('March 2026');
    expect(formatMonth('not a month', 'nl')).toBe('not a month');
    const t = await rendererT('nl');
    expect(t('audit.reviewCaption', { month: formatMonth('2026-12', 'nl') })).toBe('Toegang buiten de caseload in december 2026');
  });

  it('the start page greets by the time of day', async () => {
    expect([0, 5, 6, 11, 12, 17, 18, 23].map(dayPart)).toEqual(['evening', 'evening', 'morning', 'morning', 'afternoon', 'afternoon', 'evening', 'evening']);
    const nl = await rendererT('nl');
    expect(nl(greetingKey(9), { name: 'Sanne' })).toBe('Goedemorgen, Sanne');
    expect(nl(greetingKey(14), { name: 'Sanne' })).toBe('Goedemiddag, Sanne');
    expect(nl(greetingKey(20), { name: 'Sanne' })).toBe('Goedenavond, Sanne');
    expect((await rendererT('en'))(greetingKey(9), { name: 'Sanne' })).toBe('Good morning, Sanne');
  });

  it('R01 enum values are shown in words: "Geslacht: Man", not "male"; dates DD-MM-JJJJ', async () => {
    const t = await rendererT('nl');
    expect(['female', 'male', 'other', 'unknown'].map((g) => fieldText(t, 'gender', g))).toEqual(['Vrouw', 'Man', 'Anders', 'Onbekend']);
    expect(fieldText(t, 'birthDate', '1990-04-12')).toBe('12-04-1990');
    expect(fieldText(t, 'city', 'Utrecht')).toBe('Utrecht');
    expect(fieldText(await rendererT('en'), 'gender', 'female')).toBe('Female');
    // The same in core's Dutch texts (letters, the copy's PDF).
    expect(['female', 'male', 'other', 'unknown'].map((g) => fieldValueNl('gender', g))).toEqual(['vrouw', 'man', 'anders', 'onbekend']);
    expect(fieldValueNl('birthDate', '1990-04-12')).toBe('12-04-1990');
  });

  it('every plural key in the Dutch and English texts has both its _one and _other form', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../../renderer/i18n/', import.meta.url);
    const keys = (o: unknown, prefix = ''): string[] => Object.entries(o as Record<string, unknown>)
      .flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const all = new Set(keys(JSON.parse(readFileSync(new URL(file, dir), 'utf8'))));
      for (const k of all) {
        if (k.endsWith('_one')) expect(all.has(k.replace(/_one$/, '_other')), `${file}: ${k}`).toBe(true);
        if (k.endsWith('_other')) expect(all.has(k.replace(/_other$/, '_one')), `${file}: ${k}`).toBe(true);
      }
    }
  });
});
