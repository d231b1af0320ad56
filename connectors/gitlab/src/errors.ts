import { GitbeakerRequestError, GitbeakerRetryError, GitbeakerTimeoutError } from '@gitbeaker/requester-utils';
import { errorMapping, type VendorFailure } from '@mova/sdk';

/**
 * GitLab's REST failures by status (docs.gitlab.com/api/rest/troubleshooting, "Status codes"), with
 * its merge-request codes: 405 (the merge request cannot be merged: draft, closed, blocked), 406
 * (it has conflicts) and 409 (the sha given is not the head) are conflicts; 422 is invalid input.
 */
export const gitlabErrors = errorMapping({
  vendor: 'GitLab',
  read,
  statuses: { 405: 'conflict', 406: 'conflict', 409: 'conflict', 422: 'invalid_input' },
  hints: {
    statuses: {
      401: 'Check the token (and that tokenType says personal or oauth): it is missing, revoked or expired.',
      403: 'The token lacks the api scope, or its user lacks the role this action needs in the project.',
      404: 'Check the project (ID or full path such as group/project) and the iid; GitLab also answers 404 for projects the token cannot see.',
      405: 'GitLab refuses to merge it now: it is a draft, closed, blocked by discussions or approvals, or its pipeline must succeed first.',
      406: 'The merge request has conflicts with its target branch; resolve them first.',
      409: 'The merge request head moved past the sha given; read it again and retry with its current sha.',
    },
  },
});

function read(error: unknown): VendorFailure | undefined {
  if (error instanceof GitbeakerRequestError) {
    const response = error.cause?.response;
    return {
      status: response?.status,
      vendorMessage: error.cause?.description ?? error.message,
      retryAfter: response?.headers.get('retry-after'),
      cause: error,
    };
  }
  if (error instanceof GitbeakerTimeoutError) return { kind: 'transient', vendorMessage: error.message, cause: error };
  if (error instanceof GitbeakerRetryError) return { kind: 'transient', vendorMessage: error.message, cause: error };
  if (error instanceof TypeError && /https URL|Invalid URL/.test(error.message)) {
    return { kind: 'invalid_input', message: `GitLab instance URL: ${error.message}`, cause: error };
  }
  return undefined;
}
