import type { FieldPacket } from 'mysql2';

// Protocol type codes (mysql2's constants/types) to SQL names. Text and binary share codes and
// differ by character set: 63 is "binary".
const NAMES: Record<number, [text: string, binary?: string]> = {
  0: ['decimal'],
  1: ['tinyint'],
  2: ['smallint'],
  3: ['int'],
  4: ['float'],
  5: ['double'],
  6: ['null'],
  7: ['timestamp'],
  8: ['bigint'],
  9: ['mediumint'],
  10: ['date'],
  11: ['time'],
  12: ['datetime'],
  13: ['year'],
  14: ['date'],
  15: ['varchar', 'varbinary'],
  16: ['bit'],
  242: ['vector'],
  245: ['json'],
  246: ['decimal'],
  247: ['enum'],
  248: ['set'],
  249: ['tinytext', 'tinyblob'],
  250: ['mediumtext', 'mediumblob'],
  251: ['longtext', 'longblob'],
  252: ['text', 'blob'],
  253: ['varchar', 'varbinary'],
  254: ['char', 'binary'],
  255: ['geometry'],
};

const BINARY_CHARSET = 63;
const UNSIGNED_FLAG = 32;

/** The SQL name of a result column's type, e.g. "bigint unsigned", "varchar", "json". */
export function typeName(field: FieldPacket): string {
  // MariaDB 10.5+ names JSON and its own types (uuid, inet6) in extended metadata.
  if (field.extendedFormat === 'json') return 'json';
  if (field.extendedTypeName) return field.extendedTypeName;
  const names = NAMES[field.columnType ?? field.type ?? -1];
  if (!names) return 'unknown';
  const [text, binary] = names;
  const name = binary && field.characterSet === BINARY_CHARSET ? binary : text;
  const unsigned = typeof field.flags === 'number' && field.flags & UNSIGNED_FLAG;
  return unsigned && NUMERIC.has(name) ? `${name} unsigned` : name;
}

const NUMERIC = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint', 'decimal', 'float', 'double']);
