import type { IDataObject } from 'n8n-workflow';

/** Markup and entities removed and whitespace collapsed, cut to `max` characters: an HTML page as one line. */
export function readableText(text: string, max: number): string {
	const plain = text
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<!--[\s\S]*?-->/g, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/&nbsp;/gi, ' ')
		.replace(/&amp;/gi, '&')
		.replace(/&lt;/gi, '<')
		.replace(/&gt;/gi, '>')
		.replace(/&quot;/gi, '"')
		.replace(/&#39;/gi, "'")
		.replace(/\s+/g, ' ')
		.trim();
	return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

/** One record as an n8n item's JSON: objects as they are, anything else under `value`. */
export function toRecord(value: unknown): IDataObject {
	return isJsonObject(value) ? (value as IDataObject) : { value: value as IDataObject[string] };
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
