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
    const isProcess = (node) => node && node.type === 'Identifier' && node.name === 'process';
    const isEnvKey = (key, computed) => (computed ? key.type === 'Literal' && key.value === 'env' : key.type === 'Identifier' && key.name === 'env');
    return {
      // process.env and process['env']
      MemberExpression(node) {
        if (isProcess(node.object) && isEnvKey(node.property, node.computed)) context.report({ node, messageId: 'env' });
      },
      // const { env } = process
      VariableDeclarator(node) {
        if (!isProcess(node.init) || node.id.type !== 'ObjectPattern') return;
        if (node.id.properties.some((p) => p.type === 'Property' && (isEnvKey(p.key, p.computed) || (p.key.type === 'Literal' && p.key.value === 'env')))) {
          context.report({ node, messageId: 'env' });
        }
      },
    };
  },
};
