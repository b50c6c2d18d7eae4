// Flat config (ESLint 9). `npm run lint` = `eslint .`
//
// Two rule sets run side by side:
//  * @n8n/eslint-plugin-community-nodes `recommended` (the cloud-support variant, i.e. with
//    no-restricted-imports / no-restricted-globals): what `n8n-node lint` and verification check.
//  * eslint-plugin-n8n-nodes-base (eslintrc-era, wired in by hand): community rules on package.json,
//    credentials rules on credentials/, nodes rules on nodes/ — the same split the old starter
//    .eslintrc.js and @n8n/node-cli's earlier flat config used.
//
// No rule in either plugin uses type information, so the TypeScript parser runs without
// `parserOptions.project` (faster, and test/ or scripts/ never need to be in a tsconfig).
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const NODE_FILES = ['nodes/**/*.ts'];
const CREDENTIAL_FILES = ['credentials/**/*.ts'];
const PACKAGE_JSON = ['package.json'];

export default defineConfig([
	globalIgnores([
		'dist/**',
		'node_modules/**',
		'test/**',
		'scripts/**',
		'coverage/**',
		'.tmp/**',
		// Root-level JS of the fixed layout (gulpfile.js, index.js, jest.config.js, this file):
		// build/test tooling, never shipped (`files: ["dist"]`); pack-check scans what ships.
		'*.js',
		'*.mjs',
		'*.cjs',
	]),

	// Parsers. package.json goes through the TypeScript parser too: typescript-estree parses a
	// `.json` file as a single object-literal expression statement, which is the AST shape the
	// package.json rules of both plugins expect (same as the plugin's own RuleTester setup).
	{
		files: [...NODE_FILES, ...CREDENTIAL_FILES],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { sourceType: 'module', ecmaVersion: 2021 },
		},
	},
	{
		files: PACKAGE_JSON,
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
	},

	// @n8n/eslint-plugin-community-nodes: `recommended` ships without `files`, so scope it here.
	// Every rule checks the file kind itself (package.json / *.node.ts / *.credentials.ts / any).
	{
		...n8nCommunityNodesPlugin.configs.recommended,
		files: [...NODE_FILES, ...CREDENTIAL_FILES, ...PACKAGE_JSON],
	},

	// The community no-restricted-imports lets any devDependency through (it assumes a bundler).
	// We don't bundle: tsc output ships as-is, so axios / n8n-core (test-only devDependencies)
	// would fail to resolve on a real n8n install. Keep them out of shipped code explicitly.
	{
		files: [...NODE_FILES, ...CREDENTIAL_FILES],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{ name: 'axios', message: 'Use this.helpers.httpRequestWithAuthentication.' },
						{ name: 'n8n-core', message: 'n8n-core is a test-only devDependency.' },
					],
				},
			],
		},
	},

	// eslint-plugin-n8n-nodes-base
	{
		files: [...NODE_FILES, ...CREDENTIAL_FILES, ...PACKAGE_JSON],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
	},
	{
		files: PACKAGE_JSON,
		rules: {
			...n8nNodesBase.configs.community.rules,
		},
	},
	{
		files: CREDENTIAL_FILES,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// n8n-repo-only (wants a docs slug); our full URLs are what community credential-documentation-url accepts.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: NODE_FILES,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Wants ['main'] literals; conflicts with community node-connection-type-literal (NodeConnectionTypes.Main).
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			// Same conflict with community node-connection-type-literal, for outputs.
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
]);
