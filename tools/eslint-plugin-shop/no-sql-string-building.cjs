// SQL built by concatenation or template interpolation is how injection
// happens. Values go in as bind parameters ($1, $2...). The only values that
// may be interpolated are identifiers/literals passed through the driver's
// own escaping function (DDL such as CREATE ROLE takes no bind parameters).

const ESCAPERS = new Set(['escapeIdentifier', 'escapeLiteral', 'escape']);
// Driver calls (pg, TypeORM's query) and TypeORM query-builder clauses, which
// take raw SQL fragments just the same.
const QUERY_METHODS = new Set(['query', 'raw', 'unsafe', 'where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving']);

function isEscaped(expression) {
  if (expression.type === 'Literal') return true;
  if (expression.type !== 'CallExpression') return false;
  const callee = expression.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : undefined;
  return ESCAPERS.has(name);
}

function isUnsafeSql(node) {
  if (node.type === 'TemplateLiteral') return node.expressions.some((e) => !isEscaped(e));
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const parts = [];
    const collect = (n) => (n.type === 'BinaryExpression' && n.operator === '+' ? (collect(n.left), collect(n.right)) : parts.push(n));
    collect(node);
    return parts.some((p) => p.type === 'Literal' && typeof p.value === 'string') && parts.some((p) => !isEscaped(p) && p.type !== 'Literal');
  }
  return false;
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'no SQL built from strings; use bind parameters' },
    messages: { sql: 'SQL built by string concatenation or interpolation: pass values as bind parameters ($1...) or escape identifiers with the driver.' },
    schema: [],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = node.callee;
        // client.query(...) and a bare query(...) taken from a client alike.
        const method = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : undefined;
        if (!QUERY_METHODS.has(method)) return;
        const sql = node.arguments[0];
        if (sql && isUnsafeSql(sql)) context.report({ node: sql, messageId: 'sql' });
      },
    };
  },
};
