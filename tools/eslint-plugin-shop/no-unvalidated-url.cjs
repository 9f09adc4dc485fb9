// Outbound requests and redirects to a URL that comes from data are SSRF and
// open-redirect bugs waiting for input. The URL must be a literal, or come
// out of a guard function that validates it (a name starting with `guarded`,
// `validated`, `safe` or `assertSafe`).

const SINKS = new Set(['fetch', 'request', 'redirect', 'location', 'get', 'post', 'put', 'patch', 'delete']);
const HTTP_OBJECTS = /^(http|https|axios|got|undici|res|response|reply|client|needle|superagent)$/;
const GUARD = /^(guarded|validated|safe|assertSafe)/;

function isSafe(argument) {
  if (!argument) return true;
  if (argument.type === 'Literal') return true;
  if (argument.type === 'TemplateLiteral') return argument.expressions.length === 0;
  if (argument.type === 'CallExpression') {
    const callee = argument.callee;
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : '';
    return GUARD.test(name);
  }
  if (argument.type === 'Identifier') return GUARD.test(argument.name);
  return false;
}

/** res.setHeader('Location', url), res.header('location', url), res.set(...): a redirect by hand. */
function isLocationHeader(node) {
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || !['setHeader', 'header', 'set', 'writeHead'].includes(callee.property.name)) return false;
  const name = node.arguments[0];
  return Boolean(name && name.type === 'Literal' && typeof name.value === 'string' && name.value.toLowerCase() === 'location');
}

function sinkOf(callee) {
  if (callee.type === 'Identifier') return callee.name === 'fetch' || callee.name === 'request' ? callee.name : undefined;
  if (callee.type !== 'MemberExpression' || callee.computed) return undefined;
  const method = callee.property.name;
  if (!SINKS.has(method)) return undefined;
  if (method === 'redirect' || method === 'location') return method;
  return callee.object.type === 'Identifier' && HTTP_OBJECTS.test(callee.object.name) ? method : undefined;
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'outbound URLs and redirects must be literals or pass a guard' },
    messages: { url: 'This {{sink}} target is built from data: validate it with a guard (SSRF / open redirect).' },
    schema: [],
  },
  create(context) {
    return {
      CallExpression(node) {
        if (isLocationHeader(node)) {
          if (!isSafe(node.arguments[1])) context.report({ node: node.arguments[1], messageId: 'url', data: { sink: 'Location header' } });
          return;
        }
        const sink = sinkOf(node.callee);
        if (!sink) return;
        // res.redirect(status, url): the URL is the last argument.
        const target = sink === 'redirect' ? node.arguments[node.arguments.length - 1] : node.arguments[0];
        if (!isSafe(target)) context.report({ node: target, messageId: 'url', data: { sink } });
      },
    };
  },
};
