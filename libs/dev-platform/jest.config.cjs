module.exports = {
  displayName: 'dev-platform',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
