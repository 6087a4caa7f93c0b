// The fonts every PDF embeds (the participant's copy, the letters): DejaVu Sans regular and bold from the dejavu-fonts-ttf package, so
// that ë, ï, é, ı, ł render. In the sources they are read from node_modules; scripts/build.mjs
// replaces this module in the bundle with one that holds both files (it reads the names below),
// so the bundled CLI and app read no font file at run time (like db/migration-files.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
} as const;

export function readFont(name: keyof typeof FONT_FILES): Buffer {
  return readFileSync(require.resolve(FONT_FILES[name]));
}
