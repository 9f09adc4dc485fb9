// Configuration is read in one place (libs/config), where every value is
// validated and documented. Elsewhere, `process.env` reads are scattered,
// unvalidated settings (and a common way secrets end up in env vars).
// Where the rule applies is set in eslint.config.mjs (files/ignores).

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'process.env is read only by the config lib' },
    messages: { env: 'Read settings through @shop/config, not process.env.' },
    schema: [],
  },
  create(context) {
    return {
      MemberExpression(node) {
        if (node.object.type === 'Identifier' && node.object.name === 'process' && !node.computed && node.property.name === 'env') {
          context.report({ node, messageId: 'env' });
        }
      },
    };
  },
};
