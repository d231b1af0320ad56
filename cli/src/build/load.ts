import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { type Connector, type DefinitionError, isConnector } from '@mova/sdk';
import { displayPath } from '../paths.js';
import type { ConnectorProject } from '../project.js';
import { IssuesError, UserError } from '../user-error.js';

/** Imports the built bundle and returns its connector; definition mistakes come back located. */
export async function loadBundle(project: ConnectorProject): Promise<Connector> {
  const { mtimeMs } = await stat(project.bundle);
  const entry = displayPath(project.entry);
  let mod: { default?: unknown };
  try {
    // The query busts Node's module cache when the same process rebuilds (watch, tests).
    mod = await import(`${pathToFileURL(project.bundle).href}?v=${mtimeMs}`);
  } catch (error) {
    if (isDefinitionError(error)) {
      throw new IssuesError('the connector definition is wrong', [
        { file: entry, pointer: error.pointer, message: error.message, hint: error.hint },
      ]);
    }
    throw new UserError(
      `${entry}: the connector threw while it was being loaded: ${(error as Error).message}`,
      'Code at the top level of src/ must not fail; move work that can fail into `run`.',
      1,
    );
  }
  if (!isConnector(mod.default)) {
    throw new UserError(
      `${entry}: does not default-export a connector`,
      'End it with `export default defineConnector({ name, title, description, categories, auth, actions })`.',
      1,
    );
  }
  return mod.default;
}

// The bundle carries its own copy of the SDK, so its errors are not instances of ours.
function isDefinitionError(error: unknown): error is DefinitionError {
  return error instanceof Error && (error as { code?: unknown }).code === 'E_DEFINITION';
}
