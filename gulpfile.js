const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// n8n resolves `icon: 'file:…'` relative to the built node/credential file, so the SVGs must sit in dist/.
function copyIcons() {
	return src(path.join('icons', '*.svg'), { encoding: false }).pipe(dest(path.join('dist', 'icons')));
}

function copyCodex() {
	return src(path.join('nodes', '**', '*.node.json')).pipe(dest(path.join('dist', 'nodes')));
}

task('build:icons', parallel(copyIcons, copyCodex));
