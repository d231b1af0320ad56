import { type AuditEntry, AuditLog } from '@mova/runtime/audit';
import { retentionCutoff } from '@mova/runtime/store';
import { Flags } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { displayPath } from '../paths.js';
import { dataDirOf, workflowBaseFlags } from '../run/flags.js';
import { formatTime } from '../run/format.js';
import { alignedTable } from '../run/runs-table.js';
import { UserError } from '../user-error.js';

export interface AuditListing {
  file: string;
  entries: AuditEntry[];
  /** Lines that are no entry (torn by a crash, edited by hand), passed over. */
  skipped: number;
}

const HEADERS = ['TIME', 'ACTOR', 'ACTION', 'SUBJECT', 'FROM'];
const PAGE = 1000;

export default class Audit extends MovaCommand {
  static override summary = 'Show the audit log: who ran, installed, upgraded or published what, when and from where';

  static override description =
    'Reads audit.jsonl in the data dir, where run, install, upgrade and publish record what they did (run.started, connection.used, run.finished, installed, upgraded, published) with the OS user, the time and the machine and process. Shows the newest matching entries, oldest first; a line torn by a crash is skipped and counted.';

  static override examples = [
    '<%= config.bin %> audit',
    '<%= config.bin %> audit --since 24h --action run.*',
    '<%= config.bin %> audit --action installed --action upgraded --subject github --json',
    '<%= config.bin %> audit --since 2026-01-01 --limit 500',
  ];

  static override baseFlags = workflowBaseFlags;

  static override flags = {
    since: Flags.string({ description: 'only entries since an age ago (30m, 24h, 7d) or a date (2026-01-01)' }),
    action: Flags.string({
      multiple: true,
      multipleNonGreedy: true,
      description: 'only this action (run.started, installed, …; run.* for every run action); may repeat',
    }),
    subject: Flags.string({
      description: 'only entries whose subject (workflow, package@version, connection) contains this',
    }),
    limit: Flags.integer({ char: 'n', min: 1, default: 50, description: 'show at most the newest this many entries' }),
    'data-dir': Flags.directory({
      env: 'MOVA_DATA_DIR',
      description: 'folder of audit.jsonl [default: $XDG_DATA_HOME/mova, else ~/.local/share/mova]',
    }),
  };

  async run(): Promise<AuditListing> {
    const { flags } = await this.parse(Audit);
    let since: Date | undefined;
    if (flags.since !== undefined) {
      since = retentionCutoff(flags.since);
      if (!since) {
        throw new UserError(
          `--since must be an age or a date, not "${flags.since}"`,
          'Give an age such as 30m, 24h or 7d, or a date such as 2026-01-01.',
        );
      }
    }
    const log = new AuditLog(dataDirOf(flags['data-dir'], this.config));
    const query = { since, action: flags.action, subject: flags.subject };
    // The newest `limit` matches, read a page at a time so a long log is never held whole.
    let entries: AuditEntry[] = [];
    let skipped = 0;
    let cursor: string | undefined;
    do {
      const page = await log.list({ ...query, limit: PAGE, cursor }).catch((error: unknown) => {
        throw new UserError(
          `cannot read ${displayPath(log.path)}: ${error instanceof Error ? error.message : String(error)}`,
          'Check the data dir (--data-dir or MOVA_DATA_DIR) and its permissions.',
          1,
        );
      });
      entries = [...entries, ...page.entries].slice(-flags.limit);
      skipped += page.skipped;
      cursor = page.next;
    } while (cursor !== undefined);
    const listing: AuditListing = { file: log.path, entries, skipped };
    if (this.jsonEnabled()) return listing;
    if (entries.length === 0) {
      const filtered = since || flags.action || flags.subject ? ' matching the filters' : '';
      this.log(`No audit entries${filtered} in ${displayPath(log.path)}`);
    } else {
      for (const line of auditTable(entries)) this.log(line);
    }
    if (skipped > 0)
      this.logToStderr(
        `${skipped} line(s) of ${displayPath(log.path)} are no audit entry (torn by a crash?) and were skipped`,
      );
    return listing;
  }
}

function auditTable(entries: readonly AuditEntry[]): string[] {
  const rows = entries.map((entry) => [
    formatTime(entry.time),
    entry.actor,
    entry.action,
    entry.subject,
    entry.from ? `${entry.from.host}:${entry.from.pid}` : '-',
  ]);
  return alignedTable(HEADERS, rows);
}
