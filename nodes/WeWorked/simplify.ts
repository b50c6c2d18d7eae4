import type { IDataObject } from 'n8n-workflow';

/** Group keys the API uses instead of a status field (projects: Active/Archived/Leave; users: Active/Pending/Disabled). */
const GROUP_KEYS = new Set(['Active', 'Archived', 'Leave', 'Pending', 'Disabled']);

/** The project list's PascalCase names → the detail's names, so both read the same after Simplify. */
const FIELD_ALIASES: Record<string, string> = {
	BudgetCost: 'budgetedCost',
	BudgetHours: 'budgetedHours',
	InvoiceMethodId: 'invoiceMethod',
	IsSysProject: 'isSystemProject',
	VATNumber: 'vatNumber',
	receiptURL: 'receiptUrl',
};

/**
 * Only ids and money/time amounts become numbers; names, notes, codes and contact data stay text even
 * when they look numeric (a project called "2024", a zip code, an internal id "007").
 */
const NUMERIC_FIELDS = /(^id|[a-z]Id|rate|cost|hours|amount|total|quantity|price|tax|discount)$/i;
const TEXT_FIELDS = new Set(['internalId']);
const FLAG_FIELDS = /^(is[A-Z]\w*|billable|trackLeave)$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

function fieldName(name: string): string {
	return FIELD_ALIASES[name] ?? name.charAt(0).toLowerCase() + name.slice(1);
}

/** WeWorked sends nearly every scalar as a string: "1"/"0" flags become booleans, amounts and ids numbers. */
function normalize(value: unknown, field = ''): unknown {
	if (Array.isArray(value)) return value.map((entry) => normalize(entry));
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => {
				const name = fieldName(key);
				return [name, normalize(entry, name)];
			}),
		);
	}
	if (typeof value !== 'string') return value;
	if (FLAG_FIELDS.test(field) && (value === '0' || value === '1')) return value === '1';
	if (NUMERIC_FIELDS.test(field) && !TEXT_FIELDS.has(field) && NUMBER.test(value)) return Number(value);
	return value;
}

function isGroupContainer(value: unknown): value is Record<string, unknown[]> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const keys = Object.keys(value);
	return keys.length > 0 && keys.every((key) => GROUP_KEYS.has(key) && Array.isArray((value as IDataObject)[key]));
}

/**
 * Whether a body is a list answer as WeWorked documents them: an array, or a group container
 * (`{Active: [...]}`, also wrapped in an array). Any other object is not a list (e.g. a message sent with 200).
 */
export function isListAnswer(data: unknown): boolean {
	return Array.isArray(data) || isGroupContainer(data);
}

/** Records of a response, with the group each came from; grouped lists come as `[ {Active: [...]} ]` or `{Active: [...]}`. */
export function recordsOf(data: unknown): Array<{ record: IDataObject; group?: string }> {
	const container = Array.isArray(data) && data.length === 1 && isGroupContainer(data[0]) ? data[0] : data;
	if (isGroupContainer(container)) {
		return Object.entries(container).flatMap(([group, records]) =>
			(records as IDataObject[]).map((record) => ({ record, group })),
		);
	}
	if (Array.isArray(data)) return (data as IDataObject[]).map((record) => ({ record }));
	return typeof data === 'object' && data !== null ? [{ record: data as IDataObject }] : [];
}

/** One flat item per record: camelCase names, typed values, and `status` = the group it was listed under. */
export function simplifyRecord(record: IDataObject, group?: string): IDataObject {
	const simplified = normalize(record) as IDataObject;
	return group ? { ...simplified, status: group } : simplified;
}

export function simplifyWeWorked(data: unknown): IDataObject[] {
	return recordsOf(data).map(({ record, group }) => simplifyRecord(record, group));
}
