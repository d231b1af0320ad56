import { ConnectorError, errorMapping } from '@mova/sdk';

/** Where fast-xml-parser's validator found the document broken. */
export interface XmlProblem {
  code: string;
  message: string;
  line: number;
  column: number;
}

/** Malformed XML in the step's input: `invalid_input`, with the validator's code and position. */
export function malformed(problem: XmlProblem, actionKey?: string): ConnectorError {
  return new ConnectorError(
    `XML: ${problem.message} (line ${problem.line}, column ${problem.column})`,
    { kind: 'invalid_input', vendorMessage: `${problem.code}: ${problem.message}`, actionKey },
    'The text is not well-formed XML; the validate action shows where, without failing the step.',
  );
}

/** A step's own input is wrong (a bad path, data that makes no XML document). */
export function invalidInput(message: string, actionKey: string | undefined, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}

/**
 * fast-xml-parser throws plain Errors for limits it enforces on well-formed input (too deeply
 * nested tags, too many or too large entities, external entities) and for names it refuses: each
 * is the input's. A TypeError is a bug, not the input's fault.
 */
const parserErrors = errorMapping({
  vendor: 'XML',
  read: (error) =>
    error instanceof Error && !(error instanceof TypeError) && !(error instanceof ConnectorError)
      ? { kind: 'invalid_input', vendorMessage: error.message, cause: error }
      : undefined,
});

/** The ConnectorError for what fast-xml-parser threw (anything unrecognised is `unknown`). */
export function toConnectorError(error: unknown, actionKey?: string): ConnectorError {
  return parserErrors.toConnectorError(error, actionKey);
}
