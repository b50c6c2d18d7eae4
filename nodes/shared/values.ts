import type { IDataObject } from 'n8n-workflow';

import type { FieldSpec, LocatorSpec } from './types';

/** Thrown for a value that cannot be sent; the router turns it into a NodeOperationError naming item and field. */
export class FieldValueError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
	}
}

/** A whole date or date-time text: nothing may trail it (a typo must not be cut off silently). */
const ISO_DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/i;
const DIGITS = /^\d+$/;
const SIGNED_DIGITS = /^-?\d+$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The parameter's display name as the user sees it in the node (a picker is named after what it picks). */
export function fieldLabel(field: FieldSpec): string {
	if (field.displayName) return field.displayName;
	const label = humanize(field.name);
	return field.locator ? label.replace(/ ID$/, '') : label;
}

/** IDs are matched as digit strings and never go through Number() (a 20-digit ID would lose digits). */
export function isIdField(field: FieldSpec): boolean {
	return /(_id|Id|^id)$/.test(field.name);
}

/** The date part of an ISO text if the whole text is a valid date or date-time on the calendar. */
function calendarDate(text: string): string | undefined {
	const match = ISO_DATE_TEXT.exec(text);
	if (!match) return undefined;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
	return text.slice(0, 10);
}

export function humanize(apiName: string): string {
	return apiName
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.replace(/_/g, ' ')
		.split(' ')
		.filter(Boolean)
		.map((word) => (word.toLowerCase() === 'id' ? 'ID' : word[0].toUpperCase() + word.slice(1)))
		.join(' ');
}

export function camelCase(apiName: string): string {
	return apiName.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		value === '' ||
		(Array.isArray(value) && value.length === 0)
	);
}

/** n8n hands dates over as ISO strings or, from expressions, as Luxon DateTime / JS Date objects. */
function toDate(value: unknown): Date | undefined {
	if (value instanceof Date) return value;
	if (typeof value === 'object' && value !== null && 'toJSDate' in value) {
		return (value as { toJSDate: () => Date }).toJSDate();
	}
	if (typeof value === 'string' || typeof value === 'number') {
		const parsed = new Date(value);
		return Number.isNaN(parsed.getTime()) ? undefined : parsed;
	}
	return undefined;
}

const ZONE_SUFFIX = /(Z|[+-]\d{2}:?\d{2})$/i;

/** The wall-clock parts of an instant in a time zone. */
function wallClock(time: number, timeZone: string): { date: string; time: string; asUtc: number } {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		})
			.formatToParts(new Date(time))
			.map((part) => [part.type, part.value]),
	);
	const date = `${parts.year}-${parts.month}-${parts.day}`;
	const clock = `${parts.hour}:${parts.minute}:${parts.second}`;
	return { date, time: clock, asUtc: Date.parse(`${date}T${clock}Z`) };
}

