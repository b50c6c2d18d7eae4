/**
 * The plug-in rule: nodes/shared is provider-agnostic. Providers import from shared, never the other
 * way round, and shared source names no provider (a provider's name, paths, envelope or quirks belong
 * in its own folder: profile.ts, locators.ts, resources/).
 */
const fs = require('fs');
const path = require('path');

const NODES = path.join(__dirname, '..', '..', 'nodes');
const SHARED = path.join(NODES, 'shared');
const PROVIDER_NAMES = /webwork|weworked|team\s*work|worksible/i;

function sourceFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.(ts|js|json)$/.test(entry.name) ? [full] : [];
	});
}

/** Every module specifier in a file: import/export … from '…', import('…'), require('…'). */
function specifiers(text) {
	const found = [];
	const patterns = [/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
	for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]);
	return found;
}

const files = sourceFiles(SHARED);

test('nodes/shared has source files to check', () => {
	expect(files.length).toBeGreaterThan(5);
});

test('no file in nodes/shared imports from outside nodes/shared (a provider folder or any sibling)', () => {
	const offenders = [];
	for (const file of files) {
		for (const specifier of specifiers(fs.readFileSync(file, 'utf8'))) {
			if (!specifier.startsWith('.')) continue; // packages (n8n-workflow, crypto, …)
			const target = path.resolve(path.dirname(file), specifier);
			if (target !== SHARED && !target.startsWith(SHARED + path.sep)) {
				offenders.push(`${path.relative(NODES, file)} imports "${specifier}"`);
			}
		}
	}
	expect(offenders).toEqual([]);
});

test('no provider name appears in nodes/shared source (case-insensitive)', () => {
	const offenders = [];
	for (const file of files) {
		fs.readFileSync(file, 'utf8')
			.split('\n')
			.forEach((line, index) => {
				if (PROVIDER_NAMES.test(line)) offenders.push(`${path.relative(NODES, file)}:${index + 1}: ${line.trim()}`);
			});
	}
	expect(offenders).toEqual([]);
});

test('the checks catch what they should (self-test)', () => {
	expect(specifiers("import { x } from '../WebWork/profile';\nimport type { Y } from './types';\nconst z = require('../Worksible/z');")).toEqual([
		'../WebWork/profile',
		'./types',
		'../Worksible/z',
	]);
	for (const name of ['WebWork', 'weworked', 'TeamWorkLive', 'teamwork live', 'WORKSIBLE']) expect(PROVIDER_NAMES.test(name)).toBe(true);
	for (const name of ['work', 'network', 'team', 'worksheet']) expect(PROVIDER_NAMES.test(name)).toBe(false);
});
