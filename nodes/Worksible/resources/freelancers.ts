import type { FieldSpec, ResourceSpec } from '../../shared/types';
import type { Names } from './builders';
import { createOperation, getAllOperation, getOperation, updateOperation } from './builders';

const names: Names = { plural: 'freelancers', singular: 'freelancer', idName: 'freelancerId', entity: 'freelancer' };
const personFields: FieldSpec[] = [
	{ name: 'name', in: 'body', kind: 'string', description: 'Assumed field name' },
	{ name: 'email', in: 'body', kind: 'string', description: 'Assumed field name' },
];

/** Confirmed by name only (spec §11.3). No Delete: freelancers are more likely offboarded than deleted. */
export const freelancersResource: ResourceSpec = {
	value: 'freelancers',
	name: 'Freelancer',
	operations: [
		getAllOperation(names),
		getOperation(names),
		createOperation(names, personFields),
		updateOperation(names, personFields),
	],
};
