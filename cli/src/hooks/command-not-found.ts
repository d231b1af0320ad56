import type { Hook } from '@oclif/core';

/**
 * An unknown command. In a terminal, @oclif/plugin-not-found asks "Did you mean build?" and runs it
 * on yes. Elsewhere (scripts, CI) it could only say the command is unknown; this says which one was
 * likely meant, on one line like every other mistake, and exits 127 as a shell does.
 */
const hook: Hook.CommandNotFound = async function (options) {
  if (process.stdin.isTTY) {
    const { default: prompt } = await import('@oclif/plugin-not-found');
    return prompt.call(this, options);
  }
  const { closest } = await import('@mova/runtime/workflow-tools');
  const { config } = options;
  const visible = config.commands.filter((command) => !command.hidden);
  const ids = [...visible.map((command) => command.id), ...visible.flatMap((command) => command.aliases)];
  const spaced = (id: string) => id.replaceAll(':', config.topicSeparator);
  const near = closest(options.id, ids);
  const meant = near ? `Did you mean \`${config.bin} ${spaced(near)}\`? ` : '';
  process.stderr.write(
    `Error: "${spaced(options.id)}" is not a ${config.bin} command (${meant}Run \`${config.bin} help\` for the list.)\n`,
  );
  this.exit(127);
};

export default hook;
