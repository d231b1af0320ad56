import { createHash } from 'node:crypto';
import { MovaError } from '@mova/sdk/host';
import { semver } from '../semver.js';
import { ResolveError, Resolver } from '../sources/resolver.js';
import type { ConnectorPackage } from '../sources/types.js';
import type { ResumeInfo, RunConnector } from '../store/types.js';
import type { ValidatedWorkflow } from '../workflow/validate.js';

export type ResumeErrorCode =
  | 'E_RUN_NOT_FOUND'
  /** Finished, still running in a live process, or taken by another process first. */
  | 'E_RUN_NOT_RESUMABLE'
  /** The recorded workflow no longer validates, or a connector build it ran is not available. */
  | 'E_RESUME_CHANGED';

/** A run cannot be resumed; `hint` says what to do instead. */
export class ResumeError extends MovaError {
  declare readonly code: ResumeErrorCode;
  declare readonly hint: string;

  constructor(code: ResumeErrorCode, message: string, hint: string) {
    super(code, message, hint);
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What a new run records so that it can be resumed with the same document and connector builds. */
export function resumeInfoOf(plan: ValidatedWorkflow, redactedInputs: boolean, file?: string): ResumeInfo {
  const { workflow, workflowHash, connectors } = documentOf(plan);
  return {
    workflow,
    workflowHash,
    ...(file === undefined ? {} : { file }),
    connectors,
    ...(redactedInputs ? { inputsRedacted: true } : {}),
  };
}

/** A served workflow runs many times: its text and hash are made once per validated plan. */
const documents = new WeakMap<ValidatedWorkflow, Pick<ResumeInfo, 'workflow' | 'workflowHash' | 'connectors'>>();

function documentOf(plan: ValidatedWorkflow) {
  let document = documents.get(plan);
  if (!document) {
    const workflow = JSON.stringify(plan.workflow);
    const connectors: RunConnector[] = [...plan.resolved].map(([label, integrity]) => {
      const at = label.lastIndexOf('@');
      return { package: label.slice(0, at), version: label.slice(at + 1), integrity };
    });
    document = { workflow, workflowHash: sha256(workflow), connectors };
    documents.set(plan, document);
  }
  return document;
}

/**
 * Resolves each `uses` to the exact build a run recorded: the recorded version (the highest one
 * recorded that satisfies the range), fetched through the runtime's resolver (its store, lockfile
 * and integrity checks), and refused unless its content integrity is the recorded one.
 */
export class PinnedResolver extends Resolver {
  constructor(
    private readonly base: Resolver,
    private readonly connectors: readonly RunConnector[],
  ) {
    super(base.sources);
  }

  override async resolve(
    packageName: string,
    range: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<ConnectorPackage> {
    const [pin] = this.connectors
      .filter((c) => c.package === packageName && semver().satisfies(c.version, range, { includePrerelease: true }))
      .sort((a, b) => semver().rcompare(a.version, b.version));
    if (!pin) {
      throw new ResolveError(
        `the run recorded no version of ${packageName} for "${range}"`,
        'The run was recorded without it; start a new run.',
        [],
      );
    }
    const found = await this.base.resolve(packageName, pin.version, options);
    if (found.version !== pin.version || found.integrity !== pin.integrity) {
      throw new ResolveError(
        `${packageName}@${pin.version} here is not the build the run started with (content ${found.integrity}, recorded ${pin.integrity})`,
        `Install ${packageName}@${pin.version} as it was when the run started, or start a new run.`,
        [found.version],
      );
    }
    return found;
  }
}
