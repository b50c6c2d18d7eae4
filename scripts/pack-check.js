#!/usr/bin/env node
// Checks the tarball `npm publish` would upload, the way n8n and @n8n/scan-community-package see it.
// Run through `npm run pack:check` (builds first). Prints one PASS/FAIL line per check; exit 1 on any FAIL.
//
//  1. `npm pack --json` into a temp dir, extract with the `tar` CLI.
//  2. package.json: no runtime dependencies, peerDependencies exactly { "n8n-workflow": "*" },
//     no install-time lifecycle scripts.
//  3. Every n8n.nodes / n8n.credentials file ships, loads, and exports the class n8n looks for;
//     every `file:` icon it references exists relative to that file; nodes ship their codex JSON.
//  4. Every shipped .js is linted (ESLint, inline config disabled) with the community plugin's
//     no-restricted-imports / no-restricted-globals — as @n8n/scan-community-package does — plus a
//     local rule with the exact module allowlist (the plugin also allows @n8n/ai-node-sdk and any
//     devDependency; we want neither).
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

const ALLOWED_MODULES = ['n8n-workflow', 'lodash', 'moment', 'p-limit', 'luxon', 'zod', 'crypto', 'node:crypto'];
const RESTRICTED_GLOBALS = [
	'process',
	'global',
	'globalThis',
	'setTimeout',
	'clearTimeout',
	'setInterval',
	'clearInterval',
	'setImmediate',
	'clearImmediate',
	'__dirname',
	'__filename',
];
// npm runs these on `npm install` of the package (or of a git dependency); n8n forbids them.
const FORBIDDEN_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];
// npm always packs these from the package root, whatever `files` says.
const ALWAYS_SHIPPED = /^(package\.json|readme(\.[^/]*)?|licen[cs]e(\.[^/]*)?|changelog(\.[^/]*)?|notice(\.[^/]*)?)$/i;

let failures = 0;
function report(ok, label, details = []) {
	if (!ok) failures++;
	console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
	if (!ok) for (const line of details) console.log(`        ${line}`);
}

