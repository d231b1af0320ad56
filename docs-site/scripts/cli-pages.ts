import { blocks, code, fence, frontMatter, link, table, text } from './markdown.js';
import type { Page, SidebarItem } from './page.js';
import { sentences } from './schema-fields.js';

export interface ArgDoc {
  name: string;
  description?: string;
  required?: boolean;
  options?: readonly string[];
  default?: unknown;
}

export interface FlagDoc {
  name: string;
  char?: string;
  summary?: string;
  description?: string;
  type: 'boolean' | 'option';
  allowNo?: boolean;
  required?: boolean;
  multiple?: boolean;
  options?: readonly string[];
  default?: unknown;
  helpGroup?: string;
  helpValue?: string | string[];
  /** An environment variable that sets the flag. */
  env?: string;
}

/** What the reference shows of one command: the static metadata of its oclif class. */
export interface CommandDoc {
  id: string;
  summary?: string;
  description?: string;
  examples: { command: string; description?: string }[];
  args: ArgDoc[];
  flags: FlagDoc[];
  /** `false`: the command takes extra arguments beyond those declared. */
  strict: boolean;
  aliases: string[];
  state?: string;
}

export interface CliDoc {
  bin: string;
  version: string;
  /** oclif's `topicSeparator`: `topic:command` ids show as `topic command`. */
  topicSeparator: string;
  commands: CommandDoc[];
}

/** `<%= config.bin %>` and `<%= command.id %>` in examples, as oclif's help fills them. */
export function fillTemplate(example: string, bin: string, commandId: string): string {
  return example
    .replace(/<%=\s*config\.bin\s*%>/g, bin)
    .replace(/<%=\s*command\.id\s*%>/g, commandId)
    .trim();
}

/** One page per command plus an index, sorted by command. */
export function cliPages(cli: CliDoc): Page[] {
  const commands = [...cli.commands].sort((a, b) => a.id.localeCompare(b.id));
  return [cliIndex(cli, commands), ...commands.map((command) => commandPage(cli, command))];
}

export function cliSidebar(cli: CliDoc): SidebarItem[] {
  return [
    { text: 'All commands', link: '/cli/' },
    ...[...cli.commands]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((c) => ({ text: displayId(cli, c.id), link: `/cli/${fileName(c.id)}` })),
  ];
}

function cliIndex(cli: CliDoc, commands: CommandDoc[]): Page {
  const content = blocks(
    frontMatter({ title: `${cli.bin} commands` }),
    `# ${code(cli.bin)} commands`,
    `Generated from the command classes of ${code('@mova/cli')} ${text(cli.version)}; a new command gets its page on the next docs build.`,
    table(
      ['Command', 'What it does'],
      commands.map((c) => [
        link(`${cli.bin} ${displayId(cli, c.id)}`, `./${fileName(c.id)}`),
        text(c.summary ?? c.description ?? ''),
      ]),
    ),
  );
  return { path: 'cli/index.md', content };
}

