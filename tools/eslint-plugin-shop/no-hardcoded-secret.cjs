// Secrets belong in SECRETS_DIR files (Vault, Kubernetes secrets, the dev
// bootstrap), never in source: a literal assigned to something named like a
// secret, or a literal that IS one (a private key, a cloud access key).

const SECRET_NAME = /(secret|passw(or)?d|passphrase|api[_-]?key|private[_-]?key|access[_-]?key|credential|token)$/i;
const SECRET_VALUE = [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, /\bAKIA[0-9A-Z]{16}\b/, /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, /\bxox[abpr]-[A-Za-z0-9-]{10,}/];

function nameOf(node) {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'Literal') return String(node.value);
  if (node.type === 'MemberExpression' && !node.computed) return node.property.name;
  return undefined;
}

/** A value that could be a credential: one token, no spaces, long enough, not a file name or URL. */
function credentialShaped(value) {
  return typeof value === 'string' && value.length >= 8 && !/\s/.test(value) && !/^[\w.-]+\.(json|pem|key|crt|txt)$/.test(value) && !value.includes('/');
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'no secrets in source code' },
    messages: {
      named: '"{{name}}" is assigned a literal that looks like a secret; read it from SECRETS_DIR instead.',
      value: 'This literal is a secret (private key or access key); it must not be in source code.',
    },
    schema: [],
  },
  create(context) {
    const check = (name, value, node) => {
      // A template with expressions is computed, not hard-coded.
      if (value?.type !== 'Literal' && !(value?.type === 'TemplateLiteral' && value.expressions.length === 0)) return;
      const text = value.type === 'Literal' ? value.value : value.quasis.map((q) => q.value.cooked).join('');
      if (typeof text !== 'string') return;
      if (SECRET_VALUE.some((pattern) => pattern.test(text))) context.report({ node, messageId: 'value' });
      else if (name && SECRET_NAME.test(name) && credentialShaped(text)) context.report({ node, messageId: 'named', data: { name } });
    };
    return {
      VariableDeclarator: (node) => check(nameOf(node.id), node.init, node),
      Property: (node) => check(nameOf(node.key), node.value, node),
      AssignmentExpression: (node) => check(nameOf(node.left), node.right, node),
      PropertyDefinition: (node) => check(nameOf(node.key), node.value, node),
      AssignmentPattern: (node) => check(nameOf(node.left), node.right, node),
    };
  },
};
