import type { ResourceSpec } from '../../shared/types';
import { additionalBody, assumedRoute, contentField, idInPath, nameField, projectIdInPath } from './fields';

/** What is assumed about every milestone route. */
const assumed = assumedRoute(
	'the help pages show milestones (items flagged as milestones, assignable), not their API',
);

export const milestonesResource: ResourceSpec = {
	value: 'milestone',
	name: 'Milestone',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many milestones',
			description: 'List the milestones of a project',
			method: 'GET',
			path: '/projects/{projectId}/milestones',
			clientSideLimit: true,
			evidence: 'inferredPath',
			note: assumed,
			fields: [projectIdInPath],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a milestone',
			description: 'Get one milestone',
			method: 'GET',
			path: '/milestones/{milestoneId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('milestoneId')],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a milestone',
			description: 'Create a milestone in a project',
			method: 'POST',
			path: '/projects/{projectId}/milestones',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				projectIdInPath,
				nameField(true),
				contentField,
				additionalBody(),
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a milestone',
			description: 'Update a milestone',
			method: 'PUT',
			path: '/milestones/{milestoneId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				idInPath('milestoneId'),
				nameField(false),
				contentField,
				additionalBody(),
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a milestone',
			description: 'Delete a milestone',
			method: 'DELETE',
			path: '/milestones/{milestoneId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('milestoneId')],
		},
	],
};
