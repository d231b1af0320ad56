import type { Command } from '@oclif/core';

/** The parts of oclif's parse errors (RequiredArgsError and the like) that a usage line needs. */
interface ParseError extends Error {
  parse?: unknown;
  args?: { name?: string; description?: string }[];
}

/** How a command is called, for the hint of a usage mistake. */
export interface CommandUsage {
  bin: string;
  id: string;
  examples: readonly unknown[] | undefined;
}

/**
 * Turns oclif's own usage errors (a missing required argument, an unknown flag, an argument too many,
 * a flag without its value) into the one-line `message (hint)` every other usage mistake prints, with
 * exit code 2; undefined for any other error. oclif would print a multi-line block and the help.
 * @example
 * usageFailure(new RequiredArgsError(...), { bin: 'mova-connector', id: 'info', examples })
 * // { message: 'missing CONNECTOR: github (for …)', hint: 'e.g. mova-connector info github; …' }
 */
export function usageFailure(error: Error, usage: CommandUsage): { message: string; hint: string } | undefined {
  const parse = error as ParseError;
  const isParseError = parse.parse !== undefined || /^Flag --\S+ expects a value/.test(error.message);
  if (!isParseError) return undefined;
  const help = `see \`${usage.bin} ${usage.id.replaceAll(':', ' ')} --help\``;
  const example = firstExample(usage);
  const hint = example ? `e.g. ${example}; ${help}.` : `${help[0]?.toUpperCase()}${help.slice(1)}.`;
  if (/^Missing \d+ required arg/.test(error.message) && parse.args?.length) {
    const missing = parse.args.map(
      (arg) => `${(arg.name ?? '').toUpperCase()}${arg.description ? `: ${arg.description}` : ''}`,
    );
    return { message: `missing ${missing.join('; ')}`, hint };
  }
  const first = error.message.split('\n')[0] ?? error.message;
  return { message: first.charAt(0).toLowerCase() + first.slice(1), hint };
}

/** The command's first example, as a user would type it. */
function firstExample(usage: CommandUsage): string | undefined {
  const [example] = usage.examples ?? [];
  const text = typeof example === 'string' ? example : (example as Command.Example & { command?: string })?.command;
  if (typeof text !== 'string') return undefined;
  return text
    .replaceAll('<%= config.bin %>', usage.bin)
    .replace(/\s+#.*$/, '')
    .trim();
}
