// Switching certificate verification off turns TLS into encryption with a
// stranger: `rejectUnauthorized: false`, `requestCert: false` (mutual TLS made
// one-sided), or NODE_TLS_REJECT_UNAUTHORIZED=0 for the whole process.

const FLAGS = new Set(['rejectUnauthorized', 'requestCert']);

/** A constant that is false at run time: `false`, `0`, `''`, `null`, `!true`, `!1`. */
function isStaticFalsy(node) {
  if (node.type === 'Literal') return !node.value;
  if (node.type === 'UnaryExpression' && node.operator === '!' && node.argument.type === 'Literal') return Boolean(node.argument.value);
  return false;
}

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
        if (FLAGS.has(name) && isStaticFalsy(node.value)) {
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
