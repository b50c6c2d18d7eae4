import type { FieldSpec, ResourceSpec } from '../../shared/types';
import type { Names } from './builders';
import { bodyReference, createOperation, deleteOperation, getAllOperation, getOperation, updateOperation } from './builders';

const names: Names = { plural: 'projects', singular: 'project', idName: 'projectId', entity: 'project' };
const projectFields: FieldSpec[] = [
	{ name: 'name', in: 'body', kind: 'string', description: 'Assumed field name' },
	bodyReference('organization_id', 'organization'),
];

/** Confirmed by name only (spec §11.4); invoices and payments reference a project in the web app. */
export const projectsResource: ResourceSpec = {
	value: 'projects',
	name: 'Project',
	operations: [
		getAllOperation(names),
		getOperation(names),
		createOperation(names, projectFields),
		updateOperation(names, projectFields),
		deleteOperation(names),
	],
};
