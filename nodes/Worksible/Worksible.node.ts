import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { ActionNodeDefinition } from '../shared/router';
import { actionNodeProperties, executeActionNode } from '../shared/router';
import { listSearch } from './methods/listSearch';
import { worksibleData, worksibleMessage, worksiblePaging, worksibleProfile } from './profile';
import { worksibleResources } from './resources';

/**
 * Records are output as Worksible sends them (no Simplify): the API promises to add fields within v1 (spec §2),
 * and unknown fields pass through untouched.
 */
const definition: ActionNodeDefinition = {
	profile: worksibleProfile,
	paging: worksiblePaging,
	resources: worksibleResources,
	envelope: false,
	data: worksibleData,
	message: worksibleMessage,
};

export class Worksible implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Worksible',
		name: 'worksible',
		icon: { light: 'file:../../icons/worksible.svg', dark: 'file:../../icons/worksible.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Worksible organizations, freelancers, projects, contracts, invoices, payments, payouts and timesheets',
		defaults: { name: 'Worksible' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'worksibleApi', required: true }],
		properties: actionNodeProperties(definition),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeActionNode.call(this, definition);
	}
}
