// The data side of the reference org: objects, their describe metadata, records, saves with Salesforce's
// validation errors, and SOQL. Shapes and error codes from the REST API Developer Guide: "sObject Describe"
// (resources_sobject_describe.htm), "Status Codes and Error Responses" (errorcodes.htm), and the SOQL and
// SOSL Reference for the query grammar this org understands (SELECT … FROM … WHERE … ORDER BY … LIMIT).

export const API_VERSION = '62.0';
const BASE = `/services/data/v${API_VERSION}`;

/** A Salesforce error body entry: `[{ message, errorCode, fields? }]`. */
export interface ErrorEntry {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** A failure the org answers with an HTTP status and Salesforce's error list. */
export class OrgFault extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }

  get body(): ErrorEntry[] {
    return [{ message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) }];
  }
}

type FieldType = 'id' | 'boolean' | 'string' | 'picklist' | 'email' | 'phone' | 'reference' | 'datetime';

interface FieldSpec {
  name: string;
  label: string;
  type: FieldType;
  length?: number;
  nillable?: boolean;
  createable?: boolean;
  updateable?: boolean;
  externalId?: boolean;
  referenceTo?: string[];
  picklist?: string[];
}

interface ObjectSpec {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  fields: FieldSpec[];
}

const systemFields: FieldSpec[] = [
  { name: 'Id', label: 'Record ID', type: 'id', length: 18, nillable: false, createable: false, updateable: false },
  { name: 'IsDeleted', label: 'Deleted', type: 'boolean', nillable: false, createable: false, updateable: false },
  {
    name: 'CreatedDate',
    label: 'Created Date',
    type: 'datetime',
    nillable: false,
    createable: false,
    updateable: false,
  },
];

const OBJECTS: ObjectSpec[] = [
  {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    custom: false,
    fields: [
      ...systemFields,
      { name: 'Name', label: 'Account Name', type: 'string', length: 255, nillable: false },
      {
        name: 'Industry',
        label: 'Industry',
        type: 'picklist',
        length: 255,
        picklist: ['Agriculture', 'Energy', 'Technology'],
      },
      { name: 'BillingCity', label: 'Billing City', type: 'string', length: 40 },
      // An External ID need not be unique; an upsert whose value matches several records gets HTTP 300.
      { name: 'Customer_Number__c', label: 'Customer Number', type: 'string', length: 20, externalId: true },
    ],
  },
  {
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    custom: false,
    fields: [
      ...systemFields,
      { name: 'FirstName', label: 'First Name', type: 'string', length: 40 },
      { name: 'LastName', label: 'Last Name', type: 'string', length: 80, nillable: false },
      { name: 'Email', label: 'Email', type: 'email', length: 80 },
      { name: 'Phone', label: 'Business Phone', type: 'phone', length: 40 },
      { name: 'AccountId', label: 'Account ID', type: 'reference', length: 18, referenceTo: ['Account'] },
    ],
  },
];

export type FieldValue = string | number | boolean | null;

export interface StoredRecord {
  object: string;
  id: string;
  deleted: boolean;
  fields: Record<string, FieldValue>;
}

/** What a SOQL query matched, before paging. */
export interface QueryRows {
  object: string;
  rows: Record<string, unknown>[];
}

const RECORD_ID = /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/;

export class Org {
  readonly records = new Map<string, StoredRecord>();
  private nextNumber = 1;

  describe(objectName: string): Record<string, unknown> {
    const spec = this.objectSpec(objectName, 404);
    return {
      name: spec.name,
      label: spec.label,
      labelPlural: spec.labelPlural,
      keyPrefix: spec.keyPrefix,
      custom: spec.custom,
      createable: true,
      updateable: true,
      deletable: true,
      queryable: true,
      searchable: true,
      fields: spec.fields.map(describeField),
      childRelationships: [],
      recordTypeInfos: [],
      urls: {
        sobject: `${BASE}/sobjects/${spec.name}`,
        describe: `${BASE}/sobjects/${spec.name}/describe`,
        rowTemplate: `${BASE}/sobjects/${spec.name}/{ID}`,
      },
    };
  }

  /** Live records of one object, in creation order. */
  live(objectName: string): StoredRecord[] {
    return [...this.records.values()].filter((r) => r.object === objectName && !r.deleted);
  }

