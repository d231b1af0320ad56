import { defineAction, type Static, Type } from '@mova/sdk';
import { auth } from './auth.js';
import { callHubSpot } from './client.js';
import { asPropertyStrings, type CrmObject, crmRecord, propertyNames, propertyValues, toRecord } from './objects.js';
import { searchInput, searchOutput, searchRecords } from './search.js';

/** How one CRM object reads in titles, descriptions and examples. */
export interface ObjectText {
  object: CrmObject;
  /** `contact`, `company`, `deal`. */
  singular: string;
  /** What a unique property lookup means for it, e.g. `email for contacts`. */
  idPropertyNote: string;
  example: Record<string, string>;
  exampleId: string;
}

const idProperty = (note: string) =>
  Type.Optional(
    Type.String({
      minLength: 1,
      description: `A unique property to look the record up by instead of its ID (${note}); id then holds that property’s value.`,
    }),
  );

/** `<object>.create`: POST /crm/v3/objects/{objectType}. */
export function createRecordAction(text: ObjectText) {
  return defineAction({
    key: `${text.object}.create`,
    title: `Create a ${text.singular}`,
    description: `Creates a HubSpot ${text.singular} with the given property values and returns it as HubSpot stored it.`,
    auth,
    input: Type.Object({ properties: propertyValues }),
    output: crmRecord,
    examples: [{ title: `Create a ${text.singular}`, input: { properties: text.example } }],
    async run({ input, auth, ctx }) {
      const created = await callHubSpot(auth, ctx, (hubspot) =>
        hubspot.crm.objects.basicApi.create(text.object, {
          properties: asPropertyStrings(input.properties),
          associations: [],
        }),
      );
      return toRecord(created);
    },
  });
}

/** `<object>.get`: GET /crm/v3/objects/{objectType}/{id}. */
export function getRecordAction(text: ObjectText) {
  return defineAction({
    key: `${text.object}.get`,
    title: `Get a ${text.singular}`,
    description: `Reads one HubSpot ${text.singular} by its record ID or by a unique property, with the properties asked for.`,
    auth,
    input: Type.Object({
      id: Type.String({ minLength: 1, description: `ID of the ${text.singular} (or its idProperty value).` }),
      idProperty: idProperty(text.idPropertyNote),
      properties: Type.Optional(propertyNames),
    }),
    output: crmRecord,
    examples: [
      { title: `Get a ${text.singular}`, input: { id: text.exampleId, properties: Object.keys(text.example) } },
    ],
    async run({ input, auth, ctx }) {
      const found = await callHubSpot(auth, ctx, (hubspot) =>
        hubspot.crm.objects.basicApi.getById(
          text.object,
          input.id,
          input.properties,
          undefined,
          undefined,
          false,
          input.idProperty,
        ),
      );
      return toRecord(found);
    },
  });
}

/** `<object>.update`: PATCH /crm/v3/objects/{objectType}/{id}. */
export function updateRecordAction(text: ObjectText) {
  return defineAction({
    key: `${text.object}.update`,
    title: `Update a ${text.singular}`,
    description: `Changes property values of a HubSpot ${text.singular}; properties left out keep their values, an empty string clears one.`,
    auth,
    input: Type.Object({
      id: Type.String({ minLength: 1, description: `ID of the ${text.singular} (or its idProperty value).` }),
      idProperty: idProperty(text.idPropertyNote),
      properties: propertyValues,
    }),
    output: crmRecord,
    examples: [{ title: `Update a ${text.singular}`, input: { id: text.exampleId, properties: text.example } }],
    async run({ input, auth, ctx }) {
      const updated = await callHubSpot(auth, ctx, (hubspot) =>
        hubspot.crm.objects.basicApi.update(
          text.object,
          input.id,
          { properties: asPropertyStrings(input.properties) },
          input.idProperty,
        ),
      );
      return toRecord(updated);
    },
  });
}

/** `<object>.search`: POST /crm/v3/objects/{objectType}/search, following `paging.next.after`. */
export function searchRecordsAction(text: ObjectText, exampleFilter: Static<typeof searchInput>['filterGroups']) {
  return defineAction({
    key: `${text.object}.search`,
    title: `Search ${text.object}`,
    description: `Finds HubSpot ${text.object} with the CRM search API: filter groups (OR of ANDed filters), a free-text query, sorting; pages through the results up to maxResults.`,
    auth,
    input: searchInput,
    output: searchOutput,
    examples: [{ title: `Search ${text.object}`, input: { filterGroups: exampleFilter, maxResults: 50 } }],
    async run({ input, auth, ctx }) {
      return callHubSpot(auth, ctx, (hubspot) => searchRecords(hubspot, text.object, input));
    },
  });
}
