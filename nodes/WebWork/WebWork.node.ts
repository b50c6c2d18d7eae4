import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { ActionNodeDefinition } from '../shared/router';
import { actionNodeProperties, executeActionNode } from '../shared/router';
import { webWorkAuthentication, webWorkCredentials } from './common';
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
		credentials: webWorkCredentials,
		properties: [
			webWorkAuthentication,
			...actionNodeProperties(definition),
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeActionNode.call(this, definition);
	}
}
