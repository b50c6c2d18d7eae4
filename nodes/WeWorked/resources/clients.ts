import { weWorkedLocators } from '../locators';
import type { ResourceSpec } from '../../shared/types';

export const clientsResource: ResourceSpec = {
	value: 'clients',
	name: 'Client',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many clients',
			description: 'List all clients (the API returns them all at once)',
			method: 'GET',
			path: '/v1/clients',
			clientSideLimit: true,
			evidence: 'documented',
			fields: [],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a client',
			description: 'Get one client by ID',
			method: 'GET',
			path: '/v1/clients/{id}',
			evidence: 'documented',
			fields: [{ name: 'id', displayName: 'Client', in: 'path', kind: 'integer', required: true, locator: weWorkedLocators.client }],
		},
	],
};
