// A JWT must be verified against an explicit list of algorithms. Without it,
// the token's own header picks the algorithm: `alg: none` or HS256 signed with
// the public key (key confusion). Covers jose's jwtVerify, jsonwebtoken's
// verify and passport-jwt strategy options.

function hasAlgorithms(node) {
  return (
    node &&
    node.type === 'ObjectExpression' &&
    node.properties.some((p) => p.type === 'Property' && !p.computed && ((p.key.type === 'Identifier' && p.key.name === 'algorithms') || (p.key.type === 'Literal' && p.key.value === 'algorithms')))
  );
}

function isJwtVerify(callee) {
  if (callee.type === 'Identifier') return callee.name === 'jwtVerify';
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.property.name === 'verify' &&
    callee.object.type === 'Identifier' &&
    /^(jwt|jsonwebtoken|jose)$/i.test(callee.object.name)
  );
}

/** passport-jwt options are recognised by their jwtFromRequest property. */
function isPassportJwtOptions(node) {
  return node && node.type === 'ObjectExpression' && node.properties.some((p) => p.type === 'Property' && p.key.name === 'jwtFromRequest');
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'JWT verification must pin the algorithms explicitly' },
    messages: {
      missing: 'JWT verification without an explicit `algorithms` list lets the token choose its own algorithm.',
    },
    schema: [],
  },
  create(context) {
    return {
      CallExpression(node) {
        if (isJwtVerify(node.callee)) {
          const options = node.arguments[2];
          if (!hasAlgorithms(options)) context.report({ node, messageId: 'missing' });
          return;
        }
        for (const argument of node.arguments) {
          if (isPassportJwtOptions(argument) && !hasAlgorithms(argument)) context.report({ node: argument, messageId: 'missing' });
        }
      },
    };
  },
};
