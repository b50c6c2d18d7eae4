import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { ActionNodeDefinition } from '../shared/router';
import { actionNodeProperties, executeActionNode } from '../shared/router';
import { listSearch } from './methods/listSearch';
import { listRecords, teamWorkLiveData, teamWorkLiveProfile } from './profile';
import { teamWorkLiveResources } from './resources';

const definition: ActionNodeDefinition = {
	profile: teamWorkLiveProfile,
	resources: teamWorkLiveResources,
	envelope: false,
	data: teamWorkLiveData,
	// The same list rule as list search and the trigger: an array, or one root element holding one.
	listRecords,
	message: (body) =>
		typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string'
			? (body as { message: string }).message
			: undefined,
};

export class TeamWorkLive implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TeamWork Live',
		name: 'teamWorkLive',
		icon: { light: 'file:../../icons/teamworklive.svg', dark: 'file:../../icons/teamworklive.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage TeamWork Live client companies, projects, milestones, tasks, calendar events, messages, time entries, contacts, users, folders and budgets',
		defaults: { name: 'TeamWork Live' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'teamWorkLiveApi', required: true }],
		properties: actionNodeProperties(definition),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeActionNode.call(this, definition);
	}
}
