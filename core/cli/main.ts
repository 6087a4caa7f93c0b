// `dossierkluis`: the command-line tool (init, demo, verify, backup, serve, copy, retention). Messages are Dutch;
// exit codes tell scripts what went wrong.
import { existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { DomainError, isDomainError } from '../api/errors.ts';
import { appendAudit, verifyAuditChain } from '../audit/chain.ts';
import { signIn, signOut } from '../auth/signin.ts';
import { generateDemo } from '../demo/generate.ts';
import { demoPassword, isDemoVault, markDemoVault } from '../demo/vault.ts';
import { createHostState } from '../host/app-host.ts';
import { defaultVaultDir } from '../host/paths.ts';
import { dispatch } from '../router/dispatch.ts';
import type { HostState } from '../router/context.ts';
import { readSlotFile, vaultExists } from '../vault/files.ts';
import { backupVault } from '../vault/vault.ts';
import { serveCommand } from './serve.ts';
import { retentionLines } from './retention.ts';
import type { DestructionList } from '../retention/list.ts';

export const EXIT = { ok: 0, findings: 1, usage: 2, auth: 3, vault: 4, inUse: 5, newer: 6 } as const;

const USAGE = `Gebruik: dossierkluis <opdracht> [opties]

  init    --vault MAP --org NAAM --admin GEBRUIKER [--name WEERGAVENAAM] [--preset factor-twee|mee]
  demo    --vault MAP --participants N [--seed S] [--entries N] [--user GEBRUIKER] [--org NAAM]
          (alleen in een nieuwe map of een kluis die demo zelf maakte)
  verify  --vault MAP [--user GEBRUIKER]
  backup  --vault MAP --to MAP [--user GEBRUIKER]
  serve   [--vault MAP] [--port P] [--open]
  copy    --vault MAP --request ID --out BESTAND [--format pdf|zip] [--user GEBRUIKER]
          (versleutelde kopie voor de deelnemer; het wachtwoord verschijnt één keer op stderr)
  retention --vault MAP [--weeks N] [--json] [--user GEBRUIKER]
          (dossiers waarvan de bewaartermijn voorbij is, en binnen N weken afloopt; privacyfunctionaris of bestuur)

Het wachtwoord komt uit DOSSIERKLUIS_PASSWORD of wordt verborgen gevraagd.
Zonder --vault wordt de standaardmap gebruikt: ${defaultVaultDir()}`;

const options = {
  vault: { type: 'string' }, org: { type: 'string' }, admin: { type: 'string' }, name: { type: 'string' },
  preset: { type: 'string' }, participants: { type: 'string' }, seed: { type: 'string' }, entries: { type: 'string' },
  user: { type: 'string' }, to: { type: 'string' }, port: { type: 'string' }, open: { type: 'boolean' }, request: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' }, weeks: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

function say(line: string): void { process.stdout.write(`${line}\n`); }
function warn(line: string): void { process.stderr.write(`${line}\n`); }

async function askHidden(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) throw new UsageError('Geen wachtwoord: zet DOSSIERKLUIS_PASSWORD of start interactief.');
  let muted = false;
  const out = new Writable({ write(chunk, _enc, cb) { if (!muted) process.stderr.write(chunk); cb(); } });
  const rl = createInterface({ input: process.stdin, output: out, terminal: true });
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => { rl.close(); process.stderr.write('\n'); resolve(answer); });
    muted = true;
  });
}

async function password(confirm = false): Promise<string> {
  const fromEnv = process.env.DOSSIERKLUIS_PASSWORD;
  if (fromEnv) return fromEnv;
  const first = await askHidden('Wachtwoord: ');
  if (confirm && (await askHidden('Herhaal het wachtwoord: ')) !== first) throw new UsageError('De wachtwoorden zijn niet gelijk.');
  return first;
}

function intOption(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`--${name} moet een geheel getal van 0 tot ${max} zijn.`);
  return n;
}

