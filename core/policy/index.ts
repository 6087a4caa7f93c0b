export {
  requestTypes,
  RequestType,
  termUnits,
  TermUnit,
  Term,
  Terms,
  STATUTORY_MONTHS,
  STATUTORY_EXTENSION_MONTHS,
  StatutoryMaximum,
  HolidaySettings,
  Retention,
  PolicyProfile,
  presetNames,
  presets,
  getPreset,
  ConsentSettings,
} from './profile.ts';
export type { PolicyProfileInput, PresetName } from './profile.ts';
