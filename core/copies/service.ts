// copies.make: the participant's copy for one request (R20, R21, R22, R31). Three steps: read (one
// transaction, the read model with the participant's copy as viewer), build and encrypt in
// memory (asynchronous: pdfkit's stream and zip.js's WebCrypto AES), register and audit (one
// transaction).
// No temp file, no log line with content; the passphrase is only in the answer.
import { createHash } from 'node:crypto';
import { domainError } from '../api/errors.ts';
import { appendAudit } from '../audit/chain.ts';
import { auditLine } from '../router/audit-line.ts';
import type { RequestType } from '../policy/index.ts';
import { inTransaction, type AuditNote, type Ctx, type HostState } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import { buildCopyData, type CopyData } from './data.ts';
import type { copiesContract } from './contract.ts';
import { makePassphrase } from './passphrase.ts';
import { copyPdf } from './pdf.ts';
import { copyZip, dossierJson } from './portable.ts';
import { COPY_TYPES } from '../requests/service.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export interface MadeCopy { copyId: number; passphrase: string; files: { fileName: string; mimeType: string; sha256: string; size: number; bytes: Buffer }[] }

/** Reads, builds and registers a copy; the CLI writes the bytes, the API returns them in base64. */
/** The copy's content for a request of a copy type (R20: identity verified first, in buildCopyData). */
function copyDataFor(ctx: Ctx, requestId: number, contents: 'full' | 'overview'): CopyData {
  const row = ctx.sqlite.prepare('SELECT type, outcome FROM requests WHERE id = ?').get(requestId) as { type: RequestType; outcome: string | null } | undefined;
  const data = buildCopyData(ctx, requestId, contents); // not found, access (R04, R26), identity (R20, R33) first
  if (!row || !COPY_TYPES.includes(row.type)) throw domainError('copy.wrongRequestType');
  return data;
}

export async function makeCopy(state: HostState, input: { requestId: number; format: 'pdf' | 'zip' | 'both'; contents: 'full' | 'overview'; passphraseChannel: 'phone' | 'inPerson' | 'sms' | 'letter' }, note: AuditNote): Promise<MadeCopy> {
  const data: CopyData = inTransaction(state, note, (ctx) => {
    const data = copyDataFor(ctx, input.requestId, input.contents);
    if (data.request.outcome === 'refused') throw domainError('copy.refused');
    return data;
  });
  const passphrase = makePassphrase();
  const base = `dossier-${data.dossierNumber}-${data.madeOn}`; // never the participant's name
  const files: MadeCopy['files'] = [];
  if (input.format !== 'zip') files.push({ fileName: `${base}.pdf`, mimeType: 'application/pdf', ...withHash(await copyPdf(data, passphrase)) });
  if (input.format !== 'pdf') files.push({ fileName: `${base}.zip`, mimeType: 'application/zip', ...withHash(await copyZip(data, passphrase)) });
  // The register line and the audit line in one transaction (R05, R21): a copy is never handed out
  // unrecorded, and never recorded without its audit line. The line names which copy and which
  // files (their hashes), never the passphrase.
  const copyId = inTransaction(state, note, (ctx) => {
    const participantId = ctx.sqlite.prepare('SELECT participant_id AS p FROM requests WHERE id = ?').get(input.requestId) as { p: number };
    const { id } = ctx.sqlite.prepare(`INSERT INTO copies (request_id, participant_id, format, contents, files, passphrase_channel, made_by, made_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`).get(input.requestId, participantId.p, input.format, input.contents,
      JSON.stringify(files.map((f) => ({ fileName: f.fileName, sha256: f.sha256, size: f.size }))), input.passphraseChannel, ctx.session.userId, ctx.nowIso) as { id: number };
    note.participantId = participantId.p;
    note.objects = { ...note.objects, requestId: input.requestId, copyId: id, format: input.format, contents: input.contents, passphraseChannel: input.passphraseChannel, sha256: files.map((f) => f.sha256) };
    appendAudit(ctx.sqlite, auditLine(state, 'copies.make', 'ok', note, ctx.nowIso));
    note.written = true;
    return id;
  });
  return { copyId, passphrase, files };
}

function withHash(bytes: Buffer) { return { bytes, sha256: sha256(bytes), size: bytes.byteLength }; }

export const copyHandlers: Handlers<typeof copiesContract> = {
  'copies.make': async (state: HostState, input, note) => {
    const made = await makeCopy(state, input, note);
    return { copyId: made.copyId, passphrase: made.passphrase, files: made.files.map(({ bytes, ...f }) => ({ ...f, contentBase64: bytes.toString('base64') })) };
  },
  'copies.content': (ctx: Ctx, input) => dossierJson(copyDataFor(ctx, input.requestId, 'overview')),
  'copies.list': (ctx: Ctx, input) => {
    const r = ctx.sqlite.prepare('SELECT participant_id AS p FROM requests WHERE id = ?').get(input.requestId) as { p: number } | undefined;
    if (!r) throw domainError('request.notFound');
    ctx.note.participantId = r.p;
    return (ctx.sqlite.prepare(`SELECT c.id, c.request_id AS requestId, c.format, c.contents, c.passphrase_channel AS passphraseChannel, c.files, u.display_name AS madeBy, c.made_at AS madeAt
      FROM copies c JOIN users u ON u.id = c.made_by WHERE c.request_id = ? ORDER BY c.id`).all(input.requestId) as { files: string }[])
      .map((c) => ({ ...c, files: JSON.parse(c.files) })) as never;
  },
};
