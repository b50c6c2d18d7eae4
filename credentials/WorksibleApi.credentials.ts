import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class WorksibleApi implements ICredentialType {
	name = 'worksibleApi';

	displayName = 'Worksible API';

	// The developer landing page (English text despite the /es/ path); the only public developer page.
	documentationUrl = 'https://worksible.com/es/developers';

	icon = { light: 'file:../icons/worksible.svg', dark: 'file:../icons/worksible.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'wsk_live_...',
			description:
				'A Worksible API key (starts with wsk_), sent as Authorization: Bearer. Keys come with the paid plans (Professional, Global, Enterprise, AOR), can be limited to scopes and expire automatically.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.worksible.com/v1',
			description:
				'The API base including the version (/v1). Change it for a sandbox or a local emulator; a trailing slash is fine.',
		},
		{
			displayName: 'Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 1 },
			description:
				"Worksible's rate limits depend on the plan and are not published; 60 per minute is our conservative assumption. The nodes pace themselves below this; raise it if your plan allows more.",
		},
		{
			displayName: 'Route Overrides',
			name: 'routeOverrides',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: 'invoices.getAll = GET /v2/invoices',
			description:
				"One per line: resource.operation = METHOD /path, e.g. invoices.getAll = GET /v2/invoices. Applies to every node using this credential; use it when Worksible's real paths differ from the node's inferred defaults.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/companies/me',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'The API key is missing, invalid, expired or revoked' },
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The key is valid, but a scope is missing (or its IP allowlist or plan refuses this call): give the key the scope for GET /companies/me',
				},
			},
		],
	};
}
