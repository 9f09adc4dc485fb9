module.exports = {
  displayName: 'fuzz',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
