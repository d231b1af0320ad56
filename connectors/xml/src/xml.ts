import { bytesOf } from '@mova/sdk/content';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { invalidInput, malformed, toConnectorError, type XmlProblem } from './errors.js';

/** How XML maps to JSON: the same for parse, select and build. */
export interface Mapping {
  /** Keep attributes, as keys `<attributePrefix><name>`. */
  attributes: boolean;
  attributePrefix: string;
  /** Key of an element's text when it also has attributes or children. */
  textKey: string;
}

export interface ParseSettings extends Mapping {
  /** Element paths (`catalog/book`) that always give an array, even for one element. */
  arrays: string[];
  /** Every element gives an array. */
  alwaysArray: boolean;
  /** Numbers and booleans in text and attributes become JSON numbers and booleans. */
  parseValues: boolean;
  trim: boolean;
  removeNamespacePrefixes: boolean;
}

/** The problem with a document, or null when it is well-formed. */
export function checkXml(xml: string): XmlProblem | null {
  const result = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (result === true) return null;
  return { code: result.err.code, message: result.err.msg, line: result.err.line, column: result.err.col };
}

/** The text of an XML input given as text or as base64 bytes. */
export function readXml(input: { xml?: string; contentBase64?: string }, actionKey?: string): string {
  const given = [input.xml, input.contentBase64].filter((value) => value !== undefined).length;
  if (given !== 1) {
    throw invalidInput(
      given === 0 ? 'give the XML as `xml` or as `contentBase64`' : 'give either `xml` or `contentBase64`, not both',
      actionKey,
    );
  }
  if (input.xml !== undefined) return input.xml;
  // The content kit refuses malformed base64 instead of decoding whatever Node makes of it.
  return bytesOf(input.contentBase64 ?? '', 'base64', actionKey ?? 'xml').toString('utf8');
}

/**
 * Parses a well-formed document to JSON; malformed XML fails with where it broke (the parser
 * alone would guess its way through it).
 */
export function parseXml(xml: string, settings: ParseSettings, actionKey?: string): Record<string, unknown> {
  const problem = checkXml(xml);
  if (problem) throw malformed(problem, actionKey);
  const arrays = new Set(settings.arrays.map(toJPath));
  const parser = new XMLParser({
    ignoreAttributes: !settings.attributes,
    attributeNamePrefix: settings.attributePrefix,
    textNodeName: settings.textKey,
    ignoreDeclaration: true,
    ignorePiTags: true,
    removeNSPrefix: settings.removeNamespacePrefixes,
    parseTagValue: settings.parseValues,
    parseAttributeValue: settings.parseValues,
    // "007" and "0x1F" are ids and codes more often than numbers.
    numberParseOptions: { leadingZeros: false, hex: false, eNotation: true },
    trimValues: settings.trim,
    isArray: (_name, jpath, _leaf, isAttribute) =>
      !isAttribute && (settings.alwaysArray || (typeof jpath === 'string' && arrays.has(jpath))),
  });
  try {
    return parser.parse(xml);
  } catch (error) {
    throw toConnectorError(error, actionKey);
  }
}

/** `catalog/book` (as the inputs write paths) in fast-xml-parser's `catalog.book` form. */
function toJPath(path: string): string {
  return path.replace(/^\/+/, '').split('/').filter(Boolean).join('.');
}

export interface BuildSettings extends Mapping {
  pretty: boolean;
  indent: string;
  declaration: boolean;
  selfClosing: boolean;
}

/** Writes JSON as XML: keys are elements, prefixed keys attributes, arrays repeated elements. */
export function buildXml(data: Record<string, unknown>, settings: BuildSettings, actionKey?: string): string {
  const builder = new XMLBuilder({
    ignoreAttributes: !settings.attributes,
    attributeNamePrefix: settings.attributePrefix,
    textNodeName: settings.textKey,
    format: settings.pretty,
    indentBy: settings.indent,
    suppressEmptyNode: settings.selfClosing,
    suppressBooleanAttributes: false,
  });
  let xml: string;
  try {
    xml = builder.build(data);
  } catch (error) {
    throw toConnectorError(error, actionKey);
  }
  const body = xml.replace(/\n$/, '');
  return settings.declaration ? `<?xml version="1.0" encoding="UTF-8"?>\n${body}` : body;
}
