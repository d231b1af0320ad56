import type { SearchResult } from '@mova/registry';
import { Args, Flags } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { MovaRegistry } from '../registry/client.js';
import { registryBaseFlags, registryFlag } from '../registry/flags.js';
import { searchTable } from '../registry/search-rows.js';

export default class Search extends MovaCommand {
  static override summary = 'Search the connector marketplace of a MOVA registry';

  static override description =
    'Search connectors by words in their title, description, actions and keywords (fuzzy, by prefix); without words, list every connector, most downloaded first';

  static override examples = [
    '<%= config.bin %> search issue',
    '<%= config.bin %> search --category databases',
    '<%= config.bin %> search message --auth-kind bearer --limit 5 --json',
  ];

  static override baseFlags = registryBaseFlags;

  static override args = {
    query: Args.string({ description: 'words to look for' }),
  };

  static override flags = {
    registry: registryFlag,
    category: Flags.string({ description: 'only connectors in this category (e.g. databases)' }),
    'auth-kind': Flags.string({
      description: 'only connectors with this kind of connection',
      options: ['none', 'apiKey', 'basic', 'bearer', 'oauth2', 'custom'],
    }),
    publisher: Flags.string({ description: 'only connectors whose latest version this account published' }),
    limit: Flags.integer({ description: 'how many to show', default: 20, min: 1, max: 100 }),
  };

  async run(): Promise<SearchResult> {
    const { args, flags } = await this.parse(Search);
    const client = await MovaRegistry.fromFlags({ registry: flags.registry });
    const result = await client.search({
      q: args.query,
      category: flags.category,
      authKind: flags['auth-kind'],
      publisher: flags.publisher,
      limit: flags.limit,
    });
    if (result.results.length === 0) {
      this.log(`No connectors found on ${client.url}${args.query ? ` for "${args.query}"` : ''}.`);
      return result;
    }
    const width = process.stdout.isTTY ? process.stdout.columns : undefined;
    for (const line of searchTable(result.results, width)) this.log(line);
    const more = result.total > result.results.length ? ` (--limit ${Math.min(result.total, 100)} shows more)` : '';
    this.log(`\n${result.results.length} of ${result.total} connectors on ${client.url}${more}`);
    return result;
  }
}
