// Readable names of shield targets and audiences: "Gezinssituatie", "Journaalregel 'Intake' (01-03-2026)".
import { useTranslation } from 'react-i18next';
import { dataCategories } from '../../../core/api/categories.ts';
import { formatDate } from '../../components/format.ts';
import type { DossierData } from '../dossiers/DossierView.tsx';
import type { Shield, ShieldTarget } from './types.ts';

export function targetKey(t: ShieldTarget): string {
  switch (t.kind) {
    case 'dossier': return 'dossier';
    case 'field': return `field:${t.field}`;
    case 'category': return `category:${t.category}`;
    case 'entry': return `entry:${t.entryId}`;
    case 'document': return `document:${t.documentId}`;
    case 'trajectory': return `trajectory:${t.trajectoryId}`;
  }
}

export function parseTarget(key: string): ShieldTarget {
  const [kind, rest = ''] = key.split(':');
  switch (kind) {
    case 'field': return { kind, field: rest as Extract<ShieldTarget, { kind: 'field' }>['field'] };
    case 'category': return { kind, category: rest as Extract<ShieldTarget, { kind: 'category' }>['category'] };
    case 'entry': return { kind, entryId: Number(rest) };
    case 'document': return { kind, documentId: Number(rest) };
    case 'trajectory': return { kind, trajectoryId: Number(rest) };
    default: return { kind: 'dossier' };
  }
}

export function useShieldLabels(dossier: DossierData) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'nl';
  const target = (x: ShieldTarget): string => {
    switch (x.kind) {
      case 'dossier': return t('shielding.target.dossier');
      case 'field': return t(`fields.${x.field}`);
      case 'category': return t('shielding.target.categoryNamed', { category: dataCategories[x.category][lang] });
      case 'entry': {
        const e = dossier.entries.find((y) => y.id === x.entryId);
        return e ? t('shielding.target.entryNamed', { title: e.title, date: formatDate(e.entryDate) }) : t('shielding.target.entryN', { id: x.entryId });
      }
      case 'document': {
        const d = dossier.documents.find((y) => y.id === x.documentId);
        return d ? t('shielding.target.documentNamed', { name: d.fileName }) : t('shielding.target.documentN', { id: x.documentId });
      }
      case 'trajectory': {
        const tr = dossier.trajectories.find((y) => y.id === x.trajectoryId);
        return tr ? t('shielding.target.trajectoryNamed', { type: t(`trajectoryType.${tr.type}`), commissioner: tr.commissioner, date: formatDate(tr.startDate) }) : t('shielding.target.trajectoryN', { id: x.trajectoryId });
      }
    }
  };
  const audience = (a: Shield['audiences'][number]): string => (a.kind === 'participantCopy' ? t('shielding.audience.participantCopy') : a.name);
  return { target, audience };
}
