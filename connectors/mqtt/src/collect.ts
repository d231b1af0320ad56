import type { Decoding } from '@mova/sdk/messaging';
import type { IClientOptions, IPublishPacket } from 'mqtt';
import type { Session } from './client.js';
import { type Message, messageOf } from './message.js';

type AckHandler = NonNullable<IClientOptions['customHandleAcks']>;

export interface CollectOptions {
  /** Most messages to take; further QoS 1/2 messages are left unacknowledged. */
  max: number;
  decode: Decoding;
  /** Take retained messages the broker sends because of the subscription. */
  includeRetained: boolean;
  /** Keep only retained messages (the last known values), not live ones. */
  retainedOnly?: boolean;
  actionKey: string;
}

/**
 * Gathers messages of one connection. It must exist before connecting, because mqtt.js takes the
 * acknowledgement hook as a client option: a QoS 1/2 message past `max` is never acknowledged, so
 * a broker holding a persistent session delivers it again on the next connection instead of
 * losing it.
 */
export class Collector {
  readonly messages: Message[] = [];
  private wake: (() => void) | undefined;
  private lastAt = Date.now();
  private failure: unknown;
  private stopped = false;

  constructor(private readonly options: CollectOptions) {}

  get full(): boolean {
    return this.messages.length >= this.options.max;
  }

  /** Takes nothing more: what arrives from now on stays unacknowledged (QoS 1/2) or is dropped (QoS 0). */
  stop(): Message[] {
    this.stopped = true;
    return this.messages;
  }

  /** The `customHandleAcks` hook: acknowledge (and keep) a QoS 1/2 message, or leave it for later. */
  readonly accept: AckHandler = (_topic, _payload, packet, done) => {
    if (this.full || this.stopped) return; // no acknowledgement: redelivered to a persistent session
    this.take(packet);
    done(0);
  };

  /**
   * Takes the messages the acknowledgement hook does not see: QoS 0, and with MQTT 3.1.1 (where
   * mqtt.js has no such hook) every QoS. mqtt.js acknowledges a QoS 1 message only once
   * `handleMessage` calls back, so holding that back leaves it for a later connection there too.
   */
  listen(session: Session): void {
    const viaHook = session.protocolVersion === 5;
    session.client.handleMessage = (packet, callback) => {
      if (packet.cmd !== 'publish' || (viaHook && packet.qos > 0)) return callback();
      if (this.full || this.stopped) {
        if (packet.qos === 1) return; // no PUBACK: redelivered to a persistent session
        return callback();
      }
      this.take(packet);
      callback();
    };
  }

  private take(packet: IPublishPacket): void {
    if (packet.retain ? !this.options.includeRetained : this.options.retainedOnly) return;
    try {
      this.messages.push(messageOf(packet, this.options.decode, this.options.actionKey));
    } catch (error) {
      this.failure ??= error;
    }
    this.lastAt = Date.now();
    this.wake?.();
  }

  /**
   * Waits until `max` messages arrived, `timeoutMs` passed, or (with `quietMs`) nothing arrived
   * for that long. Says whether the time ran out before `max` was reached.
   */
  async wait(timeoutMs: number, signal?: AbortSignal, quietMs?: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    this.lastAt = Date.now();
    while (!this.full && this.failure === undefined) {
      const now = Date.now();
      const until = quietMs === undefined ? deadline : Math.min(deadline, this.lastAt + quietMs);
      if (now >= until) break;
      if (signal?.aborted) throw signal.reason;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, until - now);
        const onAbort = () => resolve();
        signal?.addEventListener('abort', onAbort, { once: true });
        this.wake = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
      });
      this.wake = undefined;
    }
    if (this.failure !== undefined) throw this.failure;
    if (signal?.aborted) throw signal.reason;
    return !this.full;
  }
}

/** Subscribes to the filters and fails on any the broker refused. */
export async function subscribe(
  session: Session,
  filters: string[],
  qos: 0 | 1 | 2,
  includeRetained: boolean,
): Promise<void> {
  // MQTT 5 can ask the broker not to send retained messages at all (retain handling 2).
  const rh = session.protocolVersion === 5 && !includeRetained ? 2 : 0;
  const granted = await session.client.subscribeAsync(
    Object.fromEntries(filters.map((filter) => [filter, { qos, rh }])),
  );
  const refused = granted.find((grant) => grant.qos >= 0x80);
  if (refused) {
    throw Object.assign(new Error(`Subscribe error: the broker refused "${refused.topic}"`), { code: refused.qos });
  }
}
