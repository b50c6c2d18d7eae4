import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { ActionNodeDefinition } from '../shared/router';
import { actionNodeProperties, executeActionNode } from '../shared/router';
import { listSearch } from './methods/listSearch';
import { weWorkedProfile } from './profile';
import { weWorkedResources } from './resources';
import { isListAnswer, simplifyWeWorked } from './simplify';

const definition: ActionNodeDefinition = {
	profile: weWorkedProfile,
	resources: weWorkedResources,
	envelope: false,
	data: (body) => body,
	message: () => undefined,
	listRecords: (body) => (isListAnswer(body) ? (body as unknown[]) : undefined),
	simplify: simplifyWeWorked,
};

export class WeWorked implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeWorked',
		name: 'weWorked',
		icon: { light: 'file:../../icons/weworked.svg', dark: 'file:../../icons/weworked.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read WeWorked clients, projects, users, timesheets, reports, invoices and expenses',
		defaults: { name: 'WeWorked' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'weWorkedApi', required: true }],
		properties: actionNodeProperties(definition),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeActionNode.call(this, definition);
	}
}