/** "+01:00" for a zone's offset at the given wall-clock time (the picker's zone-less value). */
function offsetAt(localIso: string, timeZone: string): string {
	const local = Date.parse(`${localIso.slice(0, 19)}Z`);
	let offset = wallClock(local, timeZone).asUtc - local;
	offset = wallClock(local - offset, timeZone).asUtc - (local - offset); // settle across DST changes
	const minutes = Math.round(offset / 60000);
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function toDateOnly(value: unknown, timeZone: string): string | undefined {
	// Keep the calendar day the user picked: the picker's "2024-01-15T00:00:00" has no zone.
	if (typeof value === 'string') return calendarDate(value.trim());
	if (typeof value === 'object' && value !== null && 'toISODate' in value) {
		return (value as { toISODate: () => string }).toISODate();
	}
	// A JS Date or timestamp is an instant: its day is the day in the workflow's time zone.
	const date = toDate(value);
	return date ? wallClock(date.getTime(), timeZone).date : undefined;
}

function toDateTime(value: unknown, timeZone: string): string | undefined {
	if (typeof value === 'string') {
		const text = value.trim();
		if (!calendarDate(text) || !toDate(text.replace(' ', 'T'))) return undefined;
		// A zone-less value (the date-time picker's) is wall-clock time in the workflow's time zone.
		if (ZONE_SUFFIX.test(text) || !/T\d{2}:\d{2}/.test(text)) return text;
		const local = /T\d{2}:\d{2}:\d{2}/.test(text) ? text.slice(0, 19) : `${text.slice(0, 16)}:00`;
		return `${local}${offsetAt(local, timeZone)}`;
	}
	if (typeof value === 'object' && value !== null && 'toISO' in value) {
		return (value as { toISO: () => string }).toISO();
	}
	return toDate(value)?.toISOString();
}

function splitList(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	return String(value)
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
}

/** A whole number written as digits only: no blanks, hex, exponents or fractions; beyond 2^53 it is refused. */
function toInteger(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
	const text = String(value).trim();
	if (!SIGNED_DIGITS.test(text)) return undefined;
	const number = Number(text);
	return Number.isSafeInteger(number) ? number : undefined;
}

/**
 * An ID: digits only, kept as text so no digit is lost. In a JSON body a safe integer is sent as a number
 * (the type the APIs document); a longer one stays text rather than being rounded.
 */
function toId(value: unknown, location: FieldSpec['in']): string | number | undefined {
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : String(value).trim();
	if (!DIGITS.test(text)) return undefined;
	if (location !== 'body') return text;
	const number = Number(text);
	return Number.isSafeInteger(number) ? number : text;
}

const locatorIdPatterns = new WeakMap<LocatorSpec, RegExp>();

/** The ID when it matches the locator's pattern (compiled once per locator, not per item). */
function checkedLocatorId(locator: LocatorSpec, text: string): string | undefined {
	let pattern = locatorIdPatterns.get(locator);
	if (!pattern) {
		pattern = new RegExp(`^(?:${locator.idPattern})$`);
		locatorIdPatterns.set(locator, pattern);
	}
	return pattern.test(text) ? text : undefined;
}

/**
 * Converts one parameter value into what the API expects, or returns undefined when it is empty.
 * Throws FieldValueError with a message that names the field and the offending value.
 */
export function convertValue(field: FieldSpec, value: unknown, timeZone = 'UTC'): unknown {
	if (isEmpty(value)) return undefined;
	const label = fieldLabel(field);
	const fail = (expected: string): never => {
		throw new FieldValueError(
			label,
			`"${label}" must be ${expected}, got ${JSON.stringify(value)}`,
		);
	};
	// A picked or typed record ID must look like the provider's IDs (an integer field checks any value).
	const locatorId =
		field.locator && (field.kind === 'integer' || typeof value !== 'object')
			? (checkedLocatorId(field.locator, String(value).trim()) ?? fail(`a ${field.locator.label.toLowerCase()} ID`))
			: undefined;
	switch (field.kind) {
		case 'integer':
			if (locatorId !== undefined && !DIGITS.test(locatorId)) return locatorId;
			return isIdField(field) || field.locator
				? (toId(value, field.in) ?? fail('an ID made of digits'))
				: (toInteger(value) ?? fail('a whole number'));
		case 'number': {
			const number = typeof value === 'number' ? value : Number(value);
			return Number.isFinite(number) ? number : fail('a number');
		}
		case 'boolean':
			return value === true || value === 'true';
		case 'date':
			return toDateOnly(value, timeZone) ?? fail('a date (YYYY-MM-DD)');
		case 'dateTime':
			return toDateTime(value, timeZone) ?? fail('a date and time (ISO 8601)');
		case 'time':
			return CLOCK_TIME.test(String(value).trim()) ? String(value).trim() : fail('a time (HH:mm)');
		case 'integerList':
			return splitList(value).map(
				(part) => toId(part, field.in) ?? fail('a comma-separated list of IDs made of digits'),
			);
		case 'stringList':
		case 'multiOptions':
			return splitList(value).map(String);
		case 'json':
			if (typeof value !== 'string') return value;
			try {
				return JSON.parse(value) as unknown;
			} catch {
				return fail('valid JSON');
			}
		default:
			return locatorId ?? value;
	}
}

/**
 * Substitutes `{name}` placeholders with exactly one path segment each. A missing, blank, `.` or `..` value
 * is an error naming the field: URL normalisation would turn those into another endpoint.
 */
export function fillPath(path: string, values: IDataObject, labels: Record<string, string> = {}): string {
	return path.replace(/\{(\w+)\}/g, (_, name: string) => {
		const label = labels[name] ?? humanize(name);
		const value = values[name];
		const text = isEmpty(value) ? '' : String(value).trim();
		if (!text) throw new FieldValueError(label, `"${label}" is required`);
		if (text === '.' || text === '..') {
			throw new FieldValueError(label, `"${label}" cannot be "${text}": it would address another endpoint`);
		}
		return encodeURIComponent(text);
	});
}
