// Where a vault lives by default: the OS user-data folder of Dossierkluis (the same folder
// Electron's app.getPath('userData') points at), with the vault in a subfolder.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function userDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Dossierkluis');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Dossierkluis');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Dossierkluis');
}

export function defaultVaultDir(): string {
  return join(userDataDir(), 'vault');
}
