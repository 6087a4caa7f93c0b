// The recipient register (R15). A recipient is never deleted: disclosures and mandates refer to
// it for as long as the dossiers are kept; one that is no longer used is made inactive.
import { domainError } from '../api/errors.ts';
import type { Ctx } from '../router/context.ts';
import type { Handlers } from '../router/types.ts';
import type { Sqlite } from '../../db/connection.ts';
import type { Recipient, recipientsContract } from './contract.ts';

interface Row {
  id: number; name: string; kind: Recipient['kind']; contactPerson: string | null; address: string | null; phone: string | null; email: string | null;
  agreementReference: string | null; agreementDate: string | null; agreementNote: string | null; active: number; createdAt: string; updatedAt: string;
}

const SELECT = `SELECT id, name, kind, contact_person AS contactPerson, address, phone, email, agreement_reference AS agreementReference,
  agreement_date AS agreementDate, agreement_note AS agreementNote, active, created_at AS createdAt, updated_at AS updatedAt FROM recipients`;

function view(r: Row): Recipient {
  const { agreementReference, agreementDate, agreementNote, active, ...rest } = r;
  return {
    ...rest,
    agreement: agreementReference && agreementDate ? { reference: agreementReference, date: agreementDate, note: agreementNote } : null,
    active: active === 1,
  };
}

export function loadRecipient(sqlite: Sqlite, recipientId: number): Recipient {
  const row = sqlite.prepare(`${SELECT} WHERE id = ?`).get(recipientId) as Row | undefined;
  if (!row) throw domainError('recipient.notFound');
  return view(row);
}

/** For services that record a mandate or disclosure: the recipient must exist and be active. */
export function activeRecipient(sqlite: Sqlite, recipientId: number): Recipient {
  const r = loadRecipient(sqlite, recipientId);
  if (!r.active) throw domainError('recipient.inactive', { name: r.name });
  return r;
}

function requireCompleteAgreement(reference: string | null, date: string | null): void {
  if ((reference === null) !== (date === null)) throw domainError('recipient.agreementIncomplete');
}

const COLUMNS = {
  name: 'name', kind: 'kind', contactPerson: 'contact_person', address: 'address', phone: 'phone', email: 'email',
  agreementReference: 'agreement_reference', agreementDate: 'agreement_date', agreementNote: 'agreement_note',
} as const;

export const recipientHandlers: Handlers<typeof recipientsContract> = {
  'recipients.list': (ctx: Ctx, input) => {
    const where: string[] = [];
    const args: string[] = [];
    if (!input.includeInactive) where.push('active = 1');
    if (input.kind) { where.push('kind = ?'); args.push(input.kind); }
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    return (ctx.sqlite.prepare(`${SELECT}${clause} ORDER BY name COLLATE NOCASE, id`).all(...args) as Row[]).map(view);
  },

  'recipients.create': (ctx: Ctx, input) => {
    requireCompleteAgreement(input.agreementReference, input.agreementDate);
    const { id } = ctx.sqlite.prepare(`INSERT INTO recipients (name, kind, contact_person, address, phone, email, agreement_reference, agreement_date,
      agreement_note, active, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id`).get(
      input.name, input.kind, input.contactPerson, input.address, input.phone, input.email, input.agreementReference, input.agreementDate,
      input.agreementNote, ctx.session.userId, ctx.nowIso, ctx.nowIso) as { id: number };
    ctx.note.objects = { recipientId: id };
    return loadRecipient(ctx.sqlite, id);
  },

  'recipients.update': (ctx: Ctx, input) => {
    const before = loadRecipient(ctx.sqlite, input.recipientId);
    const sets: string[] = [];
    const args: (string | number | null)[] = [];
    for (const [key, column] of Object.entries(COLUMNS)) {
      const value = input[key as keyof typeof COLUMNS];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      args.push(value);
    }
    if (input.active !== undefined) { sets.push('active = ?'); args.push(input.active ? 1 : 0); }
    const reference = input.agreementReference !== undefined ? input.agreementReference : before.agreement?.reference ?? null;
    const date = input.agreementDate !== undefined ? input.agreementDate : before.agreement?.date ?? null;
    requireCompleteAgreement(reference, date);
    if (sets.length) ctx.sqlite.prepare(`UPDATE recipients SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...args, ctx.nowIso, before.id);
    ctx.note.objects = { recipientId: before.id, changed: Object.keys(input).filter((k) => k !== 'recipientId' && input[k as keyof typeof input] !== undefined) };
    return loadRecipient(ctx.sqlite, before.id);
  },
};
