module.exports = {
  displayName: 'transport-identity',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
