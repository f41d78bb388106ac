// The HTML validity check of every page the tests open.
//
// html-validate (npm, pinned in package.json) rather than Debian's tidy:
// it knows HTML5's content models (which element may hold which, what
// <details>, <main> or <template> allow), checks attributes against the
// WHATWG spec, runs offline in the test's own process, and its rules can
// be chosen; tidy is an HTML4-era cleaner that warns about valid HTML5
// and misses content-model errors. The preset "html-validate:standard" is
// the standard alone (no taste); a few rules that catch real mistakes of
// a generated page are added: duplicate ids, labels that point nowhere,
// form controls without a label, empty headings and titles, deprecated
// elements and attributes, misnested or unclosed elements.
import { HtmlValidate } from 'html-validate';

const validator = new HtmlValidate({
	extends: ['html-validate:standard'],
	rules: {
		'no-dup-id': 'error',
		'no-dup-attr': 'error',
		'no-deprecated-attr': 'error',
		deprecated: 'error',
		'close-order': 'error',
		'element-required-content': 'error',
		'element-permitted-content': 'error',
		'element-permitted-parent': 'error',
		'input-missing-label': 'error',
		'no-missing-references': 'error',
		'empty-heading': 'error',
		'empty-title': 'error',
		'missing-doctype': 'error',
		// HTML5 ids: anything without whitespace; comment anchors
		// are numbers (/comment/<id>/ leads to #<id>, as Patchwork)
		'valid-id': ['error', { relaxed: true }],
		'wcag/h37': 'error',
	},
});

// validHtml(html, name): the list of problems, one string each ("" when
// none).
export async function htmlProblems(html, name) {
	const report = await validator.validateString(html, name);
	if (report.valid)
		return [];
	return report.results.flatMap((r) => r.messages.map((m) =>
		`${name}:${m.line}:${m.column}: ${m.ruleId}: ${m.message}`));
}
