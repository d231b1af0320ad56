import { dedupePoll, type PollState } from '@mova/sdk/host';
import { StepError } from '../errors.js';
import {
  checked,
  invokeTrigger,
  prepareTrigger,
  type TriggerCallOptions,
  type TriggerContext,
} from './trigger-call.js';

export interface PollOptions extends TriggerCallOptions {
  /** What the previous poll returned; leave it out on the first poll. */
  state?: PollState;
}

export interface PollResult {
  /** Items not emitted by an earlier poll, each checked against the trigger's output schema. */
  items: unknown[];
  /** Pass it to the next poll. */
  state: PollState;
  /** `package@version` that ran. */
  connector: string;
  /** Content integrity of the version that ran. */
  integrity: string;
}

/**
 * Runs one poll of a connector's polling trigger (`github/issues.new@^1`) on the runtime's host,
 * with the manifest's checks around it and the trigger's dedupe after it. Rejects with a
 * StepError, whose `kind` says what went wrong.
 */
export async function pollOnce(context: TriggerContext, uses: string, options: PollOptions = {}): Promise<PollResult> {
  const call = await prepareTrigger(context, uses, 'polling', options);
  const { label, trigger } = call;
  const since = options.state?.since;
  const found = await invokeTrigger(context, call, call.input, options, {
    poll: since === undefined ? {} : { since },
    viaBreaker: true,
  });
  if (!Array.isArray(found)) {
    throw new StepError({
      kind: 'invalid_output',
      message: `${label}: the poll of "${trigger.key}" returned ${typeof found}, not a list of items`,
      hint: 'This is a bug in the connector: poll must return an array.',
      connector: label,
      actionKey: trigger.key,
    });
  }
  const items = found.map((item) =>
    checked(() => call.contract.checkOutput(trigger.key, item), 'invalid_output', label, trigger.key),
  );
  const fresh = dedupePoll(items, { dedupe: trigger.dedupe, emitOnFirstPoll: trigger.emitOnFirstPoll }, options.state);
  return { ...fresh, connector: label, integrity: call.target.integrity };
}