  create(objectName: string, values: Record<string, unknown>): StoredRecord {
    const spec = this.objectSpec(objectName, 404);
    const fields = this.checkedValues(spec, values, 'create');
    const missing = spec.fields
      .filter((f) => f.nillable === false && f.createable !== false && fields[f.name] == null)
      .map((f) => f.name);
    if (missing.length > 0) {
      throw new OrgFault(
        400,
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.join(', ')}]`,
        missing,
      );
    }
    const id = `${spec.keyPrefix}Dn0000${String(this.nextNumber++).padStart(6, '0')}AAA`;
    const record: StoredRecord = {
      object: spec.name,
      id,
      deleted: false,
      fields: { ...fields, Id: id, IsDeleted: false, CreatedDate: new Date().toISOString().replace('Z', '+0000') },
    };
    this.records.set(id, record);
    return record;
  }

  update(objectName: string, id: string, values: Record<string, unknown>): StoredRecord {
    const spec = this.objectSpec(objectName, 404);
    const record = this.existing(spec, id);
    const fields = this.checkedValues(spec, values, 'update');
    const cleared = spec.fields.filter((f) => f.nillable === false && f.name in fields && fields[f.name] == null);
    if (cleared.length > 0) {
      const names = cleared.map((f) => f.name);
      throw new OrgFault(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${names.join(', ')}]`, names);
    }
    Object.assign(record.fields, fields);
    return record;
  }

  /** Records of an object whose field has the value (External ID upsert). */
  matching(objectName: string, fieldName: string, value: string): StoredRecord[] {
    const spec = this.objectSpec(objectName, 404);
    const field = spec.fields.find((f) => f.name.toLowerCase() === fieldName.toLowerCase());
    if (!field || !(field.externalId || field.type === 'id')) {
      throw new OrgFault(
        404,
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${fieldName}`,
      );
    }
    return this.live(spec.name).filter((r) => r.fields[field.name] === value);
  }

  delete(objectName: string, id: string): void {
    const spec = this.objectSpec(objectName, 404);
    const record = this.existing(spec, id);
    record.deleted = true;
    record.fields.IsDeleted = true;
  }

  /** Runs the SOQL subset this org understands; `includeDeleted` is queryAll. */
  query(soql: string, includeDeleted: boolean): QueryRows {
    const match =
      /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER\s+BY\s+(\w+)(?:\s+(ASC|DESC))?)?(?:\s+LIMIT\s+(\d+))?\s*$/is.exec(
        soql,
      );
    if (!match) throw new OrgFault(400, 'MALFORMED_QUERY', `unexpected token: '${firstOddToken(soql)}'`);
    const [, fieldList = '', objectName = '', where, orderBy, direction, limit] = match;
    const spec = this.objectSpec(objectName, 400);
    const fields = fieldList.split(',').map((name) => this.soqlField(spec, name.trim()));
    const conditions = where ? where.split(/\s+AND\s+/i).map((text) => this.condition(spec, text)) : [];
    let found = [...this.records.values()].filter(
      (r) => r.object === spec.name && (includeDeleted || !r.deleted) && conditions.every((test) => test(r)),
    );
    if (orderBy) {
      const field = this.soqlField(spec, orderBy);
      const sign = direction?.toUpperCase() === 'DESC' ? -1 : 1;
      found = found.sort((a, b) => sign * String(a.fields[field] ?? '').localeCompare(String(b.fields[field] ?? '')));
    }
    if (limit) found = found.slice(0, Number(limit));
    return {
      object: spec.name,
      rows: found.map((r) => ({
        attributes: { type: spec.name, url: `${BASE}/sobjects/${spec.name}/${r.id}` },
        ...Object.fromEntries(fields.map((name) => [name, r.fields[name] ?? null])),
      })),
    };
  }

  /** The canonical spelling of a field, or INVALID_FIELD. */
  fieldName(objectName: string, name: string): string | undefined {
    const spec = this.objectSpec(objectName, 404);
    return spec.fields.find((f) => f.name.toLowerCase() === name.toLowerCase())?.name;
  }

  private objectSpec(name: string, status: 400 | 404): ObjectSpec {
    const spec = OBJECTS.find((o) => o.name.toLowerCase() === name.toLowerCase());
    if (spec) return spec;
    if (status === 400) throw new OrgFault(400, 'INVALID_TYPE', `sObject type '${name}' is not supported.`);
    throw new OrgFault(404, 'NOT_FOUND', 'The requested resource does not exist');
  }

  private existing(spec: ObjectSpec, id: string): StoredRecord {
    if (!RECORD_ID.test(id) || !id.startsWith(spec.keyPrefix)) {
      throw new OrgFault(400, 'MALFORMED_ID', `${spec.label} ID: id value of incorrect type: ${id}`, ['Id']);
    }
    const record = [...this.records.values()].find((r) => r.id.startsWith(id) && r.object === spec.name);
    if (!record) throw new OrgFault(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (record.deleted) throw new OrgFault(404, 'ENTITY_IS_DELETED', 'entity is deleted');
    return record;
  }

  private checkedValues(
    spec: ObjectSpec,
    values: Record<string, unknown>,
    mode: 'create' | 'update',
  ): Record<string, FieldValue> {
    const out: Record<string, FieldValue> = {};
    for (const [name, value] of Object.entries(values)) {
      const field = spec.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
      if (!field) {
        throw new OrgFault(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${spec.name}`);
      }
      const writable = mode === 'create' ? field.createable !== false : field.updateable !== false;
      if (!writable) {
        throw new OrgFault(
          400,
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          [field.name],
        );
      }
      out[field.name] = this.checkedValue(field, value);
    }
    return out;
  }

  private checkedValue(field: FieldSpec, value: unknown): FieldValue {
    if (value === null) return null;
    if (typeof value !== 'string') {
      throw new OrgFault(
        400,
        'JSON_PARSER_ERROR',
        `Cannot deserialize instance of string from ${typeof value === 'number' ? 'VALUE_NUMBER_INT' : 'VALUE_TRUE'} value ${String(value)} or request may be missing a required field`,
      );
    }
    if (field.length !== undefined && value.length > field.length) {
      throw new OrgFault(
        400,
        'STRING_TOO_LONG',
        `${field.label}: data value too large: ${value} (max length=${field.length})`,
        [field.name],
      );
    }
    if (field.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
      throw new OrgFault(400, 'INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${value}`, [field.name]);
    }
    if (field.type === 'reference' && !this.records.has(value)) {
      throw new OrgFault(400, 'INVALID_CROSS_REFERENCE_KEY', `${field.label}: id value of incorrect type: ${value}`, [
        field.name,
      ]);
    }
    return value;
  }

  private soqlField(spec: ObjectSpec, name: string): string {
    const field = spec.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!field) {
      throw new OrgFault(
        400,
        'INVALID_FIELD',
        `No such column '${name}' on entity '${spec.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`,
      );
    }
    return field.name;
  }

  private condition(spec: ObjectSpec, text: string): (r: StoredRecord) => boolean {
    const match = /^(\w+)\s*(=|!=|LIKE)\s*('(?:[^'\\]|\\.)*'|true|false|null)$/i.exec(text.trim());
    if (!match) throw new OrgFault(400, 'MALFORMED_QUERY', `unexpected token: '${firstOddToken(text)}'`);
    const [, name = '', operator = '', literal = ''] = match;
    const field = this.soqlField(spec, name);
    const wanted: FieldValue = literal.startsWith("'")
      ? literal.slice(1, -1).replace(/\\(.)/g, '$1')
      : literal.toLowerCase() === 'null'
        ? null
        : literal.toLowerCase() === 'true';
    if (operator.toUpperCase() === 'LIKE') {
      const pattern = new RegExp(
        `^${String(wanted)
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/%/g, '.*')}$`,
        'i',
      );
      return (r) => pattern.test(String(r.fields[field] ?? ''));
    }
    const equal = (r: StoredRecord) => (r.fields[field] ?? null) === wanted;
    return operator === '=' ? equal : (r) => !equal(r);
  }
}

function describeField(field: FieldSpec): Record<string, unknown> {
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType:
      field.type === 'boolean'
        ? 'xsd:boolean'
        : field.type === 'id' || field.type === 'reference'
          ? 'tns:ID'
          : 'xsd:string',
    length: field.length ?? 0,
    nillable: field.nillable ?? true,
    createable: field.createable ?? true,
    updateable: field.updateable ?? true,
    custom: field.name.endsWith('__c'),
    externalId: field.externalId ?? false,
    unique: false,
    defaultedOnCreate: field.createable === false,
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.type === 'reference' ? field.name.replace(/Id$/, '') : null,
    picklistValues: (field.picklist ?? []).map((value) => ({
      active: true,
      defaultValue: false,
      label: value,
      validFor: null,
      value,
    })),
  };
}

function firstOddToken(text: string): string {
  const words = text.trim().split(/\s+/);
  const keywords = new Set(['SELECT', 'FROM', 'WHERE', 'AND', 'ORDER', 'BY', 'ASC', 'DESC', 'LIMIT', 'LIKE']);
  return words.find((w, i) => i > 0 && /^[A-Z]{3,}$/.test(w) && !keywords.has(w)) ?? words.at(-1) ?? '';
}