function run(cmd, args, options) {
	const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
	if (result.error) throw result.error;
	if (result.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} exited ${result.status}\n${result.stderr || result.stdout}`);
	}
	return result.stdout;
}

function listFiles(dir, base = dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return listFiles(full, base);
		return [path.relative(base, full).split(path.sep).join('/')];
	});
}

const isInside = (parent, child) => child === parent || child.startsWith(parent + path.sep);

function packAndExtract(tmp) {
	const out = run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT });
	// npm prints the JSON array on stdout; anything before it (e.g. a lifecycle script's output) is skipped.
	const [info] = JSON.parse(out.slice(out.indexOf('[')));
	const tarball = path.join(tmp, info.filename);
	const extractDir = path.join(tmp, 'extract');
	fs.mkdirSync(extractDir);
	run('tar', ['-xzf', tarball, '-C', extractDir]);
	return { info, pkgDir: path.join(extractDir, 'package') };
}

function checkManifest(pkg) {
	const deps = ['dependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies'].flatMap(
		(field) => {
			const value = pkg[field];
			const names = Array.isArray(value) ? value : Object.keys(value ?? {});
			return names.map((name) => `${field}: ${name}`);
		},
	);
	report(deps.length === 0, 'package.json has no runtime dependencies', deps);

	const peers = pkg.peerDependencies ?? {};
	const peersOk = Object.keys(peers).length === 1 && peers['n8n-workflow'] === '*';
	report(peersOk, 'package.json peerDependencies is exactly { "n8n-workflow": "*" }', [
		`found ${JSON.stringify(peers)}`,
	]);

	const scripts = Object.keys(pkg.scripts ?? {}).filter((name) => FORBIDDEN_SCRIPTS.includes(name));
	report(
		scripts.length === 0,
		`package.json has no install lifecycle scripts (${FORBIDDEN_SCRIPTS.join(', ')})`,
		scripts.map((name) => `scripts.${name}: ${pkg.scripts[name]}`),
	);
}

function checkShippedFiles(pkg, files) {
	// npm also always packs the `main` file (our fixed layout's empty index.js).
	const main = pkg.main ? path.posix.normalize(pkg.main) : undefined;
	const unexpected = files.filter((file) => !file.startsWith('dist/') && !ALWAYS_SHIPPED.test(file) && file !== main);
	report(
		unexpected.length === 0,
		`tarball ships only dist/, main and package metadata (${files.length} files)`,
		unexpected,
	);
	const stray = files.filter((file) => /^dist\/(test|scripts)\//.test(file) || /\.test\.js$/.test(file));
	report(stray.length === 0, 'tarball ships no compiled tests or scripts', stray);
}

/**
 * Loads each registered file in a child process (n8n-workflow resolved from this repo's node_modules,
 * as the host would supply it) and returns, per file, the class n8n would pick and its icon values.
 */
function loadRegistered(pkgDir, entries) {
	const probe = `
		const path = require('path');
		const out = {};
		for (const { file, kind } of JSON.parse(process.argv[1])) {
			try {
				const mod = require(path.resolve(file));
				const className = path.basename(file).split('.')[0];
				const Cls = mod[className];
				if (typeof Cls !== 'function') {
					out[file] = { error: 'does not export class ' + className + ' (exports: ' + Object.keys(mod).join(', ') + ')' };
					continue;
				}
				const instance = new Cls();
				const icons = [];
				if (kind === 'credential') icons.push(instance.icon);
				else {
					icons.push(instance.description && instance.description.icon);
					for (const v of Object.values(instance.nodeVersions || {})) icons.push(v.description && v.description.icon);
				}
				out[file] = { className, icons: icons.filter(Boolean) };
			} catch (error) {
				out[file] = { error: String(error && error.stack || error).split('\\n').slice(0, 3).join(' | ') };
			}
		}
		console.log(JSON.stringify(out));
	`;
	const env = { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') };
	const out = run(process.execPath, ['-e', probe, JSON.stringify(entries)], { cwd: pkgDir, env });
	return JSON.parse(out.trim().split('\n').pop());
}

function iconPaths(icon) {
	const values = typeof icon === 'string' ? [icon] : Object.values(icon ?? {});
	return values.filter((v) => typeof v === 'string' && v.startsWith('file:')).map((v) => v.slice('file:'.length));
}

function checkRegistered(pkg, pkgDir) {
	const n8n = pkg.n8n ?? {};
	const entries = [
		...(n8n.nodes ?? []).map((file) => ({ file, kind: 'node' })),
		...(n8n.credentials ?? []).map((file) => ({ file, kind: 'credential' })),
	];
	report((n8n.nodes ?? []).length > 0, `package.json n8n.nodes is non-empty (${(n8n.nodes ?? []).length})`);

	const missing = entries.filter(({ file }) => !fs.existsSync(path.join(pkgDir, file))).map(({ file }) => file);
	report(
		missing.length === 0,
		`every n8n.nodes / n8n.credentials file is in the tarball (${entries.length})`,
		missing.map((f) => `missing: ${f}`),
	);

	const present = entries.filter(({ file }) => !missing.includes(file));
	const loaded = present.length ? loadRegistered(pkgDir, present) : {};
	const loadErrors = present.filter(({ file }) => loaded[file]?.error).map(({ file }) => `${file}: ${loaded[file].error}`);
	report(loadErrors.length === 0, 'every registered file loads and exports the class named after the file', loadErrors);

	const iconProblems = [];
	let iconCount = 0;
	for (const { file, kind } of present) {
		const result = loaded[file];
		if (!result || result.error) continue;
		const paths = result.icons.flatMap(iconPaths);
		if (paths.length === 0) iconProblems.push(`${file}: ${kind} has no file: icon`);
		for (const rel of paths) {
			iconCount++;
			const target = path.resolve(pkgDir, path.dirname(file), rel);
			if (!isInside(pkgDir, target)) iconProblems.push(`${file}: icon ${rel} points outside the package`);
			else if (!fs.existsSync(target)) iconProblems.push(`${file}: icon ${rel} -> ${path.relative(pkgDir, target)} missing`);
		}
	}
	report(iconProblems.length === 0, `every file: icon exists relative to its node/credential (${iconCount})`, iconProblems);

	const codexMissing = present
		.filter(({ kind, file }) => kind === 'node' && !fs.existsSync(path.join(pkgDir, `${file}on`)))
		.map(({ file }) => `missing: ${file}on`);
	report(codexMissing.length === 0, 'every node ships its codex <Name>.node.json', codexMissing);
}

/** Exact-allowlist check for require()/import; a require() with a computed argument cannot be verified. */
const allowlistRule = {
	meta: { type: 'problem', schema: [] },
	create(context) {
		const allowed = (spec) => {
			if (spec.startsWith('./') || spec.startsWith('../')) return true;
			const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
			return ALLOWED_MODULES.includes(spec) || ALLOWED_MODULES.includes(name);
		};
		const check = (node, source) => {
			if (source && source.type === 'Literal' && typeof source.value === 'string') {
				if (!allowed(source.value)) context.report({ node, message: `Module '${source.value}' is not on n8n's allowlist` });
			} else if (source && !(source.type === 'TemplateLiteral' && source.expressions.length === 0 && allowed(source.quasis[0].value.cooked))) {
				context.report({ node, message: 'Computed module specifier cannot be checked against the allowlist' });
			}
		};
		return {
			ImportDeclaration: (node) => check(node, node.source),
			ImportExpression: (node) => check(node, node.source),
			ExportAllDeclaration: (node) => check(node, node.source),
			ExportNamedDeclaration: (node) => node.source && check(node, node.source),
			CallExpression(node) {
				const { callee } = node;
				const isRequire =
					(callee.type === 'Identifier' && callee.name === 'require') ||
					(callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'require');
				if (isRequire && !(callee.type === 'MemberExpression' && callee.property.name === 'cache')) {
					check(node, node.arguments[0]);
				}
			},
		};
	},
};

