import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callHubSpot } from '../client.js';

const objectType = (side: string) =>
  Type.String({
    minLength: 1,
    description: `Type of the ${side} record: contacts, companies, deals, tickets, … or a custom object’s type ID (2-…).`,
  });

/**
 * PUT /crm/v4/objects/{from}/{id}/associations/default/{to}/{toId} without a type (HubSpot's default
 * association, both directions), or PUT …/associations/{to}/{toId} with a labelled type.
 */
export const createAssociation = defineAction({
  key: 'associations.create',
  title: 'Associate two records',
  description:
    'Associates two HubSpot CRM records (contact with company, deal with contact, …) with the default association, or with a labelled association type.',
  auth,
  input: Type.Object({
    fromObjectType: objectType('first'),
    fromObjectId: Type.String({ minLength: 1, description: 'ID of the first record.' }),
    toObjectType: objectType('second'),
    toObjectId: Type.String({ minLength: 1, description: 'ID of the second record.' }),
    associationTypeId: Type.Optional(
      Type.Integer({
        minimum: 1,
        description:
          'Association type ID of a label (e.g. 1 contact→primary company; custom labels’ IDs from the associations labels API); HubSpot’s default association without it.',
      }),
    ),
    associationCategory: Type.Enum(AssociationSpecAssociationCategoryEnum, {
      default: AssociationSpecAssociationCategoryEnum.HubspotDefined,
      description: 'Who defined the type: HUBSPOT_DEFINED, USER_DEFINED (custom labels) or INTEGRATOR_DEFINED.',
    }),
  }),
  output: Type.Object({
    fromObjectId: Type.String({ description: 'ID of the first record.' }),
    toObjectId: Type.String({ description: 'ID of the second record.' }),
    associationTypes: Type.Array(
      Type.Object({
        associationCategory: Type.String({ description: 'Who defined the association type.' }),
        associationTypeId: Type.Integer({ description: 'The association type ID.' }),
      }),
      { description: 'The association types now between the records (the default creates both directions).' },
    ),
    labels: Type.Array(Type.String(), { description: 'Labels of the association between the records, if any.' }),
  }),
  examples: [
    {
      title: 'Associate a contact with a company',
      input: { fromObjectType: 'contacts', fromObjectId: '51', toObjectType: 'companies', toObjectId: '3104' },
    },
  ],
  async run({ input, auth, ctx }) {
    const { associationTypeId } = input;
    if (associationTypeId === undefined) {
      const created = await callHubSpot(auth, ctx, (hubspot) =>
        hubspot.crm.associations.v4.basicApi.createDefault(
          input.fromObjectType,
          input.fromObjectId,
          input.toObjectType,
          input.toObjectId,
        ),
      );
      return {
        fromObjectId: input.fromObjectId,
        toObjectId: input.toObjectId,
        associationTypes: created.results.map(({ associationSpec }) => ({ ...associationSpec })),
        labels: [],
      };
    }
    const spec = { associationCategory: input.associationCategory, associationTypeId };
    const labelled = await callHubSpot(auth, ctx, (hubspot) =>
      hubspot.crm.associations.v4.basicApi.create(
        input.fromObjectType,
        input.fromObjectId,
        input.toObjectType,
        input.toObjectId,
        [spec],
      ),
    );
    return {
      // Documented as strings in the SDK's types, sent as numbers by the API: String() fits both.
      fromObjectId: String(labelled.fromObjectId),
      toObjectId: String(labelled.toObjectId),
      associationTypes: [spec],
      labels: labelled.labels,
    };
  },
});
