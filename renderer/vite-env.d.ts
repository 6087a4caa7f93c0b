/// <reference types="vite/client" />
declare module '*.css';

interface ImportMetaEnv {
  /** '1' only in the renderer scripts/e2e.mjs builds: exposes the read-only cache inspection (api/inspect.ts). */
  readonly VITE_DK_E2E?: string;
}
