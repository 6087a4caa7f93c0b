// All visible text goes through these keys; Dutch first, English as the alternative.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import nl from './nl.json';
import en from './en.json';

// Each feature module may bring its own texts as renderer/i18n/<module>.nl.json and
// <module>.en.json, with its own top-level key, so modules never edit the same file.
type Texts = Record<string, unknown>;
const moduleTexts = import.meta.glob<Texts>('./*.{nl,en}.json', { eager: true, import: 'default' });
function withModules(base: Texts, lang: 'nl' | 'en'): Texts {
  const merged: Texts = { ...base };
  for (const [file, texts] of Object.entries(moduleTexts)) if (file.endsWith(`.${lang}.json`)) Object.assign(merged, texts);
  return merged;
}

export type Language = 'nl' | 'en';
const LANG_KEY = 'dossierkluis.lang';

function storedLanguage(): Language {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

void i18n.use(initReactI18next).init({
  resources: { nl: { translation: withModules(nl, 'nl') }, en: { translation: withModules(en, 'en') } },
  lng: storedLanguage(),
  fallbackLng: 'nl',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* private mode: the choice holds for this session only */
  }
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'nl';
}

export default i18n;
