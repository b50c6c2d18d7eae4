import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CUSTOM_API_CALL, customApiCallProperties } from './customApiCall';
import type { Paging } from './pagination';
import { fetchPages, PageShapeError } from './pagination';
import { buildResourceProperties, locationOptionName, optionalFieldsCollection, parameterName } from './properties';
import type { RouteOverrides } from './routes';
import { toRecord } from './responses';
import { routeOverridesOf } from './routes';
import type { ApiProfile, ApiRequest } from './transport';
import { answeredBy, apiRequest } from './transport';
import type { FieldLocation, OperationSpec, ResourceSpec } from './types';
import { convertValue, fieldLabel, FieldValueError, fillPath } from './values';

/** Everything the shared router needs to run one provider's action node: the provider plug-in. */
export interface ActionNodeDefinition {
	profile: ApiProfile;
	/** How list operations with `pagination` walk pages; providers without paging leave it out. */
	paging?: Paging;
	resources: ResourceSpec[];
	/** The API wraps data in an envelope (success, data, meta) that users may want whole. */
	envelope: boolean;
	/** The records inside a success body (`data` of an envelope; bare APIs: the body). */
	data(body: unknown): unknown;
	/** A success body's human message, used when there is no data to output. */
	message(body: unknown): string | undefined;
	/**
	 * The records of a list answer (list operations without provider paging), or undefined when the body
	 * is not a list: the item then fails instead of outputting the body as one record.
	 */
	listRecords?(body: unknown): unknown[] | undefined;
	/** Reshapes a response into flat, typed records when the user keeps "Simplify" on. */
	simplify?(data: unknown, operation: OperationSpec): IDataObject[];
}

/** The node's Resource / Operation dropdowns and fields, including Custom API Call. */
export function actionNodeProperties(definition: ActionNodeDefinition): INodeProperties[] {
	const features = {
		envelope: definition.envelope,
		simplify: Boolean(definition.simplify),
		idempotency: Boolean(definition.profile.idempotencyHeader),
	};
	const [resource, ...rest] = buildResourceProperties(definition.resources, features);
	const options = resource.options as Array<{ name: string; value: string }>;
	resource.options = [...options, { name: 'Custom API Request', value: CUSTOM_API_CALL.resource }].sort((a, b) =>
		a.name.localeCompare(b.name),
	);
	return [resource, ...customApiCallProperties(definition.profile.name, features), ...rest];
}

function findOperation(definition: ActionNodeDefinition, resource: string, operation: string) {
	return definition.resources
		.find((r) => r.value === resource)
		?.operations.find((o) => o.operation === operation);
}

function unwrapLocator(value: unknown): unknown {
	if (typeof value === 'object' && value !== null && '__rl' in value) return (value as unknown as { value: unknown }).value;
	return value;
}

/**
 * The key that makes a write safe to repeat: the user's, or one derived from execution, node and item, so
 * every retry of this item in this execution (the transport's, or n8n's Retry On Fail) sends the same one.
 */
