import type { ResourceSpec } from '../../shared/types';

/** The one documented Worksible call: the company (tenant) the API key belongs to. */
export const companiesResource: ResourceSpec = {
	value: 'companies',
	name: 'Company',
	operations: [
		{
			operation: 'getMe',
			name: 'Get Mine',
			action: 'Get the company of the API key',
			description: 'Get the company (account) that the API key belongs to',
			method: 'GET',
			path: '/companies/me',
			evidence: 'documented',
			// spec: the landing page's first-call example; response fields and required scope undocumented.
			fields: [],
		},
	],
};