async function checkShippedJs(pkgDir, jsFiles) {
	if (jsFiles.length === 0) {
		report(false, 'tarball ships JavaScript to scan', ['no .js files found']);
		return;
	}
	const { ESLint } = require('eslint');
	const { n8nCommunityNodesPlugin } = await import('@n8n/eslint-plugin-community-nodes');
	const eslint = new ESLint({
		cwd: pkgDir,
		overrideConfigFile: true,
		allowInlineConfig: false,
		overrideConfig: [
			{
				files: ['**/*.js'],
				plugins: {
					'@n8n/community-nodes': n8nCommunityNodesPlugin,
					'pack-check': { rules: { 'allowed-modules': allowlistRule } },
				},
				languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' },
				linterOptions: { reportUnusedDisableDirectives: 'off' },
				rules: {
					'@n8n/community-nodes/no-restricted-imports': 'error',
					'@n8n/community-nodes/no-restricted-globals': 'error',
					'pack-check/allowed-modules': 'error',
					// Same list, via ESLint's scope analysis as a second opinion on the plugin rule.
					'no-restricted-globals': ['error', ...RESTRICTED_GLOBALS],
				},
			},
		],
	});
	const results = await eslint.lintFiles(jsFiles.map((file) => path.join(pkgDir, file)));
	const byGroup = { imports: [], globals: [], parse: [] };
	for (const result of results) {
		const rel = path.relative(pkgDir, result.filePath);
		for (const m of result.messages) {
			const group = !m.ruleId ? 'parse' : /globals/.test(m.ruleId) ? 'globals' : 'imports';
			byGroup[group].push(`${rel}:${m.line}:${m.column} ${m.message}${m.ruleId ? ` (${m.ruleId})` : ''}`);
		}
	}
	report(byGroup.parse.length === 0, `every shipped .js parses (${jsFiles.length} files)`, byGroup.parse);
	report(
		byGroup.imports.length === 0,
		`shipped .js only requires ${ALLOWED_MODULES.join(', ')} or relative paths`,
		byGroup.imports,
	);
	report(byGroup.globals.length === 0, `shipped .js uses none of ${RESTRICTED_GLOBALS.join(', ')}`, byGroup.globals);
}

async function main() {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-check-'));
	try {
		const { info, pkgDir } = packAndExtract(tmp);
		console.log(`Packed ${info.filename} (${info.entryCount} files, ${info.size} bytes)`);
		const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
		const files = listFiles(pkgDir);

		checkManifest(pkg);
		checkShippedFiles(pkg, files);
		checkRegistered(pkg, pkgDir);

		// The community no-restricted-imports exempts anything in the nearest package.json's devDependencies
		// (it assumes a bundler). Nothing is bundled here, so drop them from the extracted copy before linting.
		const { devDependencies: _dev, ...withoutDev } = pkg;
		fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(withoutDev, null, 2));
		await checkShippedJs(
			pkgDir,
			files.filter((file) => /\.(c|m)?js$/.test(file)),
		);
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
	console.log(failures ? `\n${failures} check(s) failed` : '\nAll pack checks passed');
	process.exitCode = failures ? 1 : 0;
}

main().catch((error) => {
	console.error(`FAIL  pack-check crashed: ${error.stack || error}`);
	process.exitCode = 1;
});