function idempotencyKeyFor(context: IExecuteFunctions, options: IDataObject, itemIndex: number): string {
	const chosen = typeof options.idempotencyKey === 'string' ? options.idempotencyKey.trim() : '';
	if (chosen) return chosen;
	const hex = createHash('sha256')
		.update(`${context.getExecutionId()}:${context.getNode().id}:${context.getNode().name}:${itemIndex}`)
		.digest('hex');
	// Laid out as a version-4-style UUID, the form such APIs expect.
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Builds method, path, query and body for one item from the operation's fields. */
function buildRequest(
	context: IExecuteFunctions,
	resource: string,
	operation: OperationSpec,
	itemIndex: number,
	routes: RouteOverrides,
): ApiRequest {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const hasOptional = operation.fields.some((f) => !f.required);
	const optional = hasOptional
		? (context.getNodeParameter(optionalFieldsCollection(operation).name, itemIndex, {}) as IDataObject)
		: {};
	const values: Record<FieldLocation, IDataObject> = { path: {}, query: {}, body: {} };
	const merged: Record<FieldLocation, IDataObject> = { path: {}, query: {}, body: {} };
	const timeZone = context.getTimezone();
	for (const field of operation.fields) {
		const raw = field.required
			? context.getNodeParameter(parameterName(field), itemIndex, undefined, { extractValue: true })
			: optional[parameterName(field)];
		const placement = field.alternativeIn
			? ((options[locationOptionName(field)] as FieldLocation | 'both' | undefined) ?? field.in)
			: field.in;
		for (const location of placement === 'both' ? (['query', 'body'] as const) : [placement]) {
			// Converted for where it travels: IDs are text in paths and queries, numbers in JSON bodies.
			const value = convertValue({ ...field, in: location }, unwrapLocator(raw), timeZone);
			if (value === undefined) {
				if (field.required) throw new FieldValueError(fieldLabel(field), `"${fieldLabel(field)}" is required`);
				continue;
			}
			if (field.merge) {
				if (typeof value !== 'object' || value === null || Array.isArray(value)) {
					throw new FieldValueError(fieldLabel(field), `"${fieldLabel(field)}" must be a JSON object`);
				}
				Object.assign(merged[location], value);
			} else {
				values[location][field.name] = value as IDataObject[string];
			}
		}
	}
	for (const location of ['query', 'body'] as const) values[location] = { ...merged[location], ...values[location] };
	// The node's own override wins over the credential's route map, which wins over the default.
	const route = routes.get(`${resource}.${operation.operation}`);
	const method = (options.methodOverride as IHttpRequestMethods | undefined) ?? route?.method ?? operation.method;
	const labels = Object.fromEntries(operation.fields.map((field) => [field.name, fieldLabel(field)]));
	const path = fillPath((options.pathOverride as string | undefined) || route?.path || operation.path, values.path, labels);
	return {
		method,
		path,
		qs: values.query,
		body: Object.keys(values.body).length ? values.body : undefined,
		timeoutMs: timeoutOf(options),
		idempotencyKey: method === 'GET' ? undefined : idempotencyKeyFor(context, options, itemIndex),
	};
}

/** Options → Timeout (Seconds) as milliseconds; unset leaves the transport's default. */
function timeoutOf(options: IDataObject): number | undefined {
	return options.timeout ? Number(options.timeout) * 1000 : undefined;
}

function parseJsonParameter(context: IExecuteFunctions, name: string, itemIndex: number): IDataObject {
	const raw = context.getNodeParameter(name, itemIndex, {}) as unknown;
	if (typeof raw !== 'string') return (raw ?? {}) as IDataObject;
	if (!raw.trim()) return {};
	try {
		return JSON.parse(raw) as IDataObject;
	} catch {
		throw new NodeOperationError(
			context.getNode(),
			`"${name === 'query' ? 'Query Parameters' : 'Body'}" is not valid JSON`,
			{ itemIndex, description: `Check the "${name}" field of the node for this item.` },
		);
	}
}

function customRequest(context: IExecuteFunctions, itemIndex: number): ApiRequest {
	const method = context.getNodeParameter('method', itemIndex) as IHttpRequestMethods;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = method === 'GET' ? {} : parseJsonParameter(context, 'body', itemIndex);
	const path = String(context.getNodeParameter('path', itemIndex, '') ?? '').trim();
	if (!path) throw new FieldValueError('Path', '"Path" is required');
	return {
		method,
		path,
		qs: parseJsonParameter(context, 'query', itemIndex),
		body: Object.keys(body).length ? body : undefined,
		timeoutMs: timeoutOf(options),
		idempotencyKey: method === 'GET' ? undefined : idempotencyKeyFor(context, options, itemIndex),
	};
}

function toItems(records: unknown[]): IDataObject[] {
	return records.map(toRecord);
}

/** A success body as output records: its data, or a small confirmation when the API returns none. */
function outputOf(definition: ActionNodeDefinition, body: unknown, isList = false): IDataObject[] {
	const data = definition.data(body);
	if (Array.isArray(data)) return toItems(data);
	if (data === undefined || data === null) {
		// A list answered with "no data" (an API that sends an empty body for it) is an empty list.
		if (isList) return [];
		const message = definition.message(body);
		return [{ success: true, ...(message ? { message } : {}) }];
	}
	return toItems([data]);
}

async function runItem(
	context: IExecuteFunctions,
	definition: ActionNodeDefinition,
	itemIndex: number,
	routes: RouteOverrides,
): Promise<IDataObject[]> {
	const resource = context.getNodeParameter('resource', itemIndex) as string;
	const operationName = context.getNodeParameter('operation', itemIndex) as string;
	const includeEnvelope = Boolean(
		(context.getNodeParameter('options', itemIndex, {}) as IDataObject).includeEnvelope,
	);
	if (resource === CUSTOM_API_CALL.resource) {
		const { body } = await apiRequest.call(context, definition.profile, customRequest(context, itemIndex), itemIndex);
		return includeEnvelope ? toItems([body]) : outputOf(definition, body);
	}
	const operation = findOperation(definition, resource, operationName);
	if (!operation) {
		throw new NodeOperationError(context.getNode(), `Unknown operation "${resource}/${operationName}"`, {
			itemIndex,
		});
	}
	const request = buildRequest(context, resource, operation, itemIndex, routes);
	const listLimit = () =>
		context.getNodeParameter('returnAll', itemIndex, false)
			? undefined
			: (context.getNodeParameter('limit', itemIndex, 50) as number);
	if (operation.pagination && definition.paging) {
		const { records, bodies } = await fetchPages.call(
			context,
			definition.profile,
			definition.paging,
			request,
			{ limit: listLimit(), maxPerPage: operation.pagination.maxPerPage },
			itemIndex,
		);
		return includeEnvelope ? toItems(bodies) : toItems(records);
	}
	const { body } = await apiRequest.call(context, definition.profile, request, itemIndex);
	const isList = Boolean(operation.clientSideLimit || operation.pagination);
	if (isList && definition.listRecords && !definition.listRecords(body)) {
		throw new PageShapeError(`${answeredBy(definition.profile, request)} with a body that is not a list`);
	}
	// An API may answer "no data" with an empty body (a list's empty result, a write's confirmation), but a
	// read of one record without a body has not read anything.
	if (!isList && request.method === 'GET' && body === undefined) {
		throw new PageShapeError(`${answeredBy(definition.profile, request)} with an empty body instead of the record`);
	}
	const simplify = definition.simplify && context.getNodeParameter('simplify', itemIndex, true);
	const records = includeEnvelope
		? toItems([body])
		: simplify
			? definition.simplify!(definition.data(body), operation)
			: outputOf(definition, body, isList);
	const limit = operation.clientSideLimit ? listLimit() : undefined;
	return limit === undefined ? records : records.slice(0, limit);
}

/** Errors that name the item; field problems become NodeOperationErrors that also name the field. */
function itemError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof PageShapeError) {
		return new NodeOperationError(context.getNode(), `${error.message} (item ${itemIndex})`, {
			itemIndex,
			description: `Nothing was output for this item: the answer does not have the documented shape (a list page, or the record asked for).${error.hint ? ` ${error.hint}` : ''}`,
		});
	}
	if (error instanceof FieldValueError) {
		return new NodeOperationError(context.getNode(), `${error.message} (item ${itemIndex})`, {
			itemIndex,
			description: `Check the "${error.field}" field of the node for this item.`,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (!error.message.includes(`(item ${itemIndex})`)) error.message = `${error.message} (item ${itemIndex})`;
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** The shared execute(): one request (or page walk) per input item, paired items, Continue On Fail. */
export async function executeActionNode(
	this: IExecuteFunctions,
	definition: ActionNodeDefinition,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	let routes: RouteOverrides | undefined;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			// The credential's route map, read once per execution (it is the same for every item).
			routes ??= await routeOverridesOf(this, definition.profile, definition.resources);
			const records = await runItem(this, definition, itemIndex, routes);
			for (const json of records) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = itemError(this, error, itemIndex);
			if (this.continueOnFail()) {
				const httpCode = (nodeError as NodeApiError).httpCode;
				// n8n's "Continue (using error output)" routes by an `error` on the item (our json has more
				// than `error`); it then keeps only the message in json, so only that mode gets it.
				output.push({
					...(this.getNode().onError === 'continueErrorOutput' ? { error: nodeError } : {}),
					json: {
						error: nodeError.message,
						...(nodeError.description ? { description: nodeError.description } : {}),
						...(httpCode ? { httpCode } : {}),
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			throw nodeError;
		}
	}
	return [output];
}
