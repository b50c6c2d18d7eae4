import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { FieldSpec, LocatorSpec, OperationSpec, OptionalFieldsName, ResourceSpec } from './types';
import { idempotencyKeyOption } from './customApiCall';
import { camelCase, fieldLabel, humanize, isIdField } from './values';

/** Node-level switches that add the same parameter to every operation. */
export interface OperationFeatures {
	/** The API wraps data in an envelope worth exposing; adds "Include Response Envelope". */
	envelope: boolean;
	/** The node can reshape awkward responses; adds "Simplify" (on by default). */
	simplify: boolean;
	/** The API deduplicates writes by key; adds "Idempotency Key" to writes. */
	idempotency: boolean;
}

const OPTIONAL_FIELDS_LABELS: Record<OptionalFieldsName, string> = {
	filters: 'Filters',
	updateFields: 'Update Fields',
	additionalFields: 'Additional Fields',
};

/**
 * The n8n parameter that holds an operation's optional fields. Named after what the operation is, never
 * after its HTTP method: correcting an inferred method must not rename (and so empty) users' saved values.
 */
export function optionalFieldsCollection(operation: OperationSpec): { name: OptionalFieldsName; displayName: string } {
	const name: OptionalFieldsName =
		operation.optionalFields ??
		(/^get/.test(operation.operation) ? 'filters' : /^update/.test(operation.operation) ? 'updateFields' : 'additionalFields');
	return { name, displayName: OPTIONAL_FIELDS_LABELS[name] };
}

export function parameterName(field: FieldSpec): string {
	return camelCase(field.name);
}

export function locationOptionName(field: FieldSpec): string {
	return `${parameterName(field)}Location`;
}

function locatorProperty(locator: LocatorSpec): Partial<INodeProperties> {
	const label = locator.label;
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${label.toLowerCase()}...`,
				typeOptions: { searchListMethod: locator.searchMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${locator.idExample}`,
				validation: [
					{
						type: 'regex',
						properties: { regex: `^\\s*(${locator.idPattern})\\s*$`, errorMessage: `Not a valid ${label.toLowerCase()} ID` },
					},
				],
			},
		],
	};
}

/** The n8n editor shape of one field (type, default, options, hints). */
export function fieldProperty(field: FieldSpec): INodeProperties {
	const base = {
		displayName: fieldLabel(field),
		name: parameterName(field),
		description: field.description,
		required: field.required || undefined,
	};
	if (field.locator) return { ...base, ...locatorProperty(field.locator) } as INodeProperties;
	switch (field.kind) {
		case 'integer':
			// IDs are typed as text so an empty required ID is caught instead of silently sending 0.
			return isIdField(field)
				? { ...base, type: 'string', default: '' }
				: { ...base, type: 'number', default: field.default ?? 0, typeOptions: { numberPrecision: 0 } };
		case 'number':
			return { ...base, type: 'number', default: field.default ?? 0 };
		case 'boolean':
			return { ...base, type: 'boolean', default: field.default ?? false };
		case 'options':
			return {
				...base,
				type: 'options',
				options: sortOptions(field.options ?? []),
				default: field.default ?? field.options?.[0]?.value ?? '',
			};
		case 'multiOptions':
			return { ...base, type: 'multiOptions', options: sortOptions(field.options ?? []), default: [] };
		case 'date':
			return { ...base, type: 'dateTime', default: '', description: field.description ?? 'Sent as YYYY-MM-DD' };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '', description: field.description ?? 'Sent as ISO 8601' };
		case 'time':
			return { ...base, type: 'string', default: '', placeholder: 'HH:mm' };
		case 'integerList':
		case 'stringList':
			return {
				...base,
				type: 'string',
				default: '',
				placeholder: field.kind === 'integerList' ? 'e.g. 12, 15' : 'e.g. a, b',
				description: field.description ?? 'Comma-separated list',
			};
		case 'json':
			return { ...base, type: 'json', default: '{}' };
		default:
			return { ...base, type: 'string', default: field.default ?? '' };
	}
}

function sortOptions(options: Array<{ name: string; value: string | number }>): INodePropertyOptions[] {
	return [...options].sort((a, b) => a.name.localeCompare(b.name));
}

function show(resource: string, operation: string) {
	return { show: { resource: [resource], operation: [operation] } };
}

function evidenceNotice(resource: ResourceSpec, operation: OperationSpec): INodeProperties | undefined {
	const text =
		operation.evidence === 'inferredPath'
			? `The provider does not document this endpoint. The node sends ${operation.method} ${operation.path}, like similar endpoints; if your account rejects it, set Options → Method Override and Path Override.`
			: operation.evidence === 'inferred'
				? `Not fully documented by the provider: ${operation.note ?? 'some parameters follow similar endpoints.'}`
				: operation.note;
	if (!text) return undefined;
	return {
		displayName: text,
		name: 'evidenceNotice',
		type: 'notice',
		default: '',
		displayOptions: show(resource.value, operation.operation),
	};
}

