module.exports = {
  displayName: 'authz',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
