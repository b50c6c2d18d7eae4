import type { ResourceSpec } from '../../shared/types';
import { additionalBody, assumedRoute, idInPath, nameField } from './fields';

/** What is assumed about every client company route. */
const assumed = assumedRoute(
	'the overview names only the client-companies list, not these calls',
);

export const clientCompaniesResource: ResourceSpec = {
	value: 'clientCompany',
	name: 'Client Company',
	description: 'The one resource the API overview names (its list call)',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many client companies',
			description: 'List all client companies of the account',
			method: 'GET',
			path: '/clientcompanies',
			clientSideLimit: true,
			evidence: 'inferredPath',
			note: 'The API overview names this call (a GET that returns an empty list, not an error, when the account has none) but not its path; /clientcompanies is assumed. If your account rejects it, set Path Override here or a line in the credential\'s Route Overrides.',
			fields: [],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get a client company',
			description: 'Get one client company',
			method: 'GET',
			path: '/clientcompanies/{clientCompanyId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('clientCompanyId', 'clientCompany')],
		},
		{
			operation: 'create',
			name: 'Create',
			action: 'Create a client company',
			description: 'Create a client company',
			method: 'POST',
			path: '/clientcompanies',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				nameField(true),
				additionalBody(),
			],
		},
		{
			operation: 'update',
			name: 'Update',
			action: 'Update a client company',
			description: 'Update a client company',
			method: 'PUT',
			path: '/clientcompanies/{clientCompanyId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [
				idInPath('clientCompanyId', 'clientCompany'),
				nameField(false),
				additionalBody(),
			],
		},
		{
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a client company',
			description: 'Delete a client company',
			method: 'DELETE',
			path: '/clientcompanies/{clientCompanyId}',
			evidence: 'inferredPath',
			note: assumed,
			fields: [idInPath('clientCompanyId', 'clientCompany')],
		},
	],
};
