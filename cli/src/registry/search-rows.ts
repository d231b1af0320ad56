import type { ConnectorSummary } from '@mova/registry';
import { table } from './table.js';

const HEADERS = ['NAME', 'LATEST', 'ACTIONS', 'DESCRIPTION'];

/** Search hits as a table: a deprecated latest version says so before its description. */
export function searchTable(results: readonly ConnectorSummary[], width?: number): string[] {
  const rows = results.map((hit) => [
    hit.name,
    hit.latestVersion,
    String(hit.actionCount),
    `${hit.deprecated ? 'DEPRECATED ' : ''}${hit.title}: ${hit.description}`,
  ]);
  return table(HEADERS, rows, width);
}
