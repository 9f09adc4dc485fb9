module.exports = {
  displayName: 'docs-gen',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
