// What each audited action means, in words a staff member (and, in the copy, a participant) reads:
// "Anna Jansen (consulent) bekeek het dossier". One entry per operation of the contract and per
// line the system writes itself; test/audit/readable.test.ts fails when an operation or a system
// line has no words, so an action added later cannot show up as an internal name.
import type { OperationName } from '../contract.ts';

export interface ActionWords { nl: string; en: string }

/** Lines that are no operation of the contract: sign-in steps, locks, the anchor, the CLI. */
export const SYSTEM_ACTIONS = {
  'vault.create': { nl: 'richtte de kluis in', en: 'set up the vault' },
  'vault.backup': { nl: 'maakte een back-up van de kluis', en: 'made a backup of the vault' },
  'demo.generate': { nl: 'maakte demogegevens aan', en: 'generated demo data' },
  'auth.signIn': { nl: 'meldde zich aan', en: 'signed in' },
  'auth.secondFactor': { nl: 'gaf de code van de tweede stap', en: 'gave the second-step code' },
  'auth.totpEnrol': { nl: 'stelde de authenticator-app in', en: 'set up the authenticator app' },
  'auth.signOut': { nl: 'meldde zich af', en: 'signed out' },
  'auth.idleLock': { nl: 'werd vergrendeld na inactiviteit', en: 'was locked after inactivity' },
  'auth.recover': { nl: 'herstelde de toegang met de herstelcode', en: 'recovered access with the recovery code' },
  'auth.signInAttemptsDropped': { nl: 'aanmeldpogingen konden niet worden vastgelegd', en: 'sign-in attempts could not be recorded' },
  'auth.attemptsFileDamaged': { nl: 'het bestand met aanmeldpogingen was beschadigd', en: 'the sign-in attempts file was damaged' },
  'audit.anchorCreated': { nl: 'het anker van het logboek werd aangemaakt', en: 'the audit anchor was created' },
  'audit.anchorMismatch': { nl: 'het anker van het logboek klopte niet', en: 'the audit anchor did not match' },
} as const satisfies Record<string, ActionWords>;