function optionsCollection(resource: ResourceSpec, operation: OperationSpec, features: OperationFeatures): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 1 },
			description: 'How long to wait for one response before giving up (idempotent requests are retried)',
		},
	];
	if (features.idempotency && operation.method !== 'GET') options.push(idempotencyKeyOption);
	if (features.envelope) {
		options.push({
			displayName: 'Include Response Envelope',
			name: 'includeEnvelope',
			type: 'boolean',
			default: false,
			description: 'Whether to output the whole response (success, message, meta) instead of only its data',
		});
	}
	for (const field of operation.fields.filter((f) => f.alternativeIn)) {
		const documentedLocation = field.in;
		options.push({
			displayName: `Send ${humanize(field.name)} In`,
			name: locationOptionName(field),
			type: 'options',
			default: documentedLocation,
			options: [
				{ name: 'Both', value: 'both' },
				{ name: field.in === 'query' ? 'Query (Current Docs)' : 'Query (Older Docs)', value: 'query' },
				{ name: field.in === 'body' ? 'Body (Current Docs)' : 'Body (Older Docs)', value: 'body' },
			],
			description:
				"The provider's two doc versions disagree on where this field goes; the default follows the current docs",
		});
	}
	if (operation.evidence === 'inferredPath') {
		const { method: inferredMethod, path: inferredPath } = operation;
		options.push(
			{
				displayName: 'Method Override',
				name: 'methodOverride',
				type: 'options',
				default: inferredMethod,
				options: ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((m) => ({ name: m, value: m })),
				description: 'HTTP method to use instead of the inferred one',
			},
			{
				displayName: 'Path Override',
				name: 'pathOverride',
				type: 'string',
				default: inferredPath,
				description: 'Path (after the base URL) to call instead of the inferred one; {placeholders} are filled from the fields',
			},
		);
	}
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: show(resource.value, operation.operation),
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

function operationProperties(
	resource: ResourceSpec,
	operation: OperationSpec,
	features: OperationFeatures,
): INodeProperties[] {
	const properties: INodeProperties[] = [];
	const notice = evidenceNotice(resource, operation);
	if (notice) properties.push(notice);
	for (const field of operation.fields.filter((f) => f.required)) {
		properties.push({ ...fieldProperty(field), displayOptions: show(resource.value, operation.operation) });
	}
	if (operation.pagination || operation.clientSideLimit) {
		properties.push(
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
				displayOptions: show(resource.value, operation.operation),
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				default: 50,
				typeOptions: { minValue: 1 },
				description: 'Max number of results to return',
				displayOptions: {
					show: { resource: [resource.value], operation: [operation.operation], returnAll: [false] },
				},
			},
		);
	}
	if (features.simplify) {
		properties.push({
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description:
				'Whether to return one flat item per record with normalised field names, numbers and booleans instead of the raw response',
			displayOptions: show(resource.value, operation.operation),
		});
	}
	const optional = operation.fields.filter((f) => !f.required);
	if (optional.length) {
		const collection = optionalFieldsCollection(operation);
		properties.push({
			...collection,
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			displayOptions: show(resource.value, operation.operation),
			options: optional
				.map(fieldProperty)
				.map(({ required: _required, ...property }) => property as INodeProperties)
				.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		});
	}
	properties.push(optionsCollection(resource, operation, features));
	return properties;
}

/** Resource dropdown, one operation dropdown per resource, and every operation's fields. */
export function buildResourceProperties(resources: ResourceSpec[], features: OperationFeatures): INodeProperties[] {
	const sorted = [...resources].sort((a, b) => a.name.localeCompare(b.name));
	const firstResource = sorted[0].value;
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: sorted.map((r) => ({ name: r.name, value: r.value, description: r.description })),
			default: firstResource,
		},
	];
	for (const resource of sorted) {
		const operations = [...resource.operations].sort((a, b) => a.name.localeCompare(b.name));
		const firstOperation = operations[0].operation;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: operations.map((op) => ({
				name: op.name,
				value: op.operation,
				action: op.action,
				description: op.evidence === 'inferredPath' ? `${op.description} (inferred endpoint)` : op.description,
			})),
			default: firstOperation,
		});
	}
	for (const resource of sorted) {
		for (const operation of resource.operations) properties.push(...operationProperties(resource, operation, features));
	}
	return properties;
}
