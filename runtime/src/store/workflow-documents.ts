import type { ResumeInfo } from './types.js';

/** A run's resume info as a store keeps it: the workflow text lives once per hash, beside the runs. */
export type StoredResume = Omit<ResumeInfo, 'workflow'>;

const HASH = /^[0-9a-f]{64}$/;

/** Splits the workflow text off a run's resume info, so a workflow run many times is stored once. */
export function splitResume(info: ResumeInfo): { stored: StoredResume; document: string; hash: string } {
  const { workflow, ...stored } = info;
  if (!HASH.test(info.workflowHash)) throw new Error(`"${info.workflowHash}" is not a sha256 workflow hash`);
  return { stored, document: workflow, hash: info.workflowHash };
}

/** The resume info with its workflow text put back; without the text (lost) resuming is refused by its hash check. */
export function joinResume(stored: unknown, document: string | undefined): ResumeInfo | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  return { ...(stored as StoredResume), workflow: document ?? '' };
}

export function isWorkflowHash(hash: unknown): hash is string {
  return typeof hash === 'string' && HASH.test(hash);
}
