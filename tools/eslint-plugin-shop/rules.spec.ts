import { RuleTester } from 'eslint';
import tsParser from '@typescript-eslint/parser';
const plugin = require('./index.cjs') as { rules: Record<string, import('eslint').Rule.RuleModule> };

const tester = new RuleTester({ languageOptions: { parser: tsParser, ecmaVersion: 2022, sourceType: 'module' } });
const rule = (name: string) => plugin.rules[name];

describe('shop/jwt-verify-algorithms', () => {
  tester.run('jwt-verify-algorithms', rule('jwt-verify-algorithms'), {
    valid: [
      "await jwtVerify(token, key, { algorithms: ['ES256'], issuer: 'i' });",
      "jwt.verify(token, key, { algorithms: ['ES256'] });",
      "class S extends B { constructor() { super({ jwtFromRequest: x, secretOrKeyProvider: p, algorithms: ['ES256'] }); } }",
    ],
    invalid: [
      { code: "await jwtVerify(token, key, { issuer: 'i' });", errors: [{ messageId: 'missing' }] },
      { code: 'await jwtVerify(token, key);', errors: [{ messageId: 'missing' }] },
      { code: 'jwt.verify(token, key, options);', errors: [{ messageId: 'missing' }] },
      { code: 'jsonwebtoken.verify(token, secret);', errors: [{ messageId: 'missing' }] },
      { code: 'class S extends B { constructor() { super({ jwtFromRequest: x, secretOrKey: k }); } }', errors: [{ messageId: 'missing' }] },
      // Ways around a name-based check: an alias, a namespace import, a constructed strategy.
      { code: "import { jwtVerify as check } from 'jose'; await check(token, key, { issuer: 'i' });", errors: [{ messageId: 'missing' }] },
      { code: "import * as j from 'jose'; await j.jwtVerify(token, key);", errors: [{ messageId: 'missing' }] },
      { code: "import jwtlib from 'jsonwebtoken'; jwtlib.verify(token, secret);", errors: [{ messageId: 'missing' }] },
      { code: 'passport.use(new JwtStrategy({ jwtFromRequest: x, secretOrKey: k }, verify));', errors: [{ messageId: 'missing' }] },
    ],
  });
});

