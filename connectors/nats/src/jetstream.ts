import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection as Nats } from '@nats-io/transport-node';
import type { NatsConnection } from './connection.js';

/** The JetStream client of a connection, in its domain when the connection names one. */
export function jetStreamOf(nc: Nats, connection: NatsConnection): JetStreamClient {
  return jetstream(nc, connection.jetstreamDomain ? { domain: connection.jetstreamDomain } : {});
}

export function jetStreamManagerOf(nc: Nats, connection: NatsConnection): Promise<JetStreamManager> {
  return jetstreamManager(nc, connection.jetstreamDomain ? { domain: connection.jetstreamDomain } : {});
}

/** Opens an existing key-value bucket; a missing one fails as not found (stream not found). */
export async function openBucket(nc: Nats, connection: NatsConnection, bucket: string) {
  const kv = await new Kvm(jetStreamOf(nc, connection)).open(bucket);
  // open() does not look the bucket up; status() does, so a typo fails here and not as "no key".
  await kv.status();
  return kv;
}
