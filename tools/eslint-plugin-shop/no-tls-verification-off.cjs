// Switching certificate verification off turns TLS into encryption with a
// stranger: `rejectUnauthorized: false`, `requestCert: false` (mutual TLS made
// one-sided), or NODE_TLS_REJECT_UNAUTHORIZED=0 for the whole process.

const FLAGS = new Set(['rejectUnauthorized', 'requestCert']);

function keyName(property) {
  if (property.computed) return undefined;
  return property.key.type === 'Identifier' ? property.key.name : property.key.value;
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'TLS peer verification must never be switched off' },
    messages: {
      flag: '`{{name}}: false` switches TLS peer verification off.',
      env: 'NODE_TLS_REJECT_UNAUTHORIZED=0 disables certificate checks for the whole process.',
    },
    schema: [],
  },
  create(context) {
    return {
      Property(node) {
        const name = keyName(node);
        if (FLAGS.has(name) && node.value.type === 'Literal' && node.value.value === false) {
          context.report({ node, messageId: 'flag', data: { name } });
        }
      },
      AssignmentExpression(node) {
        const target = node.left;
        const name = target.type === 'MemberExpression' ? (target.computed ? target.property.value : target.property.name) : undefined;
        if (name === 'NODE_TLS_REJECT_UNAUTHORIZED' && node.right.type === 'Literal' && String(node.right.value) === '0') {
          context.report({ node, messageId: 'env' });
        }
      },
    };
  },
};
