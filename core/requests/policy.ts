// The organisation's policy profile (R50) as settings: the chosen preset ('policyPreset') and,
// when the organisation adapted it, the whole profile as JSON ('policyProfile').
import { getPreset, PolicyProfile, presetNames, type PresetName } from '../policy/index.ts';
import type { Sqlite } from '../../db/connection.ts';

function setting(sqlite: Sqlite, key: string): string | null {
  return (sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

export function presetName(sqlite: Sqlite): PresetName {
  const v = setting(sqlite, 'policyPreset');
  return (presetNames as readonly string[]).includes(v ?? '') ? (v as PresetName) : 'factor-twee';
}

export function loadPolicy(sqlite: Sqlite): { preset: PresetName; profile: PolicyProfile; customised: boolean } {
  const preset = presetName(sqlite);
  const stored = setting(sqlite, 'policyProfile');
  if (stored) {
    const parsed = PolicyProfile.safeParse(JSON.parse(stored));
    if (parsed.success) return { preset, profile: parsed.data, customised: true };
  }
  return { preset, profile: getPreset(preset), customised: false };
}

export function savePolicy(sqlite: Sqlite, preset: PresetName | undefined, profile: PolicyProfile | null | undefined): void {
  const put = sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  if (preset) put.run('policyPreset', preset);
  if (profile) put.run('policyProfile', JSON.stringify(profile));
  // Choosing a preset without a profile means: use the preset as it is.
  else if (preset || profile === null) sqlite.prepare("DELETE FROM settings WHERE key = 'policyProfile'").run();
}

export function organisationName(sqlite: Sqlite): string {
  return setting(sqlite, 'organisation') ?? 'onze organisatie';
}

/** The place on the date line of every letter; null until the organisation sets it. */
export function organisationPlace(sqlite: Sqlite): string | null {
  return setting(sqlite, 'organisationPlace') || null;
}

export function saveOrganisationPlace(sqlite: Sqlite, place: string | null): void {
  if (place) sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run('organisationPlace', place);
  else sqlite.prepare("DELETE FROM settings WHERE key = 'organisationPlace'").run();
}