/** The user to unlock with: --user, or the only administrator's name in the key slots. */
function unlockUser(state: HostState, user: string | undefined): string {
  if (user) return user.toLowerCase();
  const users = readSlotFile(state.dir).slots.filter((s) => s.kind === 'user').map((s) => s.username!);
  if (users.length === 1) return users[0]!;
  throw new UsageError(`Geef --user op (gebruikers: ${users.join(', ')}).`);
}

async function unlock(vaultDir: string, user: string | undefined): Promise<HostState> {
  const state = createHostState({ vaultDir, workstation: `cli@${process.env.HOSTNAME ?? 'lokaal'}` });
  // R08: a user with a second factor gives its code too (DOSSIERKLUIS_CODE, or asked hidden).
  await signIn(state, unlockUser(state, user), await password(), { secondFactorCode: async () => process.env.DOSSIERKLUIS_CODE ?? askHidden('Code uit de authenticator-app: ') });
  return state;
}

function progressBar(done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round((done / total) * 100)}% ${done}/${total}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
  else if (done === total || done % Math.max(1, Math.round(total / 10)) < 1000) warn(line);
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  const command = positionals[0];
  if (values.help || !command) { say(USAGE); return command || values.help ? EXIT.ok : EXIT.usage; }
  const vaultDir = values.vault ?? defaultVaultDir();

  switch (command) {
    case 'init': {
      if (!values.org || !values.admin) throw new UsageError('init heeft --org en --admin nodig.');
      const preset = values.preset ?? 'factor-twee';
      if (preset !== 'factor-twee' && preset !== 'mee') throw new UsageError('--preset is factor-twee of mee.');
      const state = createHostState({ vaultDir });
      const result = await dispatch(state, 'vault.create', { organisation: values.org, preset, admin: { username: values.admin, displayName: values.name ?? values.admin, password: await password(true) } });
      if (!result.ok) throw new DomainError(result.error.code, result.error.params ?? {});
      signOut(state);
      say(`Kluis aangemaakt in ${vaultDir}.`);
      say('Herstelcode (wordt één keer getoond; bewaar hem afgedrukt op een veilige plek):');
      say(`  ${(result.value as { recoveryCode: string }).recoveryCode}`);
      return EXIT.ok;
    }
    case 'demo': {
      const count = intOption(values.participants, 'participants', 100, 1_000_000);
      const seed = intOption(values.seed, 'seed', 1, 2 ** 31);
      const perParticipant = intOption(values.entries, 'entries', 20, 5000);
      // Never in the default folder: that is where the app keeps the real vault.
      if (!values.vault) throw new UsageError('demo heeft --vault MAP nodig: een nieuwe map of een eerder gemaakte demo-kluis.');
      const state = await demoVault(vaultDir, values.user, values.org);
      try {
        const consultants = await ensureDemoConsultants(state);
        const started = Date.now();
        const sqlite = state.handle!.sqlite;
        const made = generateDemo(sqlite, { participants: count, seed, entriesPerParticipant: perParticipant, consultantIds: consultants, now: new Date(), onProgress: progressBar });
        sqlite.transaction(() => appendAudit(sqlite, { action: 'demo.generate', outcome: 'ok', at: new Date().toISOString(), userId: state.session!.userId, username: state.session!.username, workstation: state.workstation, objects: made }))();
        say(`Demo-gegevens aangemaakt: ${made.participants} deelnemers, ${made.entries} journaalregels, ${made.documents} documenten, ${made.recipients} ontvangers, ${made.mandates} machtigingen, ${made.disclosures} verstrekkingen, ${made.requests} verzoeken in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed}).`);
      } finally { signOut(state); }
      return EXIT.ok;
    }
    case 'verify': {
      const state = await unlock(vaultDir, values.user);
      try {
        const sqlite = state.handle!.sqlite;
        const integrity = sqlite.pragma('integrity_check', { simple: true }) as string;
        const chain = verifyAuditChain(sqlite);
        say(`Integriteit database: ${integrity === 'ok' ? 'in orde' : integrity}`);
        say(`Audittrail: ${chain.checked} regels gecontroleerd, ${chain.findings.length} afwijkingen`);
        for (const f of chain.findings.slice(0, 50)) say(`  regel ${f.seq}: ${f.problem}${f.detail ? ` — ${f.detail}` : ''}`);
        if (chain.anchor) say(`Auditanker: ${chain.anchor.ok ? 'in orde' : 'AFWIJKING'}. ${chain.anchor.message}`);
        return integrity === 'ok' && chain.ok ? EXIT.ok : EXIT.findings;
      } finally { signOut(state); }
    }
    case 'backup': {
      if (!values.to) throw new UsageError('backup heeft --to MAP nodig.');
      const state = await unlock(vaultDir, values.user);
      try {
        const made = backupVault(state.handle!, values.to);
        const sqlite = state.handle!.sqlite;
        sqlite.transaction(() => appendAudit(sqlite, { action: 'vault.backup', outcome: 'ok', at: new Date().toISOString(), userId: state.session!.userId, username: state.session!.username, workstation: state.workstation }))();
        say(`Versleutelde reservekopie geschreven naar ${values.to} (${made.database}); hij opent met dezelfde wachtwoorden.`);
      } finally { signOut(state); }
      return EXIT.ok;
    }
    case 'copy': {
      // Same operation as the app (copies.make: permission, identity check, audit, register); only
      // the encrypted file reaches the disk, the passphrase goes to stderr once (R21, R31).
      if (!values.request || !values.out) throw new UsageError('copy heeft --request ID en --out BESTAND nodig.');
      const format = values.format ?? 'pdf';
      if (format !== 'pdf' && format !== 'zip') throw new UsageError('--format is pdf of zip.');
      const requestId = intOption(values.request, 'request', 0, 2 ** 31);
      if (existsSync(values.out)) throw new UsageError(`${values.out} bestaat al; kies een nieuwe bestandsnaam.`);
      const state = await unlock(vaultDir, values.user);
      try {
        const result = await dispatch(state, 'copies.make', { requestId, format, contents: 'full', passphraseChannel: 'phone' });
        if (!result.ok) throw new DomainError(result.error.code, result.error.params ?? {});
        const made = result.value as { files: { fileName: string; sha256: string; contentBase64: string }[]; passphrase: string };
        const file = made.files[0]!;
        writeFileSync(values.out, Buffer.from(file.contentBase64, 'base64'), { mode: 0o600, flag: 'wx' });
        say(`Versleutelde kopie geschreven naar ${values.out} (SHA-256 ${file.sha256}).`);
        warn(`Wachtwoord (wordt één keer getoond; geef het via een ander kanaal dan het bestand, bijvoorbeeld telefonisch): ${made.passphrase}`);
      } finally { signOut(state); }
      return EXIT.ok;
    }
    case 'retention': {
      // The destruction list through the same operation as the app (permission, shields, audit).
      const withinWeeks = intOption(values.weeks, 'weeks', 0, 520);
      const state = await unlock(vaultDir, values.user);
      try {
        const result = await dispatch(state, 'retention.list', { withinWeeks });
        if (!result.ok) throw new DomainError(result.error.code, result.error.params ?? {});
        const list = result.value as DestructionList;
        if (values.json) say(JSON.stringify(list, null, 2));
        else for (const line of retentionLines(list, withinWeeks)) say(line);
      } finally { signOut(state); }
      return EXIT.ok;
    }
    case 'serve':
      await serveCommand({ vaultDir, port: intOption(values.port, 'port', 0, 65535), open: values.open ?? false });
      return EXIT.ok;
    default:
      throw new UsageError(`Onbekende opdracht: ${command}\n\n${USAGE}`);
  }
}

