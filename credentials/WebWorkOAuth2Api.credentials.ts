import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

export class WebWorkOAuth2Api implements ICredentialType {
	name = 'webWorkOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'WebWork Time Tracker OAuth2 API';

	documentationUrl = 'https://api-docs.webwork-tracker.com/authorization';

	icon = { light: 'file:../icons/webwork.svg', dark: 'file:../icons/webwork.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
			],
			default: 'authorizationCode',
			description: 'The grant type chosen when the OAuth2 app was created in WebWork (Settings > REST API > OAuth2 Apps)',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			displayOptions: { show: { grantType: ['authorizationCode'] } },
			default: 'https://webwork-tracker.com/oauth/authorize',
			required: true,
			description:
				'Documented by WebWork. Change it only to connect to another server, such as the local emulator (npm run emulator prints its OAuth settings).',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: 'https://webwork-tracker.com/oauth/token',
			required: true,
			description:
				'Inferred, not documented: the WebWork docs name the authorization URL but the token URL could not be confirmed. Change it if token requests fail, or to connect to another server such as the local emulator.',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'read write',
			description:
				'Space-separated scopes to ask for. WebWork documents read, write and admin; which operations need write or admin is not documented (read write is what the node is built for).',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Header', value: 'header', description: 'Send client ID and secret as Basic auth header' },
				{ name: 'Body', value: 'body', description: 'Send client ID and secret in the body' },
			],
			default: 'header',
			description: 'Undocumented by WebWork; both are standard OAuth2 client authentication',
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
			description: 'WebWork documents 60 requests per minute per user; the nodes pace themselves below this',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/workspaces',
		},
	};
}
