module.exports = {
  displayName: 'inventory',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
