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

/**
 * `names` holds what jose's jwtVerify is called in this file (it may be
 * imported under an alias) and `namespaces` the `import * as x from 'jose'`
 * names, so `import { jwtVerify as check }` and `x.jwtVerify` are caught too.
 */
function isJwtVerify(callee, names, namespaces) {
  if (callee.type === 'Identifier') return names.has(callee.name);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.object.type !== 'Identifier') return false;
  if (callee.property.name === 'jwtVerify') return true;
  return callee.property.name === 'verify' && (namespaces.has(callee.object.name) || /^(jwt|jsonwebtoken|jose)$/i.test(callee.object.name));
}

function collectJoseImports(node, names, namespaces) {
  if (node.source.value !== 'jose' && node.source.value !== 'jsonwebtoken') return;
  for (const specifier of node.specifiers) {
    if (specifier.type === 'ImportNamespaceSpecifier' || specifier.type === 'ImportDefaultSpecifier') namespaces.add(specifier.local.name);
    else if (specifier.imported && ['jwtVerify', 'verify'].includes(specifier.imported.name)) names.add(specifier.local.name);
  }
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
    const names = new Set(['jwtVerify']);
    const namespaces = new Set();
    // `new JwtStrategy({...})` and `super({...})` in a PassportStrategy class alike.
    const checkCall = (node) => {
      if (node.type === 'CallExpression' && isJwtVerify(node.callee, names, namespaces)) {
        const options = node.arguments[2];
        if (!hasAlgorithms(options)) context.report({ node, messageId: 'missing' });
        return;
      }
      for (const argument of node.arguments) {
        if (isPassportJwtOptions(argument) && !hasAlgorithms(argument)) context.report({ node: argument, messageId: 'missing' });
      }
    };
    return {
      ImportDeclaration: (node) => collectJoseImports(node, names, namespaces),
      CallExpression: checkCall,
      NewExpression: checkCall,
    };
  },
};
