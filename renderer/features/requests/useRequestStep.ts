// One step on a request (verify, consult, decide, carry out…) as a mutation (issue 14). The service
// answers with the request as it is now: that answer becomes the page's copy without reading (and
// auditing) the request again, and the reads that show the request elsewhere turn stale.
import { useQueryClient } from '@tanstack/react-query';
import type { In, OperationName, Out } from '../../api/client.ts';
import { apiKey, useApiMutation } from '../../api/query.ts';
import type { Detail } from './types.ts';

/** The operations that take a step on one request and answer with its detail. */
type StepOp = 'requests.assign' | 'requests.verifyIdentity' | 'requests.consult' | 'requests.answerConsultation' | 'requests.boardDecision'
  | 'requests.decide' | 'requests.extend' | 'requests.carryOut' | 'requests.close' | 'requests.markNotification';
// Fails to compile when one of them stops answering with the detail.
const answersWithDetail: Out<StepOp> extends Detail ? true : never = true;
void answersWithDetail;

/**
 * What a step may change besides the request itself: the lists and dashboards (deadline, status),
 * the letters, and, for a correction carried out or a shield proposed, the dossier's own reads.
 * Invalidating marks them stale; only those on screen read again, the others when next shown.
 */
export const AFTER_REQUEST_STEP: OperationName[] = [
  'requests.list', 'requests.dashboard', 'requests.letter', 'requests.content', 'requests.recipientsToNotify', 'copies.list',
  'dossiers.get', 'dossiers.history', 'audit.participantLog', 'shielding.list', 'objections.list',
];

export function useRequestStep<N extends StepOp>(op: N): (input: In<N>) => Promise<Detail> {
  const client = useQueryClient();
  const { mutateAsync } = useApiMutation(op, { invalidates: AFTER_REQUEST_STEP });
  return async (input) => {
    const detail = (await mutateAsync(input)) as Detail;
    client.setQueryData(apiKey('requests.get', { requestId: detail.request.id }), detail);
    return detail;
  };
}
