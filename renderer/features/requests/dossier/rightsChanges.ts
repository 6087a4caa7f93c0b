// What a statement (R25) or a restriction (R28) recorded from the dossier changes besides the
// dossier itself, which the dossier view reads again through its own reload (onSaved): the
// content a request shows, and the participant's log.
import type { OperationName } from '../../../api/client.ts';

export const AFTER_DOSSIER_RIGHT: OperationName[] = ['requests.content', 'copies.content', 'audit.participantLog'];
