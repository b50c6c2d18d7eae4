import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { fetchPages } from '../shared/pagination';
import { isJsonObject } from '../shared/responses';
import { fieldProperty } from '../shared/properties';
import { apiRequest } from '../shared/transport';
import type { SignatureScheme } from '../shared/webhookSignature';
import { verifySignature } from '../shared/webhookSignature';
import { webWorkAuthentication, webWorkCredentials, workspaceField } from './common';
import { listSearch } from './methods/listSearch';
import { webWorkData, webWorkPaging, webWorkProfile } from './profile';

/** The documented event enum (current docs) plus one name seen only in an example. */
const EVENTS = [
	{ value: 'member.activated', name: 'Member Activated' },
	{ value: 'member.archived', name: 'Member Archived' },
	{ value: 'member.deleted', name: 'Member Deleted' },
	{ value: 'member.invited', name: 'Member Invited' },
	{ value: 'member.updated', name: 'Member Updated' },
	{ value: 'project.created', name: 'Project Created' },
	{ value: 'project.deleted', name: 'Project Deleted' },
	{ value: 'project.updated', name: 'Project Updated' },
	{ value: 'task.updated', name: 'Task Updated (Uncertain)', description: 'Seen in one example of the docs, not in their event list' },
	{ value: 'tracker.started', name: 'Tracker Started', description: 'A member starts tracking time' },
	{ value: 'tracker.stopped', name: 'Tracker Stopped', description: 'A member stops tracking time' },
];

interface RemoteWebhook {
	id: string;
	url: string;
	events?: string[];
	token?: string;
}

interface StoredWebhook {
	webhookId?: string;
	webhookToken?: string;
}

