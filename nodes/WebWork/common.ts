import { webWorkLocators } from './locators';
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import type { FieldSpec } from '../shared/types';

/** The personal-token / OAuth2 switch every WebWork node shares (read by profile.credentialType). */
export const webWorkAuthentication: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Personal Access Token', value: 'accessToken' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'accessToken',
};

export const webWorkCredentials: INodeCredentialDescription[] = [
	{ name: 'webWorkApi', required: true, displayOptions: { show: { authentication: ['accessToken'] } } },
	{ name: 'webWorkOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
];

/** The workspace every trigger watches, as a resource locator with search. */
export const workspaceField: FieldSpec = {
	name: 'workspace_id',
	in: 'query',
	kind: 'integer',
	required: true,
	locator: webWorkLocators.workspace,
	description: 'The workspace to watch',
};
