// The data categories of DOMAIN.md ("Data held"). Every field of a dossier belongs to one
// category; special categories (AVG art. 9) are flagged here and nowhere else (R01).
export const dataCategories = {
  identity: { nl: 'Identiteit', en: 'Identity', special: false },
  contact: { nl: 'Contactgegevens', en: 'Contact details', special: false },
  trajectory: { nl: 'Traject', en: 'Trajectory', special: false },
  work: { nl: 'Werk', en: 'Work', special: false },
  family: { nl: 'Gezinssituatie', en: 'Family situation', special: false },
  financial: { nl: 'Financiële gegevens', en: 'Financial information', special: false },
  medical: { nl: 'Medische gegevens', en: 'Medical data', special: true },
  disability: { nl: 'Beperking', en: 'Disability', special: true },
  documents: { nl: 'Documenten', en: 'Documents', special: false },
} as const;

export type DataCategory = keyof typeof dataCategories;
export const dataCategoryNames = Object.keys(dataCategories) as DataCategory[];

/** Participant fields with their category and purpose (R01). The order is the form's order. */
export const participantFields = {
  firstName: { category: 'identity', purpose: 'identificatie' },
  lastNamePrefix: { category: 'identity', purpose: 'identificatie' },
  lastName: { category: 'identity', purpose: 'identificatie' },
  birthDate: { category: 'identity', purpose: 'identificatie' },
  gender: { category: 'identity', purpose: 'aanspreekvorm' },
  street: { category: 'contact', purpose: 'correspondentie' },
  houseNumber: { category: 'contact', purpose: 'correspondentie' },
  postcode: { category: 'contact', purpose: 'correspondentie' },
  city: { category: 'contact', purpose: 'correspondentie' },
  phone: { category: 'contact', purpose: 'contact over het traject' },
  email: { category: 'contact', purpose: 'contact over het traject' },
  livingSituation: { category: 'trajectory', purpose: 'passende begeleiding' },
  familySituation: { category: 'family', purpose: 'passende begeleiding' },
  financialSituation: { category: 'financial', purpose: 'passende begeleiding' },
  workHistory: { category: 'work', purpose: 'arbeidsbemiddeling' },
  workCapabilities: { category: 'work', purpose: 'functionele mogelijkheden (FML)' },
  medicalNotes: { category: 'medical', purpose: 'belastbaarheid in het traject' },
  disability: { category: 'disability', purpose: 'passende ondersteuning' },
} as const satisfies Record<string, { category: DataCategory; purpose: string }>;

export type ParticipantField = keyof typeof participantFields;
export const participantFieldNames = Object.keys(participantFields) as ParticipantField[];

export function isSpecialField(field: ParticipantField): boolean {
  return dataCategories[participantFields[field].category].special;
}
