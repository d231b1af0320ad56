import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCliDoc } from './cli-commands.js';
import { type CliDoc, type CommandDoc, cliPages, fillTemplate, usage } from './cli-pages.js';
import { repoRoot } from './paths.js';

const publish: CommandDoc = {
  id: 'registry:publish',
  summary: 'Publish the connector',
  description: 'Publish the built connector to a registry (needs a <token>).\n\nVersions are immutable.',
  examples: [
    '<%= config.bin %> <%= command.id %>',
    { command: '<%= config.bin %> registry publish --tag next', description: 'A prerelease' },
  ].map((e) => (typeof e === 'string' ? { command: e } : e)),
  args: [{ name: 'dir', description: 'package folder', required: false }],
  flags: [
    { name: 'tag', char: 't', type: 'option', description: 'dist-tag', options: ['latest', 'next'], default: 'latest' },
    {
      name: 'registry',
      type: 'option',
      description: 'registry URL',
      required: true,
      helpValue: '<url>',
      env: 'MOVA_REGISTRY',
    },
    { name: 'provenance', type: 'boolean', allowNo: true, default: true, description: 'sign | attest' },
    { name: 'json', type: 'boolean', description: 'Format output as json.', helpGroup: 'GLOBAL' },
  ],
  strict: true,
  aliases: [],
};
const cli: CliDoc = { bin: 'mova-connector', version: '1.0.0', topicSeparator: ' ', commands: [publish] };

describe('fillTemplate', () => {
  it('fills the bin and the command id as oclif help does', () => {
    expect(fillTemplate('<%= config.bin %> <%=command.id%> --x', 'mova', 'a b')).toBe('mova a b --x');
  });
});

describe('cliPages', () => {
  const [index, page] = cliPages(cli);

  it('writes an index and one page per command, topics spaced', () => {
    expect(index?.path).toBe('cli/index.md');
    expect(index?.content).toContain(
      '| [mova-connector registry publish](./registry-publish) | Publish the connector |',
    );
    expect(page?.path).toBe('cli/registry-publish.md');
  });

  it('shows usage, arguments, flags with their defaults and choices, global flags and examples', () => {
    const content = page?.content ?? '';
    expect(content).toContain('# `mova-connector registry publish`');
    expect(content).toContain('(needs a &lt;token>).\n\nVersions are immutable.');
    expect(content).toContain(
      '| `--registry <url>` | registry URL. Required. Also from the environment variable `MOVA_REGISTRY`. |',
    );
    expect(content).toContain('```sh\nmova-connector registry publish [DIR] --registry <url> [FLAGS]\n```');
    expect(content).toContain('| `-t, --tag latest\\|next` | dist-tag. One of: `latest`, `next`. Default: `latest`. |');
    expect(content).toContain('| `--[no-]provenance` | sign \\| attest. Default: `true`. |');
    expect(content).toContain(
      '## Global flags\n\n| Flag | Description |\n| --- | --- |\n| `--json` | Format output as json. |',
    );
    expect(content).toContain(
      '```sh\nmova-connector registry publish\n# A prerelease\nmova-connector registry publish --tag next\n```',
    );
  });

  it('marks commands that take extra arguments', () => {
    expect(usage('mova-connector test', { ...publish, args: [], flags: [], strict: false })).toBe(
      'mova-connector test [ARGS...]',
    );
  });
});

describe('the real CLI', () => {
  it('has a page for every built command, with the defaults of boolean flags', async () => {
    const doc = await loadCliDoc();
    const built = (await readdir(join(repoRoot, 'cli/dist/commands'), { recursive: true }))
      .filter((f) => f.endsWith('.js'))
      // oclif names `runs/index.js` `runs` and `runs/show.js` `runs:show`.
      .map((f) =>
        f
          .replace(/\.js$/, '')
          .replace(/\/?index$/, '')
          .replaceAll('/', ':'),
      )
      .sort();
    // help and autocomplete come from oclif's plugins, and are documented with the rest.
    const all = [...built, 'autocomplete', 'help'].sort();
    expect(doc.commands.map((c) => c.id).sort()).toEqual(all);
    const pages = cliPages(doc);
    expect(pages.map((p) => p.path).sort()).toEqual(
      ['cli/index.md', ...all.map((id) => `cli/${id.replaceAll(':', '-')}.md`)].sort(),
    );
    // Required arguments are declared to oclif, so the reference shows them as required.
    const usage = (id: string) => pages.find((p) => p.path === `cli/${id}.md`)?.content ?? '';
    expect(usage('run')).toContain('mova-connector run WORKFLOW ');
    expect(usage('runs-show')).toContain('mova-connector runs show ID ');
    expect(usage('info')).toContain('mova-connector info CONNECTOR ');
    expect(usage('install')).toContain('mova-connector install [CONNECTOR]');
    const init = pages.find((p) => p.path === 'cli/init.md')?.content ?? '';
    expect(init).toContain('| `--[no-]install` | run npm install in the new package. Default: `true`. |');
    // The summary starts the description, so only the description is shown.
    expect(init.match(/Create a connector package from a template/g)).toHaveLength(1);
    expect(init).toContain('mova-connector init acme --template http --yes');
  });
});
