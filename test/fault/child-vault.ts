// A second process on a test vault, for the fault tests (bundled by support.ts prepareChild, or run
// directly with `node --import tsx`):
//   child-vault.ts write DIR USER   signs in, then adds entries (and now and then a dossier) through
//                                   dispatch, one transaction each, printing "entry ID" /
//                                   "participant ID" after each commit, until it is killed;
//   child-vault.ts hold DIR USER    signs in, prints "ready" and keeps the vault open until killed.
//   child-vault.ts guess DIR USER   one sign-in with a wrong password; prints "result CODE" and exits.
// Both first print "loaded" and wait for a line on stdin before they open the vault, so the parent
// can start the next process (loading modules takes a second) while it checks the previous one.
// The password is the test password; stdout is written synchronously, so every printed line was
// printed after its commit and reaches the parent even when the process is killed right after.
import { writeSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { signIn } from '../../core/auth/signin.ts';
import { createHostState } from '../../core/host/app-host.ts';
import { dispatch } from '../../core/router/dispatch.ts';
import { TEST_KDF } from '../../core/vault/keyslots.ts';
import { PASSWORD, aParticipant } from '../support/vault.ts';

const [mode, dir, username] = process.argv.slice(2);
if (!mode || !dir || !username) throw new Error('usage: child-vault.ts write|hold|guess DIR USER');

const say = (line: string) => writeSync(1, `${line}\n`);
say('loaded');
const input = createInterface({ input: process.stdin });
await once(input, 'line');
input.on('close', () => process.exit(0)); // the parent is gone: never linger as an orphan
const state = createHostState({ vaultDir: dir, workstation: `kind-${process.pid}`, kdfCost: TEST_KDF });
if (mode === 'guess') {
  const r = await dispatch(state, 'auth.signIn', { username, password: `fout-wachtwoord-${process.pid}` });
  say(`result ${r.ok ? 'ok' : r.error.code}`);
  process.exit(0);
}
await signIn(state, username, PASSWORD);
say('ready');

if (mode === 'hold') {
  // The interval keeps the event loop alive, and by naming the state it keeps the open database
  // reachable: once the module body has run, nothing else does, and a collected better-sqlite3
  // handle is closed by its finaliser — as the last connection, checkpointing and deleting the WAL
  // under the test's feet (a flaky "files byte-identical" in bad-files.test.ts under load).
  setInterval(() => { if (!state.handle) throw new Error('the held vault was closed'); }, 60_000);
} else {
  const created = await dispatch(state, 'dossiers.create', aParticipant({ lastName: `Kind${process.pid}` }));
  if (!created.ok) throw new Error(created.error.code);
  let participantId = (created.value as { participantId: number }).participantId;
  say(`participant ${participantId}`);
  for (let i = 1; ; i++) {
    if (i % 25 === 0) {
      const p = await dispatch(state, 'dossiers.create', aParticipant({ lastName: `Kind${process.pid}-${i}` }));
      if (!p.ok) throw new Error(p.error.code);
      participantId = (p.value as { participantId: number }).participantId;
      say(`participant ${participantId}`);
    }
    const r = await dispatch(state, 'dossiers.addEntry', {
      participantId, trajectoryId: null, kind: 'note', entryDate: '2026-03-02', title: `Notitie ${i}`, body: `Regel ${i} van proces ${process.pid}. `.repeat(1 + (i % 40)),
    });
    if (!r.ok) throw new Error(r.error.code);
    say(`entry ${(r.value as { id: number }).id}`);
  }
}
