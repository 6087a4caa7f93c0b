// The participant's copy (R20, R21, R22, R31): a PDF for people and an encrypted zip for
// machines, built in memory from the one read model for an inzage, afschrift or
// overdraagbaarheid request with verified identity. Asynchronous: encryption (AES-256 in the zip)
// runs on WebCrypto; the dossier is read in one transaction, the copy registered and audited in another.
import { z } from 'zod';
import { operation, contract } from '../api/operation.ts';
import { Id } from '../api/schemas.ts';

export const CopyFormat = z.enum(['pdf', 'zip', 'both']);
export const CopyContents = z.enum(['full', 'overview']);
/** How the passphrase goes to the participant: never the channel the file goes by. */
export const PassphraseChannel = z.enum(['phone', 'inPerson', 'sms', 'letter']);

export const CopyFile = z.object({ fileName: z.string(), mimeType: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative(), contentBase64: z.string() });
export const CopyRecord = z.object({
  id: Id, requestId: Id, format: CopyFormat, contents: CopyContents, passphraseChannel: PassphraseChannel,
  files: z.array(z.object({ fileName: z.string(), sha256: z.string(), size: z.number().int() })), madeBy: z.string(), madeAt: z.string(),
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
  operation({ name: 'copies.list', permission: 'requests.read', audit: 'read', input: z.object({ requestId: Id }).strict(), output: z.array(CopyRecord) }),
);
