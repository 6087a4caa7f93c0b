// The renderer's texts in an i18next instance for tests of pure text functions: the same merge as
// renderer/i18n/index.ts (base file, then every <module>.<lang>.json), without a browser.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';

const dir = join(import.meta.dirname, '../../renderer/i18n');

function texts(lang: 'nl' | 'en'): Record<string, unknown> {
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
  const merged = read(`${lang}.json`);
  for (const file of readdirSync(dir)) if (file.endsWith(`.${lang}.json`) && file !== `${lang}.json`) Object.assign(merged, read(file));
  return merged;
}

export async function rendererT(lang: 'nl' | 'en' = 'nl'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { [lang]: { translation: texts(lang) } }, lng: lang, interpolation: { escapeValue: false }, returnNull: false });
  return i18n.t;
}
