import { weWorkedLocators } from '../locators';
import type { ResourceSpec } from '../../shared/types';

export const projectsResource: ResourceSpec = {
	value: 'projects',
	name: 'Project',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many projects',
			description: 'List all projects (grouped Active / Archived / Leave by the API)',
			method: 'GET',
			path: '/v1/projects',
			clientSideLimit: true,
			evidence: 'documented',
			fields: [],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a project',
			description: 'Get one project with its people and tasks',
			method: 'GET',
			path: '/v1/projects/{id}',
			evidence: 'documented',
			fields: [{ name: 'id', displayName: 'Project', in: 'path', kind: 'integer', required: true, locator: weWorkedLocators.project }],
		},
	],
};