function selectedEvents(context: IHookFunctions | IWebhookFunctions): string[] {
	const chosen = context.getNodeParameter('events', []) as string[];
	const extra = String(context.getNodeParameter('otherEvents', '') ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	return [...new Set([...chosen, ...extra])].sort();
}

function workspaceOf(context: IHookFunctions): string {
	const value = String(context.getNodeParameter('workspaceId', undefined, { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(value)) throw new NodeOperationError(context.getNode(), `"Workspace" must be a workspace ID, got "${value}"`);
	return value;
}

const sameEvents = (a: string[] = [], b: string[]) => [...a].sort().join(',') === b.join(',');

/** Every remote webhook of the workspace registered for exactly our URL. */
async function ourRemoteWebhooks(context: IHookFunctions, workspaceId: string, url: string): Promise<RemoteWebhook[]> {
	const { records } = await fetchPages.call(
		context,
		webWorkProfile,
		webWorkPaging,
		{ method: 'GET', path: '/webhooks', qs: { workspace_id: workspaceId } },
		{ maxPerPage: 100 },
		0,
	);
	return (records as RemoteWebhook[]).filter((hook) => hook.url === url);
}

function remember(context: IHookFunctions, hook: RemoteWebhook) {
	const stored = context.getWorkflowStaticData('node') as StoredWebhook;
	stored.webhookId = hook.id;
	if (hook.token) stored.webhookToken = hook.token;
}

/** True when the webhook is gone afterwards: deleted now, or already gone (404). */
async function deleteRemote(context: IHookFunctions, workspaceId: string, id: string): Promise<boolean> {
	try {
		await apiRequest.call(context, webWorkProfile, {
			method: 'DELETE',
			path: `/webhooks/${encodeURIComponent(id)}`,
			qs: { workspace_id: workspaceId },
		});
		return true;
	} catch (error) {
		if ((error as NodeApiError).httpCode === '404') return true;
		context.logger.warn(`WebWork Trigger could not delete webhook ${id}: ${(error as Error).message}`);
		return false;
	}
}

export class WebWorkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WebWork Trigger',
		name: 'webWorkTrigger',
		icon: { light: 'file:../../icons/webwork.svg', dark: 'file:../../icons/webwork.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when WebWork sends an event (tracking, members, projects)',
		defaults: { name: 'WebWork Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: webWorkCredentials,
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			webWorkAuthentication,
			{
				displayName:
					"WebWork doesn't document how it signs webhook deliveries; to check them, use Options → Verification.",
				name: 'deliveryNotice',
				type: 'notice',
				default: '',
			},
			fieldProperty(workspaceField),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['tracker.started', 'tracker.stopped'],
				options: EVENTS,
			},
			{
				displayName: 'Other Event Names',
				name: 'otherEvents',
				type: 'string',
				default: '',
				placeholder: 'e.g. task.created',
				description:
					'Comma-separated event names to subscribe to beyond the documented list (the docs say the list is not closed)',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Signature Header',
						name: 'signatureHeader',
						type: 'string',
						default: '',
						placeholder: 'X-Webwork-Signature',
						description:
							'Header that carries the token or signature (default: X-Webwork-Token for Token, X-Webwork-Signature for HMAC)',
					},
					{
						displayName: 'Verification',
						name: 'verification',
						type: 'options',
						default: 'none',
						options: [
							{
								name: 'HMAC-SHA256 of Body',
								value: 'hmacSha256',
								description: "Header holds the hex HMAC-SHA256 of the raw body keyed with the webhook's token",
							},
							{ name: 'None', value: 'none', description: 'Accept every delivery to the (secret) webhook URL' },
							{ name: 'Token Header', value: 'token', description: "Header holds the webhook's token itself" },
						],
						description: 'How deliveries prove they come from WebWork (undocumented upstream: pick what your account sends)',
					},
				],
			},
		],
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			/**
			 * True only when exactly one remote webhook is registered for this URL, with exactly this event
			 * set. Extra registrations for the URL answer false so `create` merges them. Never deletes.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const hooks = await ourRemoteWebhooks(this, workspaceOf(this), url);
				if (hooks.length !== 1 || !sameEvents(hooks[0].events, selectedEvents(this))) return false;
				remember(this, hooks[0]);
				return true;
			},
			/** Registers our URL, or updates our existing registration when only the events changed. */
			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const workspaceId = workspaceOf(this);
				const events = selectedEvents(this);
				if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event');
				const [existing, ...duplicates] = await ourRemoteWebhooks(this, workspaceId, url);
				// Earlier duplicates for this exact URL are ours and would deliver twice.
				for (const duplicate of duplicates) await deleteRemote(this, workspaceId, duplicate.id);
				if (existing) {
					await apiRequest.call(this, webWorkProfile, {
						method: 'PUT',
						path: `/webhooks/${encodeURIComponent(existing.id)}`,
						body: { workspace_id: Number(workspaceId), url, events },
					});
					remember(this, existing);
					return true;
				}
				const { body } = await apiRequest.call(this, webWorkProfile, {
					method: 'POST',
					path: '/webhooks',
					body: { workspace_id: Number(workspaceId), url, events },
				});
				const created = webWorkData(body) as RemoteWebhook | undefined;
				if (!created?.id) {
					throw new NodeApiError(this.getNode(), (body ?? {}) as JsonObject, {
						message: 'WebWork did not return an ID for the new webhook',
					});
				}
				remember(this, created);
				return true;
			},
			/** Removes our registration; one that is already gone counts as removed. */
			async delete(this: IHookFunctions): Promise<boolean> {
				const stored = this.getWorkflowStaticData('node') as StoredWebhook;
				const workspaceId = workspaceOf(this);
				const url = this.getNodeWebhookUrl('default') as string;
				let ids: string[];
				try {
					// Static data can be missing or stale (import, restore): only what is registered for our
					// exact URL is ours, so a stale stored id can never delete another workflow's webhook.
					ids = (await ourRemoteWebhooks(this, workspaceId, url)).map((hook) => hook.id);
				} catch (error) {
					this.logger.warn(`WebWork Trigger could not list webhooks, deleting the stored one only: ${(error as Error).message}`);
					ids = stored.webhookId ? [stored.webhookId] : [];
				}
				let allGone = true;
				for (const id of ids) allGone = (await deleteRemote(this, workspaceId, id)) && allGone;
				if (!allGone) return false;
				delete stored.webhookId;
				delete stored.webhookToken;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const scheme = (options.verification as SignatureScheme | undefined) ?? 'none';
		const request = this.getRequestObject();
		if (scheme !== 'none') {
			const headerName = String(
				options.signatureHeader || (scheme === 'token' ? 'X-Webwork-Token' : 'X-Webwork-Signature'),
			).toLowerCase();
			const headerValue = this.getHeaderData()[headerName] as string | undefined;
			const raw = (request as { rawBody?: Buffer }).rawBody ?? Buffer.from(JSON.stringify(this.getBodyData()));
			const { webhookToken } = this.getWorkflowStaticData('node') as StoredWebhook;
			const check = verifySignature(scheme, webhookToken, headerValue, raw);
			if (!check.valid) {
				this.getResponseObject().status(401).json({ message: `Unauthorized: ${check.reason}` }).end();
				return { noWebhookResponse: true };
			}
		}
		const body = this.getBodyData() as unknown;
		const deliveries = (Array.isArray(body) ? body : [body]) as IDataObject[];
		// A delivery is an object or an array of objects; anything else is refused (400) and starts nothing.
		if (!deliveries.length || !deliveries.every(isJsonObject)) {
			this.getResponseObject()
				.status(400)
				.json({ message: 'Bad request: expected a JSON object or an array of objects' })
				.end();
			return { noWebhookResponse: true };
		}
		const wanted = new Set(selectedEvents(this));
		const items = deliveries
			.filter((delivery) => wanted.has(String(delivery.event)))
			.map((delivery) => ({
				json: {
					event: delivery.event,
					workspace_id: delivery.workspace_id,
					timestamp: delivery.timestamp ?? new Date().toISOString(),
					data: delivery.data ?? {},
				} as IDataObject,
			}));
		// Events not selected are acknowledged (200) and start nothing.
		if (!items.length) return { webhookResponse: { received: true, ignored: deliveries.length } };
		return { workflowData: [items] };
	}
}
