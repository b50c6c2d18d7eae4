import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * TeamWork Live (CollectiveSoft, teamworklive.com — not Teamwork.com). HTTP Basic with the account e-mail
 * as user name and the API key as password. The API host/prefix is undocumented: the account subdomain
 * (https://{account}.teamworklive.com) is the default guess, and a full Base URL replaces it when set.
 */
export class TeamWorkLiveApi implements ICredentialType {
	name = 'teamWorkLiveApi';

	displayName = 'TeamWork Live API';

	documentationUrl = 'http://www.teamworklive.com/Api.htm';

	icon = { light: 'file:../icons/teamworklive.svg', dark: 'file:../icons/teamworklive.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Account Subdomain',
			name: 'accountSubdomain',
			type: 'string',
			default: '',
			placeholder: 'e.g. acme',
			description:
				'The first part of your TeamWork Live address: acme for https://acme.teamworklive.com. Ignored when Base URL is set.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://acme.teamworklive.com/api',
			description:
				"Full API base URL; overrides the subdomain when set. TeamWork Live's API prefix is not documented, so add one here (e.g. /api) if your account needs it. A trailing slash is fine.",
		},
		{
			displayName: 'E-Mail',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description:
				'The e-mail address you sign in to TeamWork Live with (sent as the HTTP Basic user name). A 401 answer means this e-mail and the API key do not match.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your TeamWork Live API key (sent as the HTTP Basic password). The key changes whenever your password changes: after a password change, or on a 401, paste the new key here.',
		},
		{
			displayName: 'Requests per Hour',
			name: 'requestsPerHour',
			type: 'number',
			default: 6000,
			typeOptions: { minValue: 1 },
			description:
				'TeamWork Live allows 6,000 requests per hour per user and answers 503 with Retry-After above it. The nodes pace themselves below this; lower it when several workflows share one user.',
		},
		{
			displayName: 'Route Overrides',
			name: 'routeOverrides',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: 'clientCompany.getAll = GET /api/clientcompanies',
			description:
				"One per line: resource.operation = METHOD /path, e.g. clientCompany.getAll = GET /api/clientcompanies. Applies to every node using this credential; use it when TeamWork Live's real paths differ from the node's inferred defaults. The .json suffix is added automatically.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.email}}',
				password: '={{$credentials.apiKey}}',
			},
		},
	};

	// The one call the API overview names: retrieving the client companies (empty, not an error, when there
	// are none). Its path is inferred; Route Overrides do not apply to this test.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://" + $credentials.accountSubdomain + ".teamworklive.com"}}',
			url: '/clientcompanies.json',
			method: 'GET',
		},
	};
}
