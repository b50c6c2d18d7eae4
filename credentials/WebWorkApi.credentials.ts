import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class WebWorkApi implements ICredentialType {
	name = 'webWorkApi';

	displayName = 'WebWork Time Tracker API';

	documentationUrl = 'https://api-docs.webwork-tracker.com/authorization';

	icon = { light: 'file:../icons/webwork.svg', dark: 'file:../icons/webwork.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Personal Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Create it in WebWork under Settings > REST API > Personal Access Tokens. It is shown once and lasts 6 months. The API is open to workspace Owners and Executive managers only.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.webwork-tracker.com/api/v2',
			description: 'The documented API base; a trailing slash is fine',
		},
		{
			displayName: 'Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 1 },
			description:
				'The token\'s limit: WebWork documents 60 requests per minute per user. Keep it at the real limit even when several workflows or queue-mode workers share the token: they share it through the usage WebWork reports on every answer. Lower it only to leave room for tools outside n8n.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/workspaces',
		},
	};
}
