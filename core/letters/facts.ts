// What a decision on an inzage or afschrift tells the participant (AVG art. 15(1), R21, R35),
// gathered from the read model: the dossier as the participant's copy shows it (copyContent), the
// disclosure register through core/access, the copy's own computation of purposes and the
// retention terms of core/retention, so the letter and the copy cannot differ.
import { dataCategories, participantFieldNames, participantFields, type DataCategory } from '../api/categories.ts';
import { readDisclosures } from '../access/view.ts';
import { disclosureLines, processingCategories, trajectoryTypeNl } from '../copies/data.ts';
import { retentionTerms } from '../retention/index.ts';
import { copyContent } from '../requests/service.ts';
import { loadPolicy } from '../requests/policy.ts';
import type { Ctx } from '../router/context.ts';
import type { CopyFacts } from './templates.ts';

export function copyFacts(ctx: Ctx, requestId: number): CopyFacts {
  const { request, dossier } = copyContent(ctx, requestId);
  const { profile } = loadPolicy(ctx.sqlite);
  const p = dossier.participant as unknown as Record<string, unknown>;
  const present = new Set(participantFieldNames.filter((f) => p[f] !== null && p[f] !== '' && p[f] !== undefined).map((f) => participantFields[f].category as DataCategory));
  const retention = retentionTerms(profile, dossier.trajectories);
  return {
    purposes: [...new Set(processingCategories().filter((c) => present.has(c.category)).flatMap((c) => c.purposes))],
    recipients: disclosureLines(readDisclosures(ctx, request.participantId)),
    retention: {
      defaultYearsAfterLastContact: retention.defaultYearsAfterLastContact,
      perTrajectory: retention.perTrajectory.map((t) => ({ typeLabel: trajectoryTypeNl[t.type] ?? t.type, years: t.years, until: t.until })),
    },
    enclosed: {
      categories: (Object.keys(dataCategories) as DataCategory[]).filter((c) => present.has(c)).map((c) => dataCategories[c].nl),
      trajectories: dossier.trajectories.length,
      entries: dossier.entries.length,
      documents: dossier.documents.length,
      ownStatements: dossier.ownStatements?.length ?? 0,
      withheld: dossier.withheldSections.length > 0,
    },
  };
}