/**
 * The vault for `demo`: a new one in an empty or missing folder (marked as a demo vault), or one
 * that demo made earlier. A real vault is refused, before anything is written: demo accounts
 * and synthetic dossiers have no place in it.
 */
async function demoVault(vaultDir: string, user: string | undefined, organisation: string | undefined): Promise<HostState> {
  if (!vaultExists(vaultDir)) {
    const state = createHostState({ vaultDir, workstation: `cli@${process.env.HOSTNAME ?? 'lokaal'}` });
    const admin = (user ?? 'beheer').toLowerCase();
    const result = await dispatch(state, 'vault.create', { organisation: organisation ?? 'Demo-organisatie', preset: 'factor-twee', admin: { username: admin, displayName: admin, password: await password(true) } });
    if (!result.ok) throw new DomainError(result.error.code, result.error.params ?? {});
    const sqlite = state.handle!.sqlite;
    sqlite.transaction(() => markDemoVault(sqlite, new Date().toISOString()))();
    say(`Demo-kluis aangemaakt in ${vaultDir}; beheerder ${admin} met het opgegeven wachtwoord.`);
    say('Herstelcode (wordt één keer getoond):');
    say(`  ${(result.value as { recoveryCode: string }).recoveryCode}`);
    return state;
  }
  const state = await unlock(vaultDir, user);
  if (!isDemoVault(state.handle!.sqlite)) {
    signOut(state);
    throw new UsageError(`De kluis in ${vaultDir} is niet met \`dossierkluis demo\` gemaakt. Demo-gegevens en demo-accounts komen alleen in een demo-kluis: kies met --vault een nieuwe map.`);
  }
  return state;
}

