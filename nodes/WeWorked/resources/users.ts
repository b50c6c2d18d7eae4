import { weWorkedLocators } from '../locators';
import type { ResourceSpec } from '../../shared/types';

export const usersResource: ResourceSpec = {
	value: 'users',
	name: 'User',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many users',
			description: 'List all users (grouped Active / Pending / Disabled by the API)',
			method: 'GET',
			path: '/v1/users',
			clientSideLimit: true,
			evidence: 'documented',
			fields: [],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a user',
			description: 'Get one user with assigned projects',
			method: 'GET',
			path: '/v1/users/{id}',
			evidence: 'documented',
			fields: [{ name: 'id', displayName: 'User', in: 'path', kind: 'integer', required: true, locator: weWorkedLocators.user }],
		},
	],
};
