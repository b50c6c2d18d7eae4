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
//  5. n8n's own scanner (@n8n/scan-community-package, pinned devDependency): its analyzePackage() — the
//     function analyzePackageByName() runs after the registry download — on both legs the verification
//     gate lints: the extracted tarball (**/*.js + package.json, as published, devDependencies included)
//     and the source the npm provenance attestation points at (codeload tarball of the commit -> the
//     directory whose package.json has our name -> SOURCE_FILE_PATTERNS, i.e. package.json +
//     {nodes,credentials}/**/*.{js,ts,json} with the full eslint-plugin-n8n-nodes-base rule sets). The
//     source leg here is a copy of the git-visible working tree (tracked + untracked, not ignored files).
//     No registry or network access: the download / provenance path of the scanner is never called.
//  0. The dev install is reproducible: package-lock.json's root entry matches package.json, and
//     `npm ci --dry-run --offline` (in a temp copy of package.json + lock + .npmrc) accepts the lock.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

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

/** 0. package-lock.json in sync with package.json: root entry compare (instant) + what `npm ci` checks. */
function checkLockfile(tmp) {
	const lockPath = path.join(ROOT, 'package-lock.json');
	if (!fs.existsSync(lockPath)) {
		report(false, 'package-lock.json exists (npm ci needs it)', ['missing: package-lock.json']);
		return;
	}
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
	const rootEntry = lock.packages?.[''];
	const problems = [];
	if (!rootEntry) problems.push(`lockfileVersion ${lock.lockfileVersion}: no packages[""] root entry (regenerate with npm >= 7)`);
	else {
		for (const field of ['name', 'version']) {
			const lockValue = field === 'name' ? lock.name : lock.version;
			if (pkg[field] !== lockValue) problems.push(`${field}: package.json ${pkg[field]} vs lock ${lockValue}`);
		}
		for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
			const want = pkg[field] ?? {};
			const have = rootEntry[field] ?? {};
			for (const name of new Set([...Object.keys(want), ...Object.keys(have)])) {
				if (want[name] !== have[name]) {
					problems.push(`${field}.${name}: package.json ${want[name] ?? '(absent)'} vs lock ${have[name] ?? '(absent)'}`);
				}
			}
		}
	}
	report(problems.length === 0, 'package-lock.json root entry matches package.json (name, version, dependency ranges)', problems);

	// What `npm ci` itself validates (lock entries satisfy every range, nothing missing), without touching
	// node_modules: a dry run in a scratch dir. --offline: an in-sync lock needs no registry metadata.
	const dir = path.join(tmp, 'npm-ci-dry-run');
	fs.mkdirSync(dir);
	for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
		if (fs.existsSync(path.join(ROOT, file))) fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
	}
	const args = ['ci', '--dry-run', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
	const result = spawnSync('npm', args, { cwd: dir, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
	const lines = `${result.stderr || ''}\n${result.stdout || ''}`
		.split('\n')
		.filter((line) => /^npm (error|ERR!)/.test(line) && !/complete log of this run/.test(line))
		.map((line) => line.replace(/^npm (error|ERR!) ?/, ''));
	const usageAt = lines.findIndex((line) => /^Clean install a project/.test(line)); // npm appends `npm ci --help`
	const errors = [...new Set(usageAt < 0 ? lines : lines.slice(0, usageAt))].filter(Boolean);
	const ok = !result.error && result.status === 0;
	report(ok, '`npm ci --dry-run --offline` accepts package-lock.json (reproducible dev install)', [
		...(result.error ? [String(result.error)] : []),
		...errors.slice(0, 12),
		...(errors.length > 12 ? [`... ${errors.length - 12} more line(s)`] : []),
		...(errors.some((line) => /ENOTCACHED/.test(line)) ? ['(a dependency missing from the lock had to be fetched: run npm install)'] : []),
	]);
}

/**
 * Loads @n8n/scan-community-package's scanner module. Importing it creates a temp dir (for its
 * registry download path, unused here) that its `tmp` only removes at exit with graceful cleanup on.
 */
async function loadScanner() {
	const entry = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
	const scannerDir = path.dirname(entry);
	require(require.resolve('tmp', { paths: [scannerDir] })).setGracefulCleanup();
	const scanner = await import(pathToFileURL(entry).href);
	const version = JSON.parse(fs.readFileSync(path.join(scannerDir, '..', 'package.json'), 'utf8')).version;
	// The ESLint class the scanner imports (same module instance as a require() from its directory).
	const { ESLint } = require(require.resolve('eslint', { paths: [scannerDir] }));
	return { ...scanner, version, ESLint };
}

/**
 * For node-param-* findings (reported on the parameter's object literal): ` [param <name>, default: <expr>]`
 * read from the source, since the rule message ("Add a default") names neither.
 */
function describeParam(filePath, message) {
	try {
		const lines = fs.readFileSync(filePath, 'utf8').split('\n').slice(message.line - 1, message.endLine ?? message.line + 40);
		const nameAt = lines.findIndex((line) => /^\s*name:\s*/.test(line));
		if (nameAt < 0) return '';
		const indent = /^\s*/.exec(lines[nameAt])[0];
		const value = (prefix) => {
			const line = lines.find((l) => l.startsWith(`${indent}${prefix}:`));
			return line && line.slice(indent.length + prefix.length + 1).trim().replace(/,$/, '');
		};
		const defaultExpr = value('default');
		return `  [param ${value('name')}, ${defaultExpr === undefined ? 'no default' : `default: ${defaultExpr}`}]`;
	} catch {
		return '';
	}
}

/**
 * Runs the scanner's analyzePackage(dir, patterns) — its verdict is the official one — and captures the
 * ESLint results of that same run (its own answer only carries the `stylish` text) for per-finding lines.
 */
async function runScanner(scanner, label, dir, patterns) {
	const { ESLint } = scanner;
	const original = ESLint.prototype.lintFiles;
	let captured = null;
	ESLint.prototype.lintFiles = async function lintFilesCaptured(...args) {
		const results = await original.apply(this, args);
		captured = results;
		return results;
	};
	let result;
	try {
		result = await scanner.analyzePackage(dir, patterns);
	} finally {
		ESLint.prototype.lintFiles = original;
	}
	const findings = [];
	let warnings = 0;
	for (const file of captured ?? []) {
		const rel = path.relative(dir, file.filePath).split(path.sep).join('/');
		for (const m of file.messages) {
			if (m.severity !== 2) {
				warnings++;
				continue;
			}
			const where = /^n8n-nodes-base\/node-param-/.test(m.ruleId ?? '') ? describeParam(file.filePath, m) : '';
			findings.push(`${rel}:${m.line}:${m.column}  ${m.ruleId ?? '(parse)'}  ${m.message}${where}`);
		}
	}
	const counts = captured
		? ` (${captured.length} files, ${findings.length} error(s)${warnings ? `, ${warnings} warning(s)` : ''})`
		: '';
	const details = result.passed
		? []
		: findings.length
			? findings
			: [result.message, ...String(result.details ?? '').split('\n').filter((line) => line.trim())].filter(Boolean);
	report(result.passed, `n8n scanner ${scanner.version} analyzePackage: ${label}${counts}`, details);
	return result;
}

/**
 * What the scanner's provenance leg lints: the source tree of the attested commit. Here: the git-visible
 * working tree (tracked + untracked, not ignored; deleted files skipped) copied to a scratch dir, then the
 * scanner's own findPackageRoot() picks the directory whose package.json carries our name.
 */
function copySources(tmp) {
	const dest = path.join(tmp, 'source');
	const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
		cwd: ROOT,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (git.error || git.status !== 0) return null;
	for (const rel of git.stdout.split('\0').filter(Boolean)) {
		const from = path.join(ROOT, rel);
		if (!fs.existsSync(from) || !fs.statSync(from).isFile()) continue;
		fs.mkdirSync(path.dirname(path.join(dest, rel)), { recursive: true });
		fs.copyFileSync(from, path.join(dest, rel));
	}
	return dest;
}

async function checkWithScanner(tmp, pkg, pkgDir) {
	let scanner;
	try {
		scanner = await loadScanner();
	} catch (error) {
		report(false, 'load @n8n/scan-community-package (devDependency; run npm ci)', [String(error.message || error)]);
		return;
	}
	// Tarball leg, exactly as analyzePackageByName() scopes it.
	await runScanner(scanner, 'packed tarball (**/*.js + package.json)', pkgDir, ['**/*.js', 'package.json']);

	// Source leg.
	const copied = copySources(tmp);
	const sourceDir = copied ? scanner.findPackageRoot(copied, pkg.name) : ROOT;
	if (!sourceDir) {
		report(false, `n8n scanner ${scanner.version}: source tree has a package.json named ${pkg.name}`, [
			'findPackageRoot() found none: the scanner would fail with "Could not fetch the source repository"',
		]);
		return;
	}
	const where = copied ? 'git-visible working tree' : 'repo root (git unavailable)';
	await runScanner(
		scanner,
		`sources, ${where} (${scanner.SOURCE_FILE_PATTERNS.join(' + ')})`,
		sourceDir,
		scanner.SOURCE_FILE_PATTERNS,
	);
}

async function main() {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-check-'));
	try {
		checkLockfile(tmp);
		const { info, pkgDir } = packAndExtract(tmp);
		console.log(`Packed ${info.filename} (${info.entryCount} files, ${info.size} bytes)`);
		const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
		const files = listFiles(pkgDir);

		checkManifest(pkg);
		checkShippedFiles(pkg, files);
		checkRegistered(pkg, pkgDir);
		// Before the devDependencies edit below: the scanner sees the package.json as published.
		await checkWithScanner(tmp, pkg, pkgDir);

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
