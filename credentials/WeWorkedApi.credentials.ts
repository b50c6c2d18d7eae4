import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class WeWorkedApi implements ICredentialType {
	name = 'weWorkedApi';

	displayName = 'WeWorked API';

	documentationUrl = 'https://github.com/holmjohnii/weworked-api';

	icon = { light: 'file:../icons/weworked.svg', dark: 'file:../icons/weworked.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The company's API key, from the administration area of WeWorked (sent as x-api-key)",
		},
		{
			displayName: 'Administrator E-Mail',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			required: true,
			description: 'E-mail of a WeWorked administrator of the same company (sent as x-ww-user)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.weworked.com',
			description: 'The documented API host; the nodes add /v1 to every path',
		},
		{
			displayName: 'Requests per 5 Minutes',
			name: 'requestsPerFiveMinutes',
			type: 'number',
			default: 200,
			typeOptions: { minValue: 1 },
			description:
				"WeWorked's API overview allows 200 calls per 5 minutes (a later README says 20 per second); the nodes pace themselves below this",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'x-api-key': '={{$credentials.apiKey}}', 'x-ww-user': '={{$credentials.email}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/clients',
		},
	};
}
