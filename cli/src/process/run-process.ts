import { type StdioOptions, spawn } from 'node:child_process';
import { UserError } from '../user-error.js';

export interface Captured {
  code: number;
  /** stdout and stderr interleaved, as a terminal would have shown them. */
  output: string;
}

/**
 * Runs a command without blocking the event loop (a spinner keeps turning) and keeps its output
 * for the error message should it fail.
 */
export function runCaptured(command: string, args: string[], cwd: string): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], shell: needsShell(command) });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', (error) => reject(notFound(command, error)));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Runs a command with the given stdio (usually inherited, so output streams live) and returns its exit code. */
export function runStreaming(command: string, args: string[], cwd: string, stdio: StdioOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio, shell: needsShell(command) });
    child.on('error', (error) => reject(notFound(command, error)));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

// npm is a .cmd script on Windows, which Node only starts through a shell.
function needsShell(command: string): boolean {
  return process.platform === 'win32' && !command.endsWith('.exe') && command !== process.execPath;
}

function notFound(command: string, error: NodeJS.ErrnoException): Error {
  if (error.code !== 'ENOENT') return error;
  return new UserError(`\`${command}\` was not found on the PATH`, `Install it, or check the PATH.`, 1);
}
