// Suppressing a security finding is allowed, but never silently: every
// eslint-disable comment names the rule and says why after ` -- `, so a
// reviewer reads the reason next to the code (docs/ci-security.md).
// A blanket directive also switches this rule off, so ESLint cannot report
// those; tools/security-gates/disable-directives.cjs catches them in CI.

const DIRECTIVE = /^\s*eslint-disable(?:-next-line|-line)?(?:\s|$)/;

/** What is wrong with a comment's text as a disable directive: 'rule', 'reason', or undefined. */
function directiveProblem(commentValue) {
  if (!DIRECTIVE.test(commentValue)) return undefined;
  const [directive, reason] = commentValue.split(/\s--\s/);
  if (!directive.trim().split(/\s+/).slice(1).join(' ')) return 'rule';
  return reason && reason.trim() ? undefined : 'reason';
}

module.exports = {
  directiveProblem,
  meta: {
    type: 'problem',
    docs: { description: 'eslint-disable comments name a rule and give a reason' },
    messages: {
      rule: 'Name the rule being disabled: `eslint-disable-next-line <rule> -- <reason>`.',
      reason: 'Say why the rule is disabled here, after ` -- `.',
    },
    schema: [],
  },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const problem = directiveProblem(comment.value);
          if (problem) context.report({ loc: comment.loc, messageId: problem });
        }
      },
    };
  },
};
