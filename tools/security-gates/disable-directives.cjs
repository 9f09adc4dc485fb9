// A blanket `/* eslint-disable */` or `// eslint-disable-line` switches off
// every rule, including shop/disable-needs-reason, so ESLint itself cannot
// report it. This check reads the real comments (parsed by typescript-eslint,
// so text inside strings is not mistaken for one) with the same test.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parse } = require('@typescript-eslint/parser');
const { directiveProblem } = require('../eslint-plugin-shop/disable-needs-reason.cjs');

const SOURCE = /\.(?:[cm]?js|ts)$/;
const MESSAGES = { rule: 'eslint-disable without a rule name', reason: 'eslint-disable without a reason after " -- "' };

/**
 * @param {string} root repository root
 * @param {string[]} files paths relative to root (e.g. from `git ls-files`)
 * @returns {string[]} `file:line: problem` for every directive without rules or reason
 */
function directivesWithoutReason(root, files) {
  const problems = [];
  for (const file of files.filter((f) => SOURCE.test(f))) {
    const { comments = [] } = parse(readFileSync(join(root, file), 'utf8'), { comment: true, loc: true, sourceType: 'module' });
    for (const comment of comments) {
      const problem = directiveProblem(comment.value);
      if (problem) problems.push(`${file}:${comment.loc.start.line}: ${MESSAGES[problem]}`);
    }
  }
  return problems;
}

module.exports = { directivesWithoutReason };
