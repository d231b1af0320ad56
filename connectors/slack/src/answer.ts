import { ConnectorError } from '@mova/sdk';

/**
 * The SDK types every answer field as optional; this reads one that Slack's method page documents as
 * always present, and fails loudly rather than passing `undefined` downstream.
 */
export function required<T>(value: T | null | undefined, field: string, actionKey: string): T {
  if (value === undefined || value === null) {
    throw new ConnectorError(`Slack's answer has no ${field}`, { kind: 'unknown', actionKey });
  }
  return value;
}
