import type { Field } from '../schema-fields.js';
import { describeSchema } from '../schema-fields.js';

interface Labels {
  /** How a required field is marked: inputs must be given, outputs are always there. */
  required: string;
  optional: string;
}

function FieldList({ fields, labels }: { fields: Field[]; labels: Labels }) {
  return (
    <ul class="fields">
      {fields.map((field) => (
        <li key={field.path} class="field">
          <div class="field-head">
            <code class="field-name">{field.name}</code>
            <span class="field-type">{field.type}</span>
            {field.required ? (
              <span class="field-required">{labels.required}</span>
            ) : (
              <span class="field-optional">{labels.optional}</span>
            )}
          </div>
          {field.description && <p class="field-description">{field.description}</p>}
          {field.constraints.length > 0 && (
            <ul class="field-constraints" aria-label="Limits">
              {field.constraints.map((constraint) => (
                <li key={constraint}>{constraint}</li>
              ))}
            </ul>
          )}
          {field.children.length > 0 && <FieldList fields={field.children} labels={labels} />}
        </li>
      ))}
    </ul>
  );
}

function lead(type: string): string {
  if (type === 'object') return '';
  if (type === 'object[]') return 'A list of objects, each with:';
  if (type === 'any') return 'Any JSON value: the schema does not say more.';
  return `A value of type ${type}.`;
}

/** An action's input or output schema as a readable outline of fields. */
export function SchemaView({ schema, kind }: { schema: unknown; kind: 'input' | 'output' }) {
  const view = describeSchema(schema);
  const labels: Labels =
    kind === 'input'
      ? { required: 'required', optional: 'optional' }
      : { required: 'always', optional: 'may be absent' };
  const intro = view.fields.length > 0 ? lead(view.type) : view.type === 'object' ? 'No fields.' : lead(view.type);
  return (
    <div class="schema">
      {intro && <p class="schema-lead">{intro}</p>}
      {view.fields.length > 0 && <FieldList fields={view.fields} labels={labels} />}
      {view.truncated && <p class="hint">Some deeply nested or numerous fields are left out.</p>}
    </div>
  );
}
