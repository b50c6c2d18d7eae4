import type { ResourceSpec } from '../../shared/types';
import type { Names } from './builders';
import { createOperation, deleteOperation, getAllOperation, getOperation, updateOperation } from './builders';

const names: Names = { plural: 'organizations', singular: 'organization', idName: 'organizationId', entity: 'organization' };
const nameField = { name: 'name', in: 'body', kind: 'string', description: 'Assumed field name' } as const;

/** Confirmed by name only (spec §11.2); how organizations relate to the company is unknown. */
export const organizationsResource: ResourceSpec = {
	value: 'organizations',
	name: 'Organization',
	operations: [
		getAllOperation(names),
		getOperation(names),
		createOperation(names, [nameField]),
		updateOperation(names, [nameField]),
		deleteOperation(names),
	],
};
