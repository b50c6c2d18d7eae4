import type { INodeProperties } from 'n8n-workflow';

export const CUSTOM_API_CALL = { resource: 'customApiCall', operation: 'request' } as const;

/** Shown on writes of providers that deduplicate by key; see the router for the default key. */
export const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	description:
		'Key that makes this write safe to retry (the API replays instead of writing twice). Empty: one key per item and execution, the same on every retry.',
};

const show = { show: { resource: [CUSTOM_API_CALL.resource], operation: [CUSTOM_API_CALL.operation] } };

/**
 * The "Custom API Request" resource every provider node offers, for endpoints the node does not cover yet.
 * (Not named "Custom API Call": n8n adds an entry of that name that hands over to the HTTP Request node.)
 */
export function customApiCallProperties(
	providerName: string,
	features: { envelope: boolean; idempotency: boolean },
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [CUSTOM_API_CALL.resource] } },
			options: [
				{
					name: 'Make a Request',
					value: CUSTOM_API_CALL.operation,
					action: `Make a custom ${providerName} API call`,
					description: `Call any ${providerName} endpoint with this node's credential, pacing and retries`,
				},
			],
			default: 'request',
		},
		{
			displayName: 'Method',
			name: 'method',
			type: 'options',
			options: ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((m) => ({ name: m, value: m })),
			default: 'GET',
			displayOptions: show,
		},
		{
			displayName: 'Path',
			name: 'path',
			type: 'string',
			default: '',
			required: true,
			placeholder: '/workspaces',
			description:
				"Path after the base URL of the credential, e.g. /projects. A full URL is accepted only on the credential's own host, so the credential is never sent elsewhere.",
			displayOptions: show,
		},
		{
			displayName: 'Query Parameters (JSON)',
			name: 'query',
			type: 'json',
			default: '{}',
			displayOptions: show,
		},
		{
			displayName: 'Body (JSON)',
			name: 'body',
			type: 'json',
			default: '{}',
			displayOptions: { show: { ...show.show, method: ['PATCH', 'POST', 'PUT', 'DELETE'] } },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions: show,
			options: [
				...(features.idempotency ? [idempotencyKeyOption] : []),
				...(features.envelope
					? [
							{
								displayName: 'Include Response Envelope',
								name: 'includeEnvelope',
								type: 'boolean' as const,
								default: false,
								description: 'Whether to output the whole response instead of only its data',
							},
						]
					: []),
				{
					displayName: 'Timeout (Seconds)',
					name: 'timeout',
					type: 'number',
					default: 60,
					typeOptions: { minValue: 1 },
					description: 'How long to wait for one response before giving up',
				},
			],
		},
	];
}
