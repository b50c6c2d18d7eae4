import type { ResourceSpec } from '../../shared/types';
import { additionalBody, assumedRoute, idInPath, projectIdInPath } from './fields';

/** What is assumed about every budget route. */
const assumed = assumedRoute(
	'the help pages show project budgets (fixed-hour, fixed-fee, retainers), not their API or field names, so the body is all Additional Body (JSON)',
);

export const budgetsResource: ResourceSpec = {
	value: 'budget',
	name: 'Budget',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many budgets',
			description: 'List the budgets of a project',
			method: 'GET',
			path: '/projects/{projectId}/budgets',
			clientSideLimit: true,
			evidence: 'inferredPath',
			note: assumed,
			fields: [projectIdInPath],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a budget',
			description: 'Get one budget',
			method: 'GET',
			path: '/budgets/{budgetId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('budgetId')],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a budget',
			description: 'Create a budget in a project',
			method: 'POST',
			path: '/projects/{projectId}/budgets',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				projectIdInPath,
				additionalBody(true),
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a budget',
			description: 'Update a budget',
			method: 'PUT',
			path: '/budgets/{budgetId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				idInPath('budgetId'),
				additionalBody(),
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a budget',
			description: 'Delete a budget',
			method: 'DELETE',
			path: '/budgets/{budgetId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('budgetId')],
		},
	],
};