const OPERATIONS = {
  'vault.status': { nl: 'bekeek de status van de kluis', en: 'viewed the vault status' },
  'vault.create': SYSTEM_ACTIONS['vault.create'],
  'auth.signIn': SYSTEM_ACTIONS['auth.signIn'],
  'auth.signOut': SYSTEM_ACTIONS['auth.signOut'],
  'auth.changePassword': { nl: 'wijzigde het eigen wachtwoord', en: 'changed their password' },
  'auth.recover': SYSTEM_ACTIONS['auth.recover'],
  'auth.secondFactor': SYSTEM_ACTIONS['auth.secondFactor'],
  'auth.totp.begin': { nl: 'begon met het instellen van de authenticator-app', en: 'began setting up the authenticator app' },
  'auth.totp.confirm': SYSTEM_ACTIONS['auth.totpEnrol'],
  'auth.totp.status': { nl: 'bekeek de tweede stap van het aanmelden', en: 'viewed the second sign-in step' },
  'users.resetSecondFactor': { nl: 'zette de tweede stap van een gebruiker terug', en: "reset a user's second step" },
  'users.list': { nl: 'bekeek de gebruikers', en: 'viewed the users' },
  'users.create': { nl: 'maakte een gebruiker aan', en: 'created a user' },
  'users.resetPassword': { nl: 'gaf een gebruiker een tijdelijk wachtwoord', en: 'gave a user a temporary password' },
  'policy.setIdleLock': { nl: 'stelde de vergrendeltijd in', en: 'set the idle lock time' },
  'users.pendingApproval': { nl: 'bekeek de accounts die op goedkeuring wachten', en: 'viewed accounts awaiting approval' },
  'users.decide': { nl: 'besliste over een nieuw account', en: 'decided on a new account' },
  'users.deactivate': { nl: 'zette een gebruiker op non-actief', en: 'deactivated a user' },
  'access.breakGlass': { nl: 'opende het dossier buiten de eigen caseload', en: 'opened the dossier outside their caseload' },
  'dossiers.list': { nl: 'bekeek een lijst van deelnemers', en: 'viewed a list of participants' },
  'dossiers.create': { nl: 'maakte het dossier aan', en: 'created the dossier' },
  'dossiers.get': { nl: 'bekeek het dossier', en: 'viewed the dossier' },
  'dossiers.update': { nl: 'wijzigde persoonsgegevens', en: 'changed personal data' },
  'dossiers.close': { nl: 'sloot het dossier', en: 'closed the dossier' },
  'dossiers.history': { nl: 'bekeek de wijzigingsgeschiedenis', en: 'viewed the change history' },
  'dossiers.addTrajectory': { nl: 'voegde een traject toe', en: 'added a trajectory' },
  'dossiers.updateTrajectory': { nl: 'wijzigde een traject', en: 'changed a trajectory' },
  'dossiers.addEntry': { nl: 'schreef een journaalregel', en: 'wrote a journal entry' },
  'dossiers.updateEntry': { nl: 'wijzigde een journaalregel', en: 'changed a journal entry' },
  'dossiers.uploadDocument': { nl: 'voegde een document toe', en: 'added a document' },
  'dossiers.downloadDocument': { nl: 'opende een document', en: 'opened a document' },
  'dossiers.assign': { nl: 'koppelde een consulent aan het dossier', en: 'assigned a consultant to the dossier' },
  'dossiers.unassign': { nl: 'ontkoppelde een consulent van het dossier', en: 'removed a consultant from the dossier' },
  'dossiers.consultants': { nl: 'bekeek de consulenten', en: 'viewed the consultants' },
  'dossiers.recent': { nl: 'bekeek de recente dossiers', en: 'viewed the recent dossiers' },
  'audit.list': { nl: 'bekeek het logboek', en: 'viewed the audit log' },
  'audit.participantLog': { nl: 'bekeek het logboek van het dossier', en: "viewed the dossier's log" },
  'audit.verify': { nl: 'controleerde het logboek', en: 'verified the audit log' },
  'audit.accessReview': { nl: 'bekeek de toegang buiten de caseload', en: 'reviewed access outside the caseload' },
  'requests.intake': { nl: 'registreerde een verzoek van de deelnemer', en: "registered the participant's request" },
  'requests.get': { nl: 'bekeek een verzoek', en: 'viewed a request' },
  'requests.list': { nl: 'bekeek de verzoeken', en: 'viewed the requests' },
  'requests.dashboard': { nl: 'bekeek het overzicht van termijnen', en: 'viewed the deadline overview' },
  'requests.handlers': { nl: 'bekeek de behandelaars', en: 'viewed the handlers' },
  'requests.assign': { nl: 'wees een verzoek toe aan een behandelaar', en: 'assigned a request to a handler' },
  'requests.verifyIdentity': { nl: 'stelde de identiteit van de verzoeker vast', en: "verified the requester's identity" },
  'requests.content': { nl: 'bekeek wat de kopie zal bevatten', en: 'viewed what the copy will contain' },
  'requests.consult': { nl: 'vroeg een derde om zijn mening', en: 'consulted a third party' },
  'requests.answerConsultation': { nl: 'legde het antwoord van een derde vast', en: "recorded a third party's answer" },
  'requests.boardDecision': { nl: 'legde een besluit van het bestuur vast', en: 'recorded a board decision' },
  'requests.decide': { nl: 'besliste op een verzoek', en: 'decided on a request' },
  'requests.extend': { nl: 'verlengde de termijn van een verzoek', en: 'extended the term of a request' },
  'requests.recipientsToNotify': { nl: 'bekeek welke ontvangers bericht krijgen', en: 'viewed which recipients are to be notified' },
  'requests.carryOut': { nl: 'voerde een besluit uit', en: 'carried out a decision' },
  'requests.close': { nl: 'sloot een verzoek af', en: 'closed a request' },
  'requests.markNotification': { nl: 'legde vast dat een ontvanger bericht kreeg', en: 'recorded that a recipient was notified' },
  'requests.letter': { nl: 'maakte een brief over een verzoek', en: 'made a letter about a request' },
  'requests.letterPdf': { nl: 'maakte een brief over een verzoek als PDF', en: 'made a letter about a request as a PDF' },
  'policy.get': { nl: 'bekeek het privacybeleid', en: 'viewed the privacy policy' },
  'policy.update': { nl: 'wijzigde het privacybeleid', en: 'changed the privacy policy' },
  'statements.record': { nl: 'legde een eigen verklaring van de deelnemer vast', en: "recorded the participant's own statement" },
  'statements.list': { nl: 'bekeek de eigen verklaringen', en: 'viewed the own statements' },
  'restriction.place': { nl: 'beperkte de verwerking', en: 'restricted processing' },
  'restriction.lift': { nl: 'hief een beperking van de verwerking op', en: 'lifted a restriction of processing' },
  'restriction.list': { nl: 'bekeek de beperkingen', en: 'viewed the restrictions' },
  'recipients.list': { nl: 'bekeek de ontvangers', en: 'viewed the recipients' },
  'recipients.create': { nl: 'voegde een ontvanger toe', en: 'added a recipient' },
  'recipients.update': { nl: 'wijzigde een ontvanger', en: 'changed a recipient' },
  'consent.settings': { nl: 'bekeek de instellingen voor toestemming', en: 'viewed the consent settings' },
  'mandates.record': { nl: 'legde een machtiging vast', en: 'recorded a mandate' },
  'mandates.withdraw': { nl: 'legde de intrekking van een machtiging vast', en: 'recorded the withdrawal of a mandate' },
  'mandates.list': { nl: 'bekeek de machtigingen', en: 'viewed the mandates' },
  'mandates.overview': { nl: 'bekeek het overzicht van machtigingen', en: 'viewed the mandate overview' },
  'objections.record': { nl: 'legde een bezwaar vast', en: 'recorded an objection' },
  'objections.decide': { nl: 'besliste op een bezwaar', en: 'decided on an objection' },
  'objections.list': { nl: 'bekeek de bezwaren', en: 'viewed the objections' },
  'verwijsindex.register': { nl: 'meldde de deelnemer aan bij de Verwijsindex', en: 'registered the participant in the Verwijsindex' },
  'verwijsindex.recordObjection': { nl: 'legde bezwaar tegen de Verwijsindex vast', en: 'recorded an objection to the Verwijsindex' },
  'verwijsindex.end': { nl: 'beëindigde de melding bij de Verwijsindex', en: 'ended the Verwijsindex registration' },
  'verwijsindex.list': { nl: 'bekeek de meldingen bij de Verwijsindex', en: 'viewed the Verwijsindex registrations' },
  'disclosures.record': { nl: 'legde een verstrekking aan een ontvanger vast', en: 'recorded a disclosure to a recipient' },
  'disclosures.check': { nl: 'toetste een verstrekking vooraf', en: 'checked a disclosure beforehand' },
  'disclosures.list': { nl: 'bekeek de verstrekkingen', en: 'viewed the disclosures' },
  'disclosures.register': { nl: 'bekeek het verstrekkingenregister', en: 'viewed the disclosure register' },
  'disclosures.package': { nl: 'bekeek wat er verstrekt is', en: 'viewed what was disclosed' },
  'disclosures.reviewException': { nl: 'beoordeelde een verstrekking zonder toestemming', en: 'reviewed a disclosure without consent' },
  'statistics.get': { nl: 'bekeek de statistieken', en: 'viewed the statistics' },
  'statistics.csv': { nl: 'exporteerde de statistieken', en: 'exported the statistics' },
  'shielding.place': { nl: 'schermde een deel van het dossier af', en: 'shielded a part of the dossier' },
  'shielding.lift': { nl: 'hief een afscherming op', en: 'lifted a shield' },
  'shielding.list': { nl: 'bekeek de afschermingen', en: 'viewed the shields' },
  'shielding.audiences': { nl: 'bekeek voor wie afgeschermd kan worden', en: 'viewed who parts can be shielded from' },
  'copies.make': { nl: 'maakte een kopie van het dossier voor de deelnemer', en: 'made a copy of the dossier for the participant' },
  'copies.list': { nl: 'bekeek de gemaakte kopieën', en: 'viewed the copies made' },
  'copies.content': { nl: 'bekeek wat de kopie zal bevatten', en: 'viewed what the copy will contain' },
  'retention.list': { nl: 'bekeek de vernietigingslijst', en: 'viewed the destruction list' },
  'retention.csv': { nl: 'exporteerde de vernietigingslijst', en: 'exported the destruction list' },
  'retention.term': { nl: 'bekeek de bewaartermijn van het dossier', en: 'viewed the retention term of the dossier' },
  'retention.placeHold': { nl: 'legde een bewaarplicht (legal hold) op het dossier', en: 'placed a legal hold on the dossier' },
  'retention.liftHold': { nl: 'hief een bewaarplicht op', en: 'lifted a legal hold' },
  'retention.holds': { nl: 'bekeek de bewaarplichten', en: 'viewed the legal holds' },
  'retention.propose': { nl: 'stelde dossiers voor vernietiging voor', en: 'proposed dossiers for destruction' },
  'retention.approve': { nl: 'keurde een vernietigingsvoorstel goed', en: 'approved a destruction proposal' },
  'retention.cancel': { nl: 'annuleerde een vernietigingsvoorstel', en: 'cancelled a destruction proposal' },
  'retention.batches': { nl: 'bekeek de vernietigingsvoorstellen', en: 'viewed the destruction proposals' },
  'retention.register': { nl: 'bekeek het vernietigingsregister', en: 'viewed the destruction register' },
} as const satisfies Record<OperationName, ActionWords>;

const ALL: Record<string, ActionWords> = { ...OPERATIONS, ...SYSTEM_ACTIONS };

/** Whether an action has words of its own (the test checks this for everything the app writes). */
export function hasWords(action: string): boolean {
  return Object.hasOwn(ALL, action);
}

/** The action in words; refused and failed attempts say so. An unknown action keeps its name. */
export function actionWords(action: string, outcome: 'ok' | 'denied' | 'failed' = 'ok'): ActionWords {
  const w = Object.hasOwn(ALL, action) ? ALL[action]! : { nl: `handeling ${action}`, en: `action ${action}` };
  if (outcome === 'denied') return { nl: `werd geweigerd: ${w.nl}`, en: `was refused: ${w.en}` };
  if (outcome === 'failed') return { nl: `mislukt: ${w.nl}`, en: `failed: ${w.en}` };
  return w;
}
