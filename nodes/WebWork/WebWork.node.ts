import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { ActionNodeDefinition } from '../shared/router';
import { actionNodeProperties, executeActionNode } from '../shared/router';
import { listSearch } from './methods/listSearch';
import { webWorkData, webWorkMessage, webWorkPaging, webWorkProfile } from './profile';
import { webWorkResources } from './resources';

const definition: ActionNodeDefinition = {
	profile: webWorkProfile,
	paging: webWorkPaging,
	resources: webWorkResources,
	envelope: true,
	data: webWorkData,
	message: webWorkMessage,
};

export class WebWork implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WebWork Time Tracker',
		name: 'webWork',
		icon: { light: 'file:../../icons/webwork.svg', dark: 'file:../../icons/webwork.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage WebWork Time Tracker members, projects, tasks, time, approvals and reports',
		defaults: { name: 'WebWork Time Tracker' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'webWorkApi',
				required: true,
				displayOptions: { show: { authentication: ['accessToken'] } },
			},
			{
				name: 'webWorkOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['oAuth2'] } },
			},
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Personal Access Token', value: 'accessToken' },
					{ name: 'OAuth2', value: 'oAuth2' },
				],
				default: 'accessToken',
			},
			...actionNodeProperties(definition),
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeActionNode.call(this, definition);
	}
}
