module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	testTimeout: 60_000,
	// The suites share one CPU budget; two workers is what the machines have.
	maxWorkers: 2,
};