function commandPage(cli: CliDoc, command: CommandDoc): Page {
  const id = displayId(cli, command.id);
  const fullName = `${cli.bin} ${id}`;
  // oclif descriptions often repeat the summary and go on; then the description alone says it all.
  const repeats = command.summary !== undefined && command.description?.startsWith(command.summary);
  const summary = repeats ? undefined : command.summary;
  const own = command.flags.filter((f) => f.helpGroup === undefined || f.helpGroup.toUpperCase() !== 'GLOBAL');
  const global = command.flags.filter((f) => f.helpGroup?.toUpperCase() === 'GLOBAL');
  const content = blocks(
    frontMatter({ title: fullName }),
    `# ${code(fullName)}`,
    command.state && `::: warning ${text(command.state)}\nThis command is marked ${text(command.state)}.\n:::`,
    summary && text(summary),
    command.description && paragraphs(command.description),
    '## Usage',
    fence('sh', usage(fullName, command)),
    command.aliases.length > 0 &&
      `Aliases: ${command.aliases.map((a) => code(`${cli.bin} ${displayId(cli, a)}`)).join(', ')}.`,
    command.args.length > 0 && '## Arguments',
    command.args.length > 0 && argTable(command.args),
    !command.strict && 'Takes more arguments than those listed; the examples show them.',
    own.length > 0 && '## Flags',
    own.length > 0 && flagTable(own),
    global.length > 0 && '## Global flags',
    global.length > 0 && flagTable(global),
    command.examples.length > 0 && '## Examples',
    command.examples.length > 0 &&
      fence(
        'sh',
        command.examples
          .map((e) => {
            const line = fillTemplate(e.command, cli.bin, id);
            return e.description ? `# ${fillTemplate(e.description, cli.bin, id)}\n${line}` : line;
          })
          .join('\n'),
      ),
  );
  return { path: `cli/${fileName(command.id)}.md`, content };
}

/** `mova-connector init [NAME] [FLAGS]`; required arguments and flags are shown as required. */
export function usage(fullName: string, command: CommandDoc): string {
  const args = command.args.map((a) => (a.required ? a.name.toUpperCase() : `[${a.name.toUpperCase()}]`));
  if (!command.strict) args.push('[ARGS...]');
  const required = command.flags.filter((f) => f.required).map((f) => `${flagName(f)}${valueHint(f)}`);
  const optional = command.flags.some((f) => !f.required) ? ['[FLAGS]'] : [];
  return [fullName, ...args, ...required, ...optional].join(' ');
}

/** oclif descriptions may hold several paragraphs, separated by blank lines. */
function paragraphs(value: string): string {
  return value
    .split(/\n\s*\n/)
    .map((paragraph) => text(paragraph))
    .join('\n\n');
}

function argTable(args: ArgDoc[]): string {
  return table(
    ['Argument', 'Required', 'Description'],
    args.map((a) => [
      code(a.name.toUpperCase()),
      a.required ? 'yes' : 'no',
      sentences(text(a.description ?? ''), [...choices(a.options), ...defaults(a.default)]),
    ]),
  );
}

function flagTable(flags: FlagDoc[]): string {
  return table(
    ['Flag', 'Description'],
    flags.map((f) => {
      const name = f.char ? `-${f.char}, ${flagName(f)}` : flagName(f);
      const about = f.summary ?? f.description ?? '';
      const notes = [
        ...(f.required ? ['Required.'] : []),
        ...(f.multiple ? ['Can be given more than once.'] : []),
        ...(f.env ? [`Also from the environment variable ${code(f.env)}.`] : []),
        ...choices(f.options),
        ...defaults(f.default),
      ];
      return [code(`${name}${valueHint(f)}`), sentences(text(about), notes)];
    }),
  );
}

function flagName(flag: FlagDoc): string {
  return flag.type === 'boolean' && flag.allowNo ? `--[no-]${flag.name}` : `--${flag.name}`;
}

function valueHint(flag: FlagDoc): string {
  if (flag.type === 'boolean') return '';
  if (flag.options?.length) return ` ${flag.options.join('|')}`;
  const hint = Array.isArray(flag.helpValue) ? flag.helpValue.join('|') : flag.helpValue;
  return ` ${hint ?? '<value>'}`;
}

function choices(options: readonly string[] | undefined): string[] {
  return options?.length ? [`One of: ${options.map(code).join(', ')}.`] : [];
}

function defaults(value: unknown): string[] {
  return value === undefined ? [] : [`Default: ${code(typeof value === 'string' ? value : JSON.stringify(value))}.`];
}

function displayId(cli: Pick<CliDoc, 'topicSeparator'>, id: string): string {
  return id.replaceAll(':', cli.topicSeparator);
}

function fileName(id: string): string {
  return id.replaceAll(':', '-');
}
