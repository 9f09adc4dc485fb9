module.exports = {
  displayName: 'secrets',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
