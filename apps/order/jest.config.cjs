module.exports = {
  displayName: 'order',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
