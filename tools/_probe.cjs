const { Deployment } = require('kubernetes-models/apps/v1/Deployment');
const { AuthorizationPolicy } = require('@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy');
function traced(root) {
  const seen = new Map(); // object -> Set(read keys) ; enumerated objects
  const enumerated = new Set();
  const wrap = (value, path) => {
    if (value === null || typeof value !== 'object') return value;
    if (!seen.has(value)) seen.set(value, { path, read: new Set() });
    return new Proxy(value, {
      get(t, k, r) { if (typeof k === 'string') seen.get(t).read.add(k); const v = Reflect.get(t, k, r); return typeof k === 'string' ? wrap(v, `${path}/${k}`) : v; },
      has(t, k) { if (typeof k === 'string') seen.get(t).read.add(k); return Reflect.has(t, k); },
      ownKeys(t) { enumerated.add(t); return Reflect.ownKeys(t); },
    });
  };
  return { proxy: wrap(root, ''), unknown: () => { const out = []; for (const [obj, info] of seen) { if (Array.isArray(obj) || enumerated.has(obj)) continue; for (const k of Object.keys(obj)) if (!info.read.has(k)) out.push(`${info.path}/${k}`); } return out; } };
}
const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', labels: { a: 'b' } }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i:1', securityContxt: {}, resources: { limits: { cpu: '1' } } }] } } } };
const t = traced(new Deployment(dep));
try { Deployment.prototype.validate.call(t.proxy); console.log('dep valid', t.unknown()); } catch (e) { console.log('dep invalid', e.message, t.unknown()); }
const ap = { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'p' }, spec: { rules: [{ from: [{ source: { principles: ['a'] } }], to: [{ operation: { paths: ['/x'] } }] }], rulez: [] } };
const t2 = traced(new AuthorizationPolicy(ap));
try { AuthorizationPolicy.prototype.validate.call(t2.proxy); console.log('ap valid', t2.unknown()); } catch (e) { console.log('ap invalid', e.message, t2.unknown()); }