/**
 * Demo users when the demo vault has none of a kind: consultants for the caseloads and one
 * administration user, who handles the demo requests. Each gets its own generated password,
 * printed once here and never stored in plain text.
 */
async function ensureDemoConsultants(state: HostState): Promise<number[]> {
  const sqlite = state.handle!.sqlite;
  const activeOf = (roles: string) => (sqlite.prepare(`SELECT id FROM users WHERE role IN (${roles}) AND active = 1 ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
  const create = async (username: string, displayName: string, role: 'consultant' | 'administration'): Promise<number> => {
    const secret = demoPassword();
    const r = await dispatch(state, 'users.create', { username, displayName, role, password: secret });
    if (!r.ok) throw new DomainError(r.error.code, r.error.params ?? {});
    say(`  ${username} (${role === 'consultant' ? 'consulent' : 'administratie'}): wachtwoord ${secret}`);
    return (r.value as { id: number }).id;
  };
  const needAdministration = activeOf("'administration', 'privacyOfficer'").length === 0;
  const existing = activeOf("'consultant'");
  if (needAdministration || existing.length === 0) say('Demo-accounts (de wachtwoorden worden één keer getoond):');
  if (needAdministration) await create('administratie1', 'Ayse Yilmaz', 'administration');
  if (existing.length > 0) return existing;
  const ids: number[] = [];
  for (const [i, name] of ['Sanne de Vries', 'Mohamed El Amrani', 'Eva Jansen'].entries()) ids.push(await create(`consulent${i + 1}`, name, 'consultant'));
  return ids;
}

function exitFor(e: DomainError): number {
  if (e.code === 'auth.wrongPassword' || e.code === 'auth.rateLimited' || e.code === 'auth.userInactive' || e.code.startsWith('auth.secondFactor') || e.code === 'auth.wrongTotp' || e.code === 'auth.totpReused') return EXIT.auth;
  if (e.code === 'vault.inUse') return EXIT.inUse;
  if (e.code === 'vault.newerVersion') return EXIT.newer;
  if (e.code.startsWith('vault.')) return EXIT.vault;
  return EXIT.findings;
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    if (isDomainError(e)) { warn(`Fout: ${e.toApiError().message}`); return exitFor(e); }
    if (e instanceof UsageError) { warn(e.message); return EXIT.usage; }
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) { warn(`${(e as Error).message}\n\n${USAGE}`); return EXIT.usage; }
    warn(`Fout: er ging iets onverwachts mis (${(e as Error)?.name ?? 'onbekend'}). Er is niets gewijzigd.`);
    return EXIT.findings;
  }
}
