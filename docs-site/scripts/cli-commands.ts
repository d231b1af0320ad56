import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Command, Config } from '@oclif/core';
import type { ArgDoc, CliDoc, CommandDoc, FlagDoc } from './cli-pages.js';
import { docsRoot } from './paths.js';

/**
 * Loads the CLI as oclif does when it runs (the `oclif manifest` generator needs Node 22, so the
 * docs read the same cached command data through `@oclif/core`'s Config), then the command
 * classes themselves for what the cache leaves out: boolean flags' defaults.
 */
export async function loadCliDoc(from = docsRoot): Promise<CliDoc> {
  const require = createRequire(join(from, 'package.json'));
  const root = dirname(require.resolve('@mova/cli/package.json'));
  const config = await Config.load({ root });
  const visible = config.commands.filter((c) => !c.hidden);
  if (visible.length === 0) {
    throw new Error(
      `No commands found in ${root}: the CLI reference is generated from its built command classes. Build the CLI first (\`pnpm build\` at the repository root).`,
    );
  }
  const commands = await Promise.all(visible.map(async (cached) => toDoc(cached, await cached.load())));
  return { bin: config.bin, version: config.version, topicSeparator: config.topicSeparator, commands };
}

function toDoc(cached: Command.Cached, loaded: Command.Class): CommandDoc {
  const classFlags: Record<string, { default?: unknown }> = { ...loaded.baseFlags, ...loaded.flags };
  const flags: FlagDoc[] = Object.values(cached.flags)
    .filter((flag) => !flag.hidden)
    .map((flag) => {
      const fallback = classFlags[flag.name]?.default;
      const value = flag.default ?? (typeof fallback === 'function' ? undefined : fallback);
      return {
        name: flag.name,
        char: flag.char,
        summary: flag.summary,
        description: flag.description,
        type: flag.type,
        allowNo: flag.type === 'boolean' ? flag.allowNo : undefined,
        required: flag.required,
        multiple: flag.type === 'option' ? flag.multiple : undefined,
        options: flag.type === 'option' ? flag.options : undefined,
        default: value,
        helpGroup: flag.helpGroup,
        helpValue: flag.type === 'option' ? flag.helpValue : undefined,
        env: flag.type === 'option' ? flag.env : undefined,
      };
    });
  const args: ArgDoc[] = Object.values(cached.args)
    .filter((arg) => !arg.hidden)
    .map((arg) => ({
      name: arg.name,
      description: arg.description,
      required: arg.required,
      options: arg.options,
      default: typeof arg.default === 'function' ? undefined : arg.default,
    }));
  return {
    id: cached.id,
    summary: cached.summary,
    description: cached.description,
    examples: (cached.examples ?? []).map((e) => (typeof e === 'string' ? { command: e } : e)),
    args,
    flags,
    strict: cached.strict !== false,
    aliases: cached.aliases,
    state: cached.state,
  };
}
