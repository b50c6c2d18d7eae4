import type { ResourceSpec } from '../../shared/types';

export const invoicesResource: ResourceSpec = {
	value: 'invoices',
	name: 'Invoice',
	operations: [
		{
			operation: 'getAll',
			name: 'Get Many',
			action: 'Get many invoices',
			description: 'List all invoices with their line items',
			method: 'GET',
			path: '/v1/invoices',
			clientSideLimit: true,
			evidence: 'documented',
			fields: [],
		},
		{
			operation: 'get',
			name: 'Get',
			action: 'Get an invoice',
			description: 'Get one invoice with its line items',
			method: 'GET',
			path: '/v1/invoices/{id}',
			evidence: 'documented',
			fields: [{ name: 'id', displayName: 'Invoice ID', in: 'path', kind: 'integer', required: true }],
		},
	],
};
