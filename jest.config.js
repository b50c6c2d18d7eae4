module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	// test/matrix (the fault matrix) is picked up like every other *.test.js.
	testMatch: ['**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	testTimeout: 60_000,
	// The machines have two cores.
	maxWorkers: 2,
	// Matrix cells mostly wait (retry delays, deadlines): run several at once within their file.
	maxConcurrency: 8,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
	// The fault matrix's summary line (cells run / passed / not applicable), printed after the run.
	globalSetup: '<rootDir>/test/matrix/globalSetup.js',
	globalTeardown: '<rootDir>/test/matrix/globalTeardown.js',
};
