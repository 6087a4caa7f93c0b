// The participant's copy (R20, R21, R22, R31): a PDF for people and an encrypted zip for
// machines, built in memory from the one read model for an inzage, afschrift or
// overdraagbaarheid request with verified identity. Asynchronous: encryption (AES-256 in the zip)
// runs on WebCrypto; the dossier is read in one transaction, the copy registered and audited in another.
import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { Id } from '../api/schemas.ts';
import { DossierTarget } from '../statements/contract.ts';

export const CopyFormat = z.enum(['pdf', 'zip', 'both']);
export const CopyContents = z.enum(['full', 'overview']);
/** How the passphrase goes to the participant: never the channel the file goes by. */
export const PassphraseChannel = z.enum(['phone', 'inPerson', 'sms', 'letter']);

export const CopyFile = z.object({ fileName: z.string(), mimeType: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative(), contentBase64: z.string() });
export const CopyRecord = z.object({
  id: Id, requestId: Id, format: CopyFormat, contents: CopyContents, passphraseChannel: PassphraseChannel,
  files: z.array(z.object({ fileName: z.string(), sha256: z.string(), size: z.number().int() })), madeBy: z.string(), madeAt: z.string(),
});

const text = z.string();
const nullableText = z.string().nullable();
const texts = z.array(z.string());
/**
 * What a copy holds, as dossier.json has it (docs/schema/dossier-copy-v1.schema.json), without the
 * documents' bytes: the request's content view shows this, so it shows what the copy will hold.
 */
export const CopyContent = z.object({
  schemaVersion: z.literal(1), organisation: text, madeOn: text, contents: CopyContents,
  request: z.object({ id: Id, type: text, receivedOn: text, description: text, status: text, outcome: nullableText }),
  dossierNumber: text,
  participant: z.object({ personal: z.array(z.object({ field: text, label: text, category: text, value: text })), status: text, createdAt: text }),
  source: z.object({ kind: text, note: nullableText }),
  categories: z.array(z.object({ category: text, label: text, special: z.boolean(), purposes: texts })),
  trajectories: z.array(z.object({ id: Id, type: text, typeLabel: text, commissioner: text, startDate: text, endDate: nullableText, status: text, description: nullableText })),
  entries: z.array(z.object({ id: Id, trajectoryId: Id.nullable(), kind: text, entryDate: text, title: text, body: text, edited: z.boolean(), restricted: z.boolean() })),
  documents: z.array(z.object({ id: Id, kind: text, fileName: text, mimeType: text, size: z.number().int(), sha256: text, uploadedAt: text, file: text })),
  ownStatements: z.array(z.object({ id: Id, text, receivedOn: text, targets: z.array(DossierTarget) })),
  restrictions: z.array(z.object({ id: Id, reason: text, placedAt: text, targets: z.array(DossierTarget) })),
  disclosures: z.array(z.object({ recipient: text, disclosedOn: text, purpose: text, categories: texts, basis: text, legalDuty: nullableText })),
  mandates: z.array(z.object({ recipient: text, direction: text, purpose: text, purposeNote: nullableText, categories: texts, validFrom: text, validUntil: nullableText, state: text, withdrawnOn: nullableText, form: nullableText })),
  retention: z.object({ profile: text, defaultYearsAfterLastContact: z.number().int(), perTrajectory: z.array(z.object({ trajectoryId: Id, type: text, endDate: nullableText, years: z.number().int(), until: nullableText })) }),
  accessLog: z.array(z.object({ at: text, action: text, description: text, role: text, organisation: text, name: nullableText, reason: nullableText })),
  shieldRegister: z.array(z.object({ target: text, since: text, shieldedFrom: texts })),
  withheldSections: texts,
});

export const copiesContract = contract(
  operation({
    name: 'copies.make', permission: 'requests.handle', audit: 'write', async: true,
    input: z.object({
      requestId: Id, format: CopyFormat.default('both'), contents: CopyContents.default('full'), passphraseChannel: PassphraseChannel.default('phone'),
    }).strict(),
    /** The passphrase is in this answer only: it is never stored or logged. */
    output: z.object({ copyId: Id, files: z.array(CopyFile), passphrase: z.string() }),
  }),
  /** What the copy will hold (overview: documents named with their size), built by the same function as the copy. */
  operation({ name: 'copies.content', permission: 'requests.handle', audit: 'read', input: z.object({ requestId: Id }).strict(), output: CopyContent }),
  operation({ name: 'copies.list', permission: 'requests.read', audit: 'read', input: z.object({ requestId: Id }).strict(), output: z.array(CopyRecord) }),
);
