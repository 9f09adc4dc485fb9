// Suppressing a security finding is allowed, but never silently: every
// eslint-disable comment names the rule and says why after ` -- `, so a
// reviewer reads the reason next to the code (docs/ci-security.md).

const DIRECTIVE = /^\s*eslint-disable(?:-next-line|-line)?(?:\s|$)/;

module.exports = {
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
          if (!DIRECTIVE.test(comment.value)) continue;
          const [directive, reason] = comment.value.split(/\s--\s/);
          const rules = directive.trim().split(/\s+/).slice(1).join(' ');
          if (!rules) context.report({ loc: comment.loc, messageId: 'rule' });
          else if (!reason || !reason.trim()) context.report({ loc: comment.loc, messageId: 'reason' });
        }
      },
    };
  },
};
