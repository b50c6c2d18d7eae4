import type { FieldSpec, ResourceSpec } from '../../shared/types';
import type { Names } from './builders';
import { bodyReference, createOperation, getAllOperation, getOperation, updateOperation } from './builders';

const names: Names = { plural: 'contracts', singular: 'contract', idName: 'contractId', entity: 'contract' };
const contractFields: FieldSpec[] = [
	bodyReference('freelancer_id', 'freelancer'),
	bodyReference('project_id', 'project'),
];

/** Confirmed by name only (spec §11.5). No Delete: contracts are ended, not deleted (status via Update). */
export const contractsResource: ResourceSpec = {
	value: 'contracts',
	name: 'Contract',
	operations: [
		getAllOperation(names),
		getOperation(names),
		createOperation(names, contractFields),
		updateOperation(names),
	],
};
