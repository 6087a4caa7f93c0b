// Lint, and the rooms of ARCHITECTURE.md: a layer that imports from a room it may not enter
// fails the build (the same idea as VS Code's layering rule).
import tseslint from 'typescript-eslint';

const forbid = (patterns) => ['error', { patterns }];
const node = { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process'], message: 'Deze laag draait ook in de renderer: geen Node-modules.' };
const electron = { group: ['electron'], message: 'Alleen electron/ mag Electron gebruiken.' };
const ui = { group: ['react', 'react-dom', '@mantine/*', 'zustand', 'i18next', 'react-i18next'], message: 'UI hoort in renderer/.' };
const dbLayer = { group: ['**/db/*', '**/db/**'], message: 'Alleen core-services mogen db/ gebruiken.' };
const coreServices = { group: ['**/core/*/service.ts', '**/core/*/service*', '**/core/router/**', '**/core/vault/**', '**/core/host/**', '**/core/cli/**', '**/core/demo/**'], message: 'Deze laag mag alleen het API-contract gebruiken.' };
const ours = { group: ['../*', '../../*', './*/**'], message: 'core/api importeert niets van ons buiten core/api.' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-renderer/**', 'dist-electron/**', 'dist-cli/**', 'test-results/**', 'out/**', 'db/migrations/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // core/api: the contract's building blocks run anywhere, also in the renderer.
  { files: ['core/api/**/*.ts'], rules: { 'no-restricted-imports': forbid([node, electron, ui, dbLayer, ours]) } },
  // Module contracts are imported by the renderer too: only core/api and other contracts.
  { files: ['core/*/contract.ts', 'core/contract.ts'], rules: { 'no-restricted-imports': forbid([node, electron, ui, dbLayer, coreServices]) } },
  // core services: core/api, db/, Node built-ins; never Electron, React or the DOM.
  { files: ['core/**/*.ts'], ignores: ['core/api/**', 'core/*/contract.ts', 'core/contract.ts'], rules: { 'no-restricted-imports': forbid([electron, ui]) } },
  // db/: drizzle and the driver only.
  { files: ['db/**/*.ts'], rules: { 'no-restricted-imports': forbid([electron, ui, { group: ['**/core/**'], message: 'db/ kent geen domeinregels.' }]) } },
  // electron/: the router and host wiring; no SQL, no rules.
  { files: ['electron/**/*.ts', 'electron/**/*.cts'], rules: { 'no-restricted-imports': forbid([ui, dbLayer, { group: ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'], message: 'Geen SQL in electron/.' }]) } },
  // renderer/: contract types and schemas only.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: { 'no-restricted-imports': forbid([node, electron, dbLayer, coreServices, { group: ['**/electron/**', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'], message: 'De renderer praat alleen via het API-contract.' }]) },
  },
);