// The invalid cases switch verification off on purpose: they are the code the rule must report.
describe('shop/no-tls-verification-off', () => {
  tester.run('no-tls-verification-off', rule('no-tls-verification-off'), {
    valid: ['tls.connect({ rejectUnauthorized: true });', 'createServer({ requestCert: true, rejectUnauthorized: true });'],
    invalid: [
      { code: 'tls.connect({ host, rejectUnauthorized: false });', errors: [{ messageId: 'flag' }] },
      { code: "https.createServer({ 'requestCert': false });", errors: [{ messageId: 'flag' }] },
      { code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';", errors: [{ messageId: 'env' }] },
      { code: "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';", errors: [{ messageId: 'env' }] },
      { code: 'tls.connect({ rejectUnauthorized: !true });', errors: [{ messageId: 'flag' }] },
      { code: 'tls.connect({ rejectUnauthorized: 0 });', errors: [{ messageId: 'flag' }] },
    ],
  });
});

describe('shop/env-only-in-config', () => {
  tester.run('env-only-in-config', rule('env-only-in-config'), {
    valid: ['loadServiceConfigFromProcess(name);', 'const env = config.env;'],
    invalid: [
      { code: "const url = process.env['DATABASE_URL'];", errors: [{ messageId: 'env' }] },
      { code: 'const { SECRET } = process.env;', errors: [{ messageId: 'env' }] },
      { code: "const url = process['env'].DATABASE_URL;", errors: [{ messageId: 'env' }] },
      { code: 'const { env } = process;', errors: [{ messageId: 'env' }] },
    ],
  });
});

describe('shop/no-sql-string-building', () => {
  tester.run('no-sql-string-building', rule('no-sql-string-building'), {
    valid: [
      "db.query('SELECT * FROM orders WHERE id = $1', [id]);",
      'db.query(`SELECT 1`);',
      'client.query(`CREATE ROLE ${escapeIdentifier(name)} PASSWORD ${escapeLiteral(pw)}`);',
      'runner.query(`ALTER TABLE ${driver.escape(table)} ENABLE ROW LEVEL SECURITY`);',
      "qb.where('o.owner = :owner', { owner });",
    ],
    invalid: [
      { code: "db.query(`SELECT * FROM orders WHERE id = '${id}'`);", errors: [{ messageId: 'sql' }] },
      { code: "db.query('SELECT * FROM orders WHERE owner = ' + owner);", errors: [{ messageId: 'sql' }] },
      { code: 'manager.query(`DELETE FROM ${table}`);', errors: [{ messageId: 'sql' }] },
      { code: "const { query } = client; query('SELECT * FROM t WHERE a = ' + a);", errors: [{ messageId: 'sql' }] },
      { code: 'repo.createQueryBuilder(\'o\').where(`o.owner = \'${owner}\'`);', errors: [{ messageId: 'sql' }] },
      { code: "qb.andWhere('o.id = ' + id);", errors: [{ messageId: 'sql' }] },
    ],
  });
});

describe('shop/no-hardcoded-secret', () => {
  // Built at run time so this test file does not itself hold a secret-shaped literal.
  const pemHeader = ['-----BEGIN', 'PRIVATE KEY-----'].join(' ');
  tester.run('no-hardcoded-secret', rule('no-hardcoded-secret'), {
    valid: [
      "const password = readSecret('db.json');",
      "const title = 'The token is not valid';",
      "const accessTokenKeys = 'access-token-keys.json';",
      'const password = `pw-${randomUUID()}`;',
      "const tokenType = 'Bearer';",
    ],
    invalid: [
      { code: "const password = 'Sup3rS3cretPa55';", errors: [{ messageId: 'named' }] },
      { code: "const config = { apiKey: 'k-1234567890abcdef' };", errors: [{ messageId: 'named' }] },
      { code: "this.clientSecret = 'abcdef0123456789';", errors: [{ messageId: 'named' }] },
      { code: `const key = '${pemHeader}\\nMIIE';`, errors: [{ messageId: 'value' }] },
      { code: `const id = 'AKIA${'ABCDEFGHIJKLMNOP'}';`, errors: [{ messageId: 'value' }] },
    ],
  });
});

describe('shop/no-unvalidated-url', () => {
  tester.run('no-unvalidated-url', rule('no-unvalidated-url'), {
    valid: [
      "await fetch('https://example.com/health');",
      'await fetch(guardedUrl(input));',
      'await fetch(safeTarget);',
      "res.redirect('/login');",
      "https.get('https://example.com');",
      "res.setHeader('Location', '/login');",
      "res.setHeader('Content-Type', contentType);",
    ],
    invalid: [
      { code: 'await fetch(body.imageUrl);', errors: [{ messageId: 'url' }] },
      { code: 'await fetch(`https://${host}/x`);', errors: [{ messageId: 'url' }] },
      { code: 'res.redirect(req.query.next);', errors: [{ messageId: 'url' }] },
      { code: 'response.redirect(302, target);', errors: [{ messageId: 'url' }] },
      { code: 'await axios.get(url);', errors: [{ messageId: 'url' }] },
      { code: 'http.get(options.url);', errors: [{ messageId: 'url' }] },
      { code: "res.setHeader('Location', req.query.next);", errors: [{ messageId: 'url' }] },
      { code: "reply.header('location', target);", errors: [{ messageId: 'url' }] },
      { code: 'res.location(body.returnTo);', errors: [{ messageId: 'url' }] },
    ],
  });
});

describe('shop/disable-needs-reason', () => {
  tester.run('disable-needs-reason', rule('disable-needs-reason'), {
    valid: [
      '// eslint-disable-next-line no-console -- the CLI prints its report\nconst r = 1;',
      '/* eslint-disable eqeqeq -- generated code, compared loosely on purpose */\nconst a = 1;',
      '// an ordinary comment about eslint\nconst b = 1;',
    ],
    invalid: [
      { code: '// eslint-disable-next-line no-console\nconst q = 1;', errors: [{ messageId: 'reason' }] },
      // Blanket directives switch this rule off too; the CI gate catches them (gates.spec.ts).
    ],
  });
});
